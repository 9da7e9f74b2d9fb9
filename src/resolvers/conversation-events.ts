import { encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { canFollow } from '../domain/conversation-access.ts';
import type { LoggedEvent } from '../domain/conversation-log.ts';
import { badInput, notFound } from '../errors.ts';
import type { Message as MessageRow, User as UserRow } from '../generated/prisma/client.ts';
import { conversationStream, type StreamItem } from '../live/conversation-stream.ts';
import { renewLoaders, viewerStreamOptions } from '../request-context.ts';
import { parseInput } from '../validation.ts';
import { conversationIdSchema } from './conversations.ts';
import { Message } from './messages.ts';
import { User } from './users.ts';

const loadMessage = async (event: LoggedEvent, context: Context): Promise<MessageRow> =>
  (await context.loaders.messageById.load(event.messageId!))!;
const loadUser = async (userId: string, context: Context): Promise<UserRow> => (await context.loaders.userById.load(userId))!;

type EventShape = { typename: string; event: LoggedEvent };
type TypingShape = { typename: 'Typing'; userId: string; expiresAt: Date };

const messageEvent = (name: string, description: string) =>
  builder.objectRef<EventShape>(name).implement({
    description,
    fields: (t) => ({
      seq: t.int({ resolve: ({ event }) => event.seq }),
      message: t.field({ type: Message, resolve: ({ event }, _args, context) => loadMessage(event, context) }),
    }),
  });

const memberEvent = (name: string, description: string) =>
  builder.objectRef<EventShape>(name).implement({
    description,
    fields: (t) => ({
      seq: t.int({ resolve: ({ event }) => event.seq }),
      user: t.field({ type: User, resolve: ({ event }, _args, context) => loadUser(event.userId!, context) }),
    }),
  });

const MessageAdded = messageEvent('MessageAdded', 'A new message.');
const MessageEdited = messageEvent('MessageEdited', 'A message whose text changed.');
const ReactionChanged = messageEvent('ReactionChanged', 'A reaction was added to or taken from the message.');
const MemberJoined = memberEvent('MemberJoined', 'Someone joined (or was added to) the conversation.');
const MemberLeft = memberEvent('MemberLeft', 'Someone left or was removed.');
const MessageDeleted = builder.objectRef<EventShape>('MessageDeleted').implement({
  description: 'A message became a tombstone.',
  fields: (t) => ({
    seq: t.int({ resolve: ({ event }) => event.seq }),
    messageId: t.id({ resolve: ({ event }) => encodeGlobalID('Message', event.messageId!) }),
  }),
});
const ReadUpTo = builder.objectRef<EventShape>('ReadUpTo').implement({
  description: "A member's read marker moved.",
  fields: (t) => ({
    seq: t.int({ resolve: ({ event }) => event.seq }),
    user: t.field({ type: User, resolve: ({ event }, _args, context) => loadUser(event.userId!, context) }),
    readSeq: t.int({ resolve: ({ event }) => event.readSeq! }),
  }),
});
const Typing = builder.objectRef<TypingShape>('Typing').implement({
  description: 'Someone is typing. Live only: no seq, never replayed.',
  fields: (t) => ({
    user: t.field({ type: User, resolve: (typing, _args, context) => loadUser(typing.userId, context) }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'Stop showing the indicator after this unless renewed.' }),
  }),
});

const typenames: Record<LoggedEvent['kind'], string> = {
  MESSAGE_ADDED: 'MessageAdded',
  MESSAGE_EDITED: 'MessageEdited',
  MESSAGE_DELETED: 'MessageDeleted',
  REACTION_CHANGED: 'ReactionChanged',
  MEMBER_JOINED: 'MemberJoined',
  MEMBER_LEFT: 'MemberLeft',
  READ_UP_TO: 'ReadUpTo',
};

const ConversationEvent = builder.unionType('ConversationEvent', {
  types: [MessageAdded, MessageEdited, MessageDeleted, ReactionChanged, MemberJoined, MemberLeft, ReadUpTo, Typing],
  resolveType: (item) => item.typename,
});

function toEventShape(item: StreamItem): EventShape | TypingShape {
  return item.type === 'typing'
    ? { typename: 'Typing', userId: item.userId, expiresAt: item.expiresAt }
    : { typename: typenames[item.event.kind], event: item.event };
}

builder.subscriptionFields((t) => ({
  conversationEvents: t.field({
    type: ConversationEvent,
    authScopes: { loggedIn: true },
    description:
      'Replays stored events with seq > afterSeq (none when afterSeq is omitted), then streams live ones: every event exactly once, in seq order. Ends when you may no longer read the conversation.',
    args: { conversationId: t.arg.id({ required: true }), afterSeq: t.arg.int() },
    subscribe: async (_root, args, context) => {
      const { conversationId, afterSeq } = parseInput(
        z.object({ conversationId: conversationIdSchema, afterSeq: z.number().int().min(0, 'must be 0 or more').nullish() }),
        { conversationId: String(args.conversationId), afterSeq: args.afterSeq },
        '',
      );
      const viewerId = context.viewer!.user.id;
      const mayRead = () => canFollow(context.prisma, viewerId, conversationId);
      if (!(await mayRead())) throw notFound('The conversation');
      if (afterSeq) {
        const { lastSeq } = await context.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { lastSeq: true } });
        if (afterSeq > lastSeq) throw badInput('afterSeq', `is ahead of the conversation, whose newest event is ${lastSeq}`);
      }
      return conversationStream({ ...viewerStreamOptions(context), conversationId, afterSeq: afterSeq ?? null, mayRead });
    },
    resolve: (item: StreamItem, _args, context) => {
      // A seq is unique within a conversation and a message or member within it names one, so
      // the key names this event; what the key shares (rows by id) is the same whichever it is.
      const { event } = item.type === 'event' ? item : { event: undefined };
      renewLoaders(context, event && context.services.eventReads.forEvent(`${event.seq}:${event.messageId ?? ''}:${event.userId ?? ''}`));
      return toEventShape(item);
    },
  }),
}));
