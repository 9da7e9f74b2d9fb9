import type { PrismaClient } from '../generated/prisma/client.ts';

export interface ReactionCount {
  emoji: string;
  count: number;
  reactedByMe: boolean;
}

/** Reaction counts of each message, emoji by emoji in the order they were first used, in key order. */
export async function loadReactions(prisma: PrismaClient, viewerId: string | null, messageIds: readonly string[]): Promise<ReactionCount[][]> {
  const rows = await prisma.$queryRaw<{ messageId: string; emoji: string; count: number; mine: boolean }[]>`
    SELECT "messageId"::text AS "messageId", emoji, count(*)::int AS count,
           bool_or("userId" = ${viewerId}::uuid) AS mine
    FROM "Reaction"
    WHERE "messageId" = ANY(${[...messageIds]}::uuid[])
    GROUP BY "messageId", emoji
    ORDER BY min("createdAt"), emoji`;
  const byMessage = new Map<string, ReactionCount[]>();
  for (const row of rows) {
    const list = byMessage.get(row.messageId) ?? [];
    list.push({ emoji: row.emoji, count: row.count, reactedByMe: row.mine ?? false });
    byMessage.set(row.messageId, list);
  }
  return messageIds.map((id) => byMessage.get(id) ?? []);
}

/** A message's reactions with who made each, the same for every viewer (for a live event's subscribers). */
export interface Reactors {
  emoji: string;
  userIds: string[];
}

/** Reactors of each message, emoji by emoji in the order they were first used, in key order. */
export async function loadReactors(prisma: PrismaClient, messageIds: readonly string[]): Promise<Reactors[][]> {
  const rows = await prisma.$queryRaw<{ messageId: string; emoji: string; userIds: string[] }[]>`
    SELECT "messageId"::text AS "messageId", emoji, array_agg("userId"::text) AS "userIds"
    FROM "Reaction"
    WHERE "messageId" = ANY(${[...messageIds]}::uuid[])
    GROUP BY "messageId", emoji
    ORDER BY min("createdAt"), emoji`;
  const byMessage = new Map<string, Reactors[]>();
  for (const row of rows) byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), { emoji: row.emoji, userIds: row.userIds }]);
  return messageIds.map((id) => byMessage.get(id) ?? []);
}

/** Reaction counts as `viewerId` sees them; a failed load (an Error from loadMany) is passed on. */
export function reactionsSeenBy(reactors: Reactors[] | Error, viewerId: string | null): ReactionCount[] | Error {
  if (reactors instanceof Error) return reactors;
  return reactors.map(({ emoji, userIds }) => ({ emoji, count: userIds.length, reactedByMe: viewerId !== null && userIds.includes(viewerId) }));
}
