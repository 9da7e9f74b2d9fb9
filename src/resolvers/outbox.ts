import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { claimDeliveries, deliveryTarget, reportDeliveries, type ClaimedDelivery } from '../domain/outbox.ts';
import { Channel as ChannelValues, DeliveryKind as KindValues } from '../generated/prisma/client.ts';
import { outboxStream } from '../live/outbox-stream.ts';
import { parseInput } from '../validation.ts';
import { loadSubject } from './subjects.ts';
import { Locale } from './users.ts';

export const Channel = builder.enumType(ChannelValues, { name: 'Channel' });
const DeliveryKind = builder.enumType(KindValues, { name: 'DeliveryKind' });
const DeliveryOutcome = builder.enumType('DeliveryOutcome', {
  values: ['SENT', 'FAILED', 'BLOCKED', 'RETRY'] as const,
  description:
    'SENT (with externalId); FAILED (tried again later, up to 5 attempts); BLOCKED (the person blocked the bot); RETRY (Telegram asked to wait retryAfterSeconds).',
});

const service = { authScopes: { service: true } } as const;

/**
 * The bot service may read what it is handed to deliver: the subject, and for a message the
 * conversation it belongs to (so a reply can be sent there).
 */
async function grantedSubject(context: Context, subjectType: ClaimedDelivery['subjectType'], subjectId: string | null) {
  if (!subjectId) return null;
  context.serviceGrants.add(subjectId);
  const subject = await loadSubject(context, subjectType, subjectId);
  if (subjectType === 'MESSAGE' && subject) context.serviceGrants.add((subject as { conversationId: string }).conversationId);
  return subject;
}

const Delivery = builder.objectRef<ClaimedDelivery>('Delivery').implement({
  description: 'Something the bot must send to a person, leased to the worker that claimed it.',
  fields: (t) => ({
    id: t.id({
      description: 'Names this claim of the delivery: report with it (a report from an earlier claim cannot undo this one).',
      resolve: (delivery) => encodeGlobalID('Delivery', `${delivery.id}.${delivery.claim}`),
    }),
    kind: t.field({ type: DeliveryKind, resolve: (delivery) => delivery.kind }),
    chatId: t.exposeString('chatId'),
    locale: t.field({ type: Locale, description: "The person's language, for the bot's own texts.", resolve: (delivery) => delivery.locale }),
    text: t.exposeString('text', { description: 'The content: the broadcast, the message, the notification or the prompt text.' }),
    subject: t.field({
      type: builder.nodeInterfaceRef(),
      nullable: true,
      description: 'The Broadcast, Message, User (friend requests) or CheckInPrompt it is about.',
      resolve: (delivery, _args, context) => grantedSubject(context, delivery.subjectType, delivery.subjectId),
    }),
    broadcastId: t.id({ nullable: true, resolve: (delivery) => (delivery.broadcastId ? encodeGlobalID('Broadcast', delivery.broadcastId) : null) }),
    attempts: t.exposeInt('attempts', { description: 'Claims so far, this one included (a RETRY does not count).' }),
    leaseExpiresAt: t.expose('leaseExpiresAt', { type: 'DateTime', description: 'Report before this; after it the delivery may be handed out again.' }),
  }),
});

const ClaimInput = builder.inputType('ClaimInput', {
  fields: (t) => ({
    channel: t.field({ type: Channel, required: true }),
    limit: t.int({ required: true, description: '1–500.' }),
    leaseSeconds: t.int({ description: 'How long the claim holds, 5–3600 seconds (default 60).' }),
  }),
});
const claimSchema = z.object({
  channel: z.enum(['IN_APP', 'TELEGRAM']),
  limit: z.number().int().min(1, 'at least 1').max(500, 'at most 500'),
  leaseSeconds: z.number().int().min(5, 'at least 5 seconds').max(3600, 'at most 3600 seconds').nullish(),
});

const DeliveryReportInput = builder.inputType('DeliveryReportInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    outcome: t.field({ type: DeliveryOutcome, required: true }),
    retryAfterSeconds: t.int({ description: 'RETRY: seconds to wait (1–86400).' }),
    error: t.string({ description: "What went wrong (Telegram's description), kept with the delivery." }),
    externalId: t.string({ description: 'SENT: the Telegram message_id, so replies to it can be routed.' }),
  }),
});
const ReportInput = builder.inputType('ReportInput', { fields: (t) => ({ reports: t.field({ type: [DeliveryReportInput], required: true }) }) });
/** A claimed delivery's id: `Delivery:<uuid>.<claim>`, as claimDeliveries gave it. */
const claimedIdSchema = z.string().transform((globalId, context) => {
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    decoded = undefined;
  }
  const match = decoded?.typename === 'Delivery' ? /^([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})\.(\d{1,9})$/i.exec(decoded.id) : null;
  if (!match) {
    context.addIssue({ code: 'custom', message: 'is not the id of a claimed Delivery (as claimDeliveries gave it)' });
    return z.NEVER;
  }
  return { id: match[1]!.toLowerCase(), claim: Number(match[2]) };
});

const reportSchema = z.object({
  reports: z
    .array(
      z
        .object({
          id: claimedIdSchema,
          outcome: z.enum(['SENT', 'FAILED', 'BLOCKED', 'RETRY']),
          retryAfterSeconds: z.number().int().min(1, 'at least 1 second').max(86_400, 'at most a day').nullish(),
          error: z.string().max(1000, 'at most 1000 characters').nullish(),
          externalId: z.string().min(1).max(64, 'at most 64 characters').nullish(),
        })
        .refine((report) => report.outcome !== 'RETRY' || report.retryAfterSeconds != null, {
          message: 'RETRY needs retryAfterSeconds',
          path: ['retryAfterSeconds'],
        })
        .refine((report) => report.outcome !== 'SENT' || report.externalId != null, {
          message: 'SENT needs externalId (the Telegram message_id), so replies to it can be routed',
          path: ['externalId'],
        }),
    )
    .max(1000, 'at most 1000 reports at a time'),
});

const chatIdSchema = z.string().regex(/^-?\d{1,20}$/, 'a Telegram chat id is a number');
const externalIdSchema = z.string().regex(/^\d{1,20}$/, 'a Telegram message id is a number');

builder.mutationFields((t) => ({
  claimDeliveries: t.field({
    type: [Delivery],
    ...service,
    description: 'Leases up to `limit` due deliveries; never the same one to two claimers, and a chat’s in the order they were made.',
    args: { input: t.arg({ type: ClaimInput, required: true }) },
    resolve: (_root, { input }, context) => {
      const { channel, limit, leaseSeconds } = parseInput(claimSchema, input);
      return claimDeliveries(context.prisma, channel, limit, leaseSeconds ?? 60, context.services.now());
    },
  }),
  reportDeliveries: t.int({
    ...service,
    description: 'Reports what became of claimed deliveries; idempotent. Answers how many deliveries changed.',
    args: { input: t.arg({ type: ReportInput, required: true }) },
    resolve: (_root, { input }, context) => {
      const { reports } = parseInput(reportSchema, input);
      const parsed = reports.map(({ id, ...report }) => ({ ...report, id: id.id, claim: id.claim }));
      return reportDeliveries(context.prisma, parsed, context.services.now());
    },
  }),
}));

builder.queryField('deliveryTarget', (t) =>
  t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    ...service,
    description: 'What a message the bot sent to this chat was about (a Message, a CheckInPrompt…), so a reply to it can be routed.',
    args: { chatId: t.arg.string({ required: true }), externalId: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      const chatId = parseInput(chatIdSchema, args.chatId, 'chatId');
      const externalId = parseInput(externalIdSchema, args.externalId, 'externalId');
      const target = await deliveryTarget(context.prisma, chatId, externalId);
      return target ? grantedSubject(context, target.subjectType, target.subjectId) : null;
    },
  }),
);

builder.subscriptionField('deliveriesReady', (t) =>
  t.int({
    ...service,
    description: 'Wakes outbox workers: how many deliveries are pending when it starts, then how many each change queued.',
    args: { channel: t.arg({ type: Channel, required: true }) },
    subscribe: (_root, args, context) => outboxStream(context.prisma, context.pubsub, context.log, args.channel),
    resolve: (queued: number) => queued,
  }),
);
