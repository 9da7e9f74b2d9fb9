import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { canFollow } from '../domain/conversation-access.ts';
import { messagesAround, messagesPage } from '../domain/conversation-lists.ts';
import { deleteMessage, editMessage, markRead, reactionEmojis, sendMessage, toggleReaction } from '../domain/messages.ts';
import { badInput, forbidden, notFound } from '../errors.ts';
import type { Message as MessageRow } from '../generated/prisma/client.ts';
import type { ReactionCount as ReactionCountShape } from '../loaders/reactions.ts';
import { parseInput } from '../validation.ts';
import { announce, Conversation, ConversationInput, conversationIdSchema } from './conversations.ts';
import { decodeKeyCursor, encodeCursor } from './cursors.ts';
import { globalIdSchema, idFromGlobalId } from './global-ids.ts';
import { registerSubject } from './subjects.ts';
import { User } from './users.ts';

/** How long a typing indicator lasts unless renewed. */
export const typingTtlMs = 5_000;

const ReactionCount = builder.objectRef<ReactionCountShape>('ReactionCount').implement({
  fields: (t) => ({
    emoji: t.exposeString('emoji'),
    count: t.exposeInt('count'),
    reactedByMe: t.exposeBoolean('reactedByMe'),
  }),
});

export const Message = builder.prismaNode('Message', {
  id: { field: 'id' },
  nullable: true,
  // Members; and the bot service, for a message it was handed to deliver.
  authScopes: (message, context) => context.serviceGrants.has(message.id) || { member: message.conversationId },
  fields: (t) => ({
    seq: t.exposeInt('seq', { description: 'Per conversation, strictly increasing, no gaps.' }),
    text: t.exposeString('text', { nullable: true, description: 'null once deleted.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    editedAt: t.expose('editedAt', { type: 'DateTime', nullable: true }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true }),
    conversation: t.field({
      type: Conversation,
      resolve: async (message, _args, context) => (await context.loaders.conversationById.load(message.conversationId))!,
    }),
    author: t.field({ type: User, resolve: async (message, _args, context) => (await context.loaders.userById.load(message.authorId))! }),
    reactions: t.field({ type: [ReactionCount], resolve: (message, _args, context) => context.loaders.reactions.load(message.id) }),
  }),
});

registerSubject('MESSAGE', Message, (context, id) => context.loaders.messageById.load(id));

builder.prismaObjectFields('Message', (t) => ({
  replyTo: t.field({
    type: Message,
    nullable: true,
    resolve: (message, _args, context) => (message.replyToId ? context.loaders.messageById.load(message.replyToId) : null),
  }),
}));

const MessageConnection = builder.connectionObject({ type: Message, name: 'MessageConnection' }, { name: 'MessageEdge' });
const messageCursor = (message: MessageRow) => encodeCursor('messages', [message.seq]);

builder.prismaObjectFields('Conversation', (t) => ({
  lastMessage: t.field({
    type: Message,
    nullable: true,
    resolve: (conversation, _args, context) => (conversation.lastMessageId ? context.loaders.messageById.load(conversation.lastMessageId) : null),
  }),
  messages: t.connection(
    {
      type: Message,
      description: 'By seq. `last`/`before` page back through history; `around` opens the page that holds a given message.',
      args: { around: t.arg.id({ description: 'A message id: returns `first` (default 20) messages centred on it.' }) },
      resolve: async (conversation, args, context) => {
        if (args.around) {
          const size = args.first ?? 20;
          if (size < 1 || size > 100) throw badInput('first', 'must be between 1 and 100 with around');
          const target = await context.loaders.messageById.load(idFromGlobalId(String(args.around), 'Message', 'around'));
          if (!target || target.conversationId !== conversation.id) throw notFound('The message');
          const page = await messagesAround(context.prisma, conversation.id, target.seq, size);
          const edges = page.messages.map((node) => ({ cursor: messageCursor(node), node }));
          return {
            edges,
            pageInfo: {
              hasPreviousPage: page.hasPreviousPage,
              hasNextPage: page.hasNextPage,
              startCursor: edges[0]?.cursor ?? null,
              endCursor: edges.at(-1)?.cursor ?? null,
            },
          };
        }
        const decode = (cursor: string | undefined, argument: string) => decodeKeyCursor('messages', cursor, argument, ['int'])?.[0] ?? null;
        return resolveCursorConnection({ args, toCursor: messageCursor }, ({ after, before, limit, inverted }: ResolveCursorConnectionArgs) =>
          messagesPage(context.prisma, conversation.id, { after: decode(after, 'after'), before: decode(before, 'before'), limit, inverted }),
        );
      },
    },
    MessageConnection,
  ),
}));

const messageText = z.string().trim().min(1, 'a message cannot be empty').max(4000, 'a message is at most 4000 characters');
const messageIdSchema = globalIdSchema('Message');

const SendMessageInput = builder.inputType('SendMessageInput', {
  fields: (t) => ({ conversationId: t.id({ required: true }), text: t.string({ required: true }), replyToId: t.id() }),
});
const EditMessageInput = builder.inputType('EditMessageInput', {
  fields: (t) => ({ messageId: t.id({ required: true }), text: t.string({ required: true }) }),
});
const MessageInput = builder.inputType('MessageInput', { fields: (t) => ({ messageId: t.id({ required: true }) }) });
const ReactionInput = builder.inputType('ReactionInput', {
  fields: (t) => ({ messageId: t.id({ required: true }), emoji: t.string({ required: true, description: reactionEmojis.join(' ') }) }),
});
const MarkReadInput = builder.inputType('MarkReadInput', {
  fields: (t) => ({ conversationId: t.id({ required: true }), seq: t.int({ required: true }) }),
});

builder.mutationFields((t) => ({
  sendMessage: t.prismaField({
    type: 'Message',
    description: 'Text 1–4000 characters after trimming; replyToId must be a message of the same conversation.',
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: SendMessageInput, required: true }) },
    resolve: async (_query, _root, { input }, context) => {
      const { conversationId, text, replyToId } = parseInput(
        z.object({ conversationId: conversationIdSchema, text: messageText, replyToId: messageIdSchema.nullish() }),
        input,
      );
      const { message, change } = await sendMessage(context.prisma, context.viewer!.user, conversationId, text, replyToId ?? null, context.services.now());
      announce(context, change);
      return message;
    },
  }),
  editMessage: t.prismaField({
    type: 'Message',
    description: 'The author only; sets editedAt.',
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: EditMessageInput, required: true }) },
    resolve: async (_query, _root, { input }, context) => {
      const { messageId, text } = parseInput(z.object({ messageId: messageIdSchema, text: messageText }), input);
      const { message, change } = await editMessage(context.prisma, context.viewer!.user.id, messageId, text);
      announce(context, change);
      return message;
    },
  }),
  deleteMessage: t.boolean({
    description: "The author, or a group's owner or admin: leaves a tombstone (text null, deletedAt set).",
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: MessageInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const { messageId } = parseInput(z.object({ messageId: messageIdSchema }), input);
      announce(context, (await deleteMessage(context.prisma, context.viewer!.user.id, messageId)).change);
      return true;
    },
  }),
  toggleReaction: t.prismaField({
    type: 'Message',
    description: `Adds your reaction with this emoji, or takes it back. One of ${reactionEmojis.join(' ')}.`,
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: ReactionInput, required: true }) },
    resolve: async (_query, _root, { input }, context) => {
      const { messageId, emoji } = parseInput(
        z.object({ messageId: messageIdSchema, emoji: z.enum(reactionEmojis, { message: `must be one of ${reactionEmojis.join(' ')}` }) }),
        input,
      );
      const { message, change } = await toggleReaction(context.prisma, context.viewer!.user.id, messageId, emoji);
      announce(context, change);
      return message;
    },
  }),
  markRead: t.prismaField({
    type: 'Conversation',
    description: 'Moves your read marker forward to seq (capped at the newest); never back.',
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: MarkReadInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const { conversationId, seq } = parseInput(
        z.object({ conversationId: conversationIdSchema, seq: z.number().int().min(0, 'must be 0 or more') }),
        input,
      );
      announce(context, await markRead(context.prisma, context.viewer!.user.id, conversationId, seq, context.services.now()));
      return context.prisma.conversation.findUniqueOrThrow({ ...query, where: { id: conversationId } });
    },
  }),
  setTyping: t.boolean({
    description: `Tells the other members you are typing, for ${typingTtlMs / 1000} s. Live only: nothing is stored.`,
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: ConversationInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const { conversationId } = parseInput(z.object({ conversationId: conversationIdSchema }), { conversationId: String(input.conversationId) });
      const viewerId = context.viewer!.user.id;
      if ((await context.loaders.membership.load(conversationId)) === null) throw notFound('The conversation');
      if (!(await canFollow(context.prisma, viewerId, conversationId))) throw forbidden('You cannot message this person.');
      const expiresAt = new Date(context.services.now().getTime() + typingTtlMs).toISOString();
      await context.pubsub.publish('conversation', conversationId, { kind: 'typing', userId: viewerId, expiresAt });
      return true;
    },
  }),
}));
