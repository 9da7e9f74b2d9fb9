import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { measureAudience, type Audience } from '../domain/broadcast-audience.ts';
import type { BroadcastProgress as ProgressShape } from '../domain/broadcast-progress.ts';
import { broadcastsPage, cancelBroadcast, sendBroadcast, type BroadcastKey } from '../domain/broadcasts.ts';
import { BroadcastState as StateValues, type Broadcast as BroadcastRow } from '../generated/prisma/client.ts';
import { broadcastProgressStream } from '../live/broadcast-progress-stream.ts';
import { publishBroadcast } from '../live/publish.ts';
import { notFound } from '../errors.ts';
import { viewerStreamOptions } from '../request-context.ts';
import { parseInput } from '../validation.ts';
import { decodeKeyCursor, encodeCursor } from './cursors.ts';
import { globalIdSchema, idFromGlobalId } from './global-ids.ts';
import { announceNotifications } from './notifications.ts';
import { registerSubject } from './subjects.ts';
import { Locale, User } from './users.ts';

export const BroadcastState = builder.enumType(StateValues, {
  name: 'BroadcastState',
  description: 'SENDING until nothing is pending; DRAFT is not used (a preview is not stored).',
});

const BroadcastProgress = builder.objectRef<ProgressShape>('BroadcastProgress').implement({
  description: 'Counts over every delivery of the broadcast, both channels: total = sent + failed + blocked + pending + cancelled.',
  fields: (t) => ({
    total: t.exposeInt('total'),
    sent: t.exposeInt('sent', { description: 'In-app deliveries count as sent when the broadcast is sent.' }),
    failed: t.exposeInt('failed'),
    blocked: t.exposeInt('blocked', { description: 'Telegram said the person blocked the bot.' }),
    pending: t.exposeInt('pending'),
    cancelled: t.exposeInt('cancelled'),
    perSecond: t.exposeFloat('perSecond', { description: 'Telegram messages sent per second, over the last 10 seconds.' }),
    etaSeconds: t.exposeInt('etaSeconds', { nullable: true, description: '0 when done; null while nothing is being sent.' }),
  }),
});

const adminOnly = { authScopes: { admin: true } } as const;

export const Broadcast = builder.prismaNode('Broadcast', {
  id: { field: 'id' },
  nullable: true,
  // Admins; the people it was sent to (its text, for their notification); the bot service for a
  // delivery it was handed. Who sent it, to how many and how it went are for admins only.
  authScopes: async (broadcast, context) =>
    context.viewer?.user.role === 'ADMIN' || context.serviceGrants.has(broadcast.id) || context.loaders.broadcastReceived.load(broadcast.id),
  fields: (t) => ({
    text: t.exposeString('text'),
    state: t.expose('state', { type: BroadcastState }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true, description: 'When it was done or cancelled.' }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    createdBy: t.field({ type: User, ...adminOnly, resolve: async (broadcast, _args, context) => (await context.loaders.userById.load(broadcast.createdById))! }),
    recipientCount: t.exposeInt('recipientCount', { ...adminOnly, description: 'People in the audience when it was sent.' }),
    audience: t.string({ ...adminOnly, description: 'The audience as given, as JSON.', resolve: (broadcast) => JSON.stringify(broadcast.audience) }),
    progress: t.field({
      type: BroadcastProgress,
      ...adminOnly,
      resolve: (broadcast, _args, context) => context.loaders.broadcastProgress.load(broadcast),
    }),
  }),
});

registerSubject('BROADCAST', Broadcast, (context, id) => context.loaders.broadcastById.load(id));

const BroadcastConnection = builder.connectionObject({ type: Broadcast, name: 'BroadcastConnection' }, { name: 'BroadcastEdge' });

const AudienceInput = builder.inputType('AudienceInput', {
  description: 'Every condition given must hold; none given means everyone.',
  fields: (t) => ({
    locales: t.field({ type: [Locale], description: 'People using one of these languages.' }),
    activeWithinDays: t.int({ description: 'People who signed in within this many days (1–3650).' }),
    telegramLinkedOnly: t.boolean({ description: 'Only people who linked Telegram.' }),
  }),
});
const BroadcastInput = builder.inputType('BroadcastInput', {
  fields: (t) => ({
    text: t.string({ required: true, description: "1–4096 characters after trimming (Telegram's limit)." }),
    audience: t.field({ type: AudienceInput }),
  }),
});
const BroadcastTargetInput = builder.inputType('BroadcastTargetInput', { fields: (t) => ({ broadcastId: t.id({ required: true }) }) });

const broadcastSchema = z.object({
  text: z.string().trim().min(1, 'a broadcast cannot be empty').max(4096, "at most 4096 characters (Telegram's limit)"),
  audience: z
    .object({
      locales: z.array(z.enum(['EN', 'RU', 'ES'])).min(1, 'give at least one locale, or leave locales out for all').nullish(),
      activeWithinDays: z.number().int().min(1, 'at least 1 day').max(3650, 'at most 3650 days').nullish(),
      telegramLinkedOnly: z.boolean().nullish(),
    })
    .nullish(),
});

const BroadcastPreview = builder.objectRef<{ recipientCount: number; telegramCount: number; text: string }>('BroadcastPreview').implement({
  fields: (t) => ({
    recipientCount: t.exposeInt('recipientCount', { description: 'People who would receive it (in the app).' }),
    telegramCount: t.exposeInt('telegramCount', { description: 'Those of them the bot would also message on Telegram.' }),
    text: t.exposeString('text', { description: 'The text as it will be sent.' }),
  }),
});

function parseBroadcast(input: unknown): { text: string; audience: Audience } {
  const { text, audience } = parseInput(broadcastSchema, input);
  return { text, audience: audience ?? {} };
}

const broadcastIdOf = (input: { broadcastId: string | number }) => idFromGlobalId(String(input.broadcastId), 'Broadcast', 'input.broadcastId');

/** A sent broadcast reaches people: their notifications live, the outbox's workers awake. */
function announceBroadcast(context: Context, broadcastId: string, telegramQueued: number): void {
  publishBroadcast(context.pubsub, broadcastId).catch((error: unknown) => {
    context.log.warn({ err: error, broadcastId }, 'could not push a broadcast live; its notifications are stored and listed');
  });
  announceNotifications(context, { notified: [], telegramQueued });
}

builder.mutationFields((t) => ({
  previewBroadcast: t.field({
    type: BroadcastPreview,
    ...adminOnly,
    args: { input: t.arg({ type: BroadcastInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const { text, audience } = parseBroadcast(input);
      return { ...(await measureAudience(context.prisma, audience, context.services.now())), text };
    },
  }),
  sendBroadcast: t.prismaField({
    type: 'Broadcast',
    ...adminOnly,
    description: 'Writes the whole ledger in one go; in-app notifications arrive at once, Telegram messages as the bot sends them.',
    args: { input: t.arg({ type: BroadcastInput, required: true }) },
    resolve: async (_query, _root, { input }, context) => {
      const { text, audience } = parseBroadcast(input);
      const sent = await sendBroadcast(context.prisma, context.viewer!.user.id, text, audience, context.services.now());
      announceBroadcast(context, sent.broadcast.id, sent.telegramQueued);
      return sent.broadcast;
    },
  }),
  cancelBroadcast: t.prismaField({
    type: 'Broadcast',
    ...adminOnly,
    description: 'Stops what is still pending; what was sent stays counted. CONFLICT once it is done.',
    args: { input: t.arg({ type: BroadcastTargetInput, required: true }) },
    resolve: (_query, _root, { input }, context) => cancelBroadcast(context.prisma, broadcastIdOf(input), context.services.now()),
  }),
}));

builder.queryField('broadcasts', (t) =>
  t.connection(
    {
      type: Broadcast,
      ...adminOnly,
      description: 'Every broadcast, newest first: the audit trail of who sent what to how many.',
      resolve: (_root, args, context) => {
        const list = 'broadcasts';
        const decode = (cursor: string | undefined, argument: string): BroadcastKey | null => decodeKeyCursor(list, cursor, argument, ['instant', 'uuid']);
        return resolveCursorConnection(
          { args, toCursor: (row: BroadcastRow) => encodeCursor(list, [row.createdAt.toISOString(), row.id]) },
          ({ after, before, limit, inverted }: ResolveCursorConnectionArgs) =>
            broadcastsPage(context.prisma, { after: decode(after, 'after'), before: decode(before, 'before'), limit, inverted }),
        );
      },
    },
    BroadcastConnection,
  ),
);

builder.subscriptionField('broadcastProgress', (t) =>
  t.field({
    type: BroadcastProgress,
    ...adminOnly,
    description: 'At once, then every second while SENDING, and a last time when DONE or CANCELLED; then it ends.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: async (_root, args, context) => {
      const broadcastId = parseInput(globalIdSchema('Broadcast'), String(args.id), 'id');
      if (!(await context.loaders.broadcastById.load(broadcastId))) throw notFound('The broadcast');
      return broadcastProgressStream({ ...viewerStreamOptions(context), broadcastId, now: context.services.now });
    },
    resolve: (progress: ProgressShape) => progress,
  }),
);
