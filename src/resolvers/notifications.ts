import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { markNotificationsRead, notificationsPage, type NotificationKey, type Written } from '../domain/notifications.ts';
import { NotificationKind as KindValues, type Notification as NotificationRow } from '../generated/prisma/client.ts';
import { publishNotifications, publishOutboxReady } from '../live/publish.ts';
import { parseInput } from '../validation.ts';
import { decodeKeyCursor, encodeCursor } from './cursors.ts';
import { globalIdSchema } from './global-ids.ts';
import { loadSubject, registerSubject } from './subjects.ts';
import { User, ViewerType } from './users.ts';

export const NotificationKind = builder.enumType(KindValues, { name: 'NotificationKind' });

/**
 * Pushes notifications written by a committed change and wakes the outbox's workers for the
 * deliveries it queued; a failed publish is logged, never fatal (everything is stored).
 */
export function announceNotifications(context: Context, written: Written): void {
  if (written.notified.length > 0) {
    publishNotifications(context.pubsub, written.notified).catch((error: unknown) => {
      context.log.warn({ err: error }, 'could not push notifications live; they are stored and listed');
    });
  }
  if (written.telegramQueued > 0) {
    publishOutboxReady(context.pubsub, written.telegramQueued).catch((error: unknown) => {
      context.log.warn({ err: error }, 'could not wake the outbox workers; they find the deliveries when they next look');
    });
  }
}

registerSubject('USER', User, (context, id) => context.loaders.userById.load(id));

export const Notification = builder.prismaNode('Notification', {
  id: { field: 'id' },
  nullable: true,
  authScopes: (notification, context) => notification.userId === context.viewer?.user.id,
  fields: (t) => ({
    kind: t.expose('kind', { type: NotificationKind }),
    text: t.string({
      description: "Ready to show, in the recipient's language (a broadcast's is its text).",
      resolve: async (notification, _args, context) =>
        notification.text ?? (notification.subjectId ? (await context.loaders.broadcastById.load(notification.subjectId))?.text : null) ?? '',
    }),
    count: t.exposeInt('count', { description: 'How many events it stands for (new messages in one conversation add up).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was made or last updated.' }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
    subject: t.field({
      type: builder.nodeInterfaceRef(),
      nullable: true,
      description: 'What it is about: the User (friend requests), the Conversation (new messages), the CheckInPrompt, the Broadcast.',
      resolve: (notification, _args, context) => loadSubject(context, notification.subjectType, notification.subjectId),
    }),
    actor: t.field({
      type: User,
      nullable: true,
      description: 'Who caused it, if anyone.',
      resolve: (notification, _args, context) => (notification.actorId ? context.loaders.userById.load(notification.actorId) : null),
    }),
  }),
});

const NotificationConnection = builder.connectionObject(
  { type: Notification, name: 'NotificationConnection' },
  { name: 'NotificationEdge' },
);

const list = 'notifications';

builder.objectFields(ViewerType, (t) => ({
  notifications: t.connection(
    {
      type: Notification,
      description: 'Newest first; a NEW_MESSAGE notification moves up as more messages arrive.',
      args: { unreadOnly: t.arg.boolean({ defaultValue: false }) },
      resolve: (viewer, args, context) => {
        const decode = (cursor: string | undefined, argument: string): NotificationKey | null =>
          decodeKeyCursor(list, cursor, argument, ['instant', 'uuid']);
        return resolveCursorConnection(
          { args, toCursor: (row: NotificationRow) => encodeCursor(list, [row.createdAt.toISOString(), row.id]) },
          ({ after, before, limit, inverted }: ResolveCursorConnectionArgs) =>
            notificationsPage(context.prisma, viewer.userId, args.unreadOnly ?? false, {
              after: decode(after, 'after'),
              before: decode(before, 'before'),
              limit,
              inverted,
            }),
        );
      },
    },
    NotificationConnection,
  ),
  unreadNotificationCount: t.int({
    resolve: (viewer, _args, context) => context.prisma.notification.count({ where: { userId: viewer.userId, readAt: null } }),
  }),
}));

const MarkNotificationsReadInput = builder.inputType('MarkNotificationsReadInput', {
  description: 'Exactly one of ids and all.',
  fields: (t) => ({ ids: t.idList(), all: t.boolean() }),
});

const markReadSchema = z
  .object({ ids: z.array(globalIdSchema('Notification')).max(500, 'at most 500 at a time').nullish(), all: z.boolean().nullish() })
  .refine((input) => (input.ids != null) !== (input.all === true), 'give either ids or all: true');

builder.mutationField('markNotificationsRead', (t) =>
  t.int({
    description: 'Marks your notifications read (the ones named, or all); answers how many were unread. Ids that are not yours count for nothing.',
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: MarkNotificationsReadInput, required: true }) },
    resolve: (_root, { input }, context) => {
      const { ids } = parseInput(markReadSchema, input);
      return markNotificationsRead(context.prisma, context.viewer!.user.id, ids ?? 'all', context.services.now());
    },
  }),
);
