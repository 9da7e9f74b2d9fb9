import { brandWithType } from '@pothos/core';
import type { Context } from '../context.ts';
import type { NotificationSubject } from '../generated/prisma/client.ts';

type NodeType = Parameters<typeof brandWithType>[1];

/**
 * What notifications and deliveries can be about, by table. Each type registers itself here
 * (in its own file), so the files that point at subjects need not import every type; a subject
 * is returned as a `Node` of its type.
 */
const loaders = new Map<NotificationSubject, (context: Context, id: string) => Promise<object | null>>();

export function registerSubject(subjectType: NotificationSubject, type: NodeType, load: (context: Context, id: string) => Promise<object | null>): void {
  loaders.set(subjectType, async (context, id) => {
    const subject = await load(context, id);
    if (subject) brandWithType(subject, type);
    return subject;
  });
}

/** The subject as a Node of its type, or null when it is gone (or the loader hides it). */
export async function loadSubject(context: Context, subjectType: NotificationSubject | null, subjectId: string | null): Promise<object | null> {
  const load = subjectType && subjectId ? loaders.get(subjectType) : undefined;
  return load ? load(context, subjectId!) : null;
}
