import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { conversationsPage, membersPage, type ActivityKey, type MemberKey } from '../domain/conversation-lists.ts';
import type { ConversationChange } from '../domain/conversation-log.ts';
import { addMembers, createGroup, leave, maxGroupMembersPerCall, openDirect, removeMember } from '../domain/conversations.ts';
import { notFound } from '../errors.ts';
import { ConversationKind as KindValues, MemberRole as RoleValues, type ConversationMember } from '../generated/prisma/client.ts';
import { publishChange } from '../live/publish.ts';
import { parseInput } from '../validation.ts';
import { decodeKeyCursor, encodeCursor } from './cursors.ts';
import { FriendTargetInput, resolveTarget } from './friendships.ts';
import { globalIdSchema, idFromGlobalId } from './global-ids.ts';
import { announceNotifications } from './notifications.ts';
import { registerSubject } from './subjects.ts';
import { User, ViewerType } from './users.ts';

export const ConversationKind = builder.enumType(KindValues, { name: 'ConversationKind' });
export const MemberRole = builder.enumType(RoleValues, { name: 'MemberRole' });

/** Announces a committed change without making the caller wait for, or fail on, the pub/sub. */
export function announce(context: Context, change: ConversationChange): void {
  publishChange(context.pubsub, change).catch((error: unknown) => {
    context.log.warn({ err: error, conversationId: change.conversationId }, 'publish failed; subscribers will catch up from the log');
  });
  announceNotifications(context, { notified: change.notifications ?? [], telegramQueued: change.telegramQueued ?? 0 });
}

export const Conversation = builder.prismaNode('Conversation', {
  id: { field: 'id' },
  nullable: true,
  // Only members see a conversation, however they reach it (node, a message, a list); and the
  // bot service, for the conversation of a message it was handed to deliver.
  authScopes: (conversation, context) => context.serviceGrants.has(conversation.id) || { member: conversation.id },
  fields: (t) => ({
    kind: t.expose('kind', { type: ConversationKind }),
    title: t.exposeString('title', { nullable: true, description: 'GROUP only.' }),
    lastSeq: t.exposeInt('lastSeq', { description: 'seq of the newest event.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastActivityAt: t.expose('lastActivityAt', { type: 'DateTime', description: 'When the newest message arrived.' }),
    unreadCount: t.int({
      description: "Messages by others after the viewer's read marker.",
      resolve: (conversation, _args, context) => context.loaders.unreadCount.load(conversation.id),
    }),
    myRole: t.field({
      type: MemberRole,
      resolve: async (conversation, _args, context) => (await context.loaders.membership.load(conversation.id))!,
    }),
  }),
});

// A conversation you have left is no longer yours to see: its old notifications point at nothing.
registerSubject('CONVERSATION', Conversation, async (context, id) =>
  (await context.loaders.membership.load(id)) === null ? null : context.loaders.conversationById.load(id),
);

const Member = builder.objectRef<ConversationMember>('Member').implement({
  fields: (t) => ({
    user: t.field({ type: User, resolve: async (member, _args, context) => (await context.loaders.userById.load(member.userId))! }),
    role: t.expose('role', { type: MemberRole }),
    joinedAt: t.expose('joinedAt', { type: 'DateTime' }),
    readSeq: t.exposeInt('readSeq', { description: 'The newest seq this member has read.' }),
  }),
});
const MemberConnection = builder.connectionObject({ type: Member, name: 'MemberConnection' }, { name: 'MemberEdge' });
export const ConversationConnection = builder.connectionObject(
  { type: Conversation, name: 'ConversationConnection' },
  { name: 'ConversationEdge' },
);

builder.prismaObjectFields('Conversation', (t) => ({
  members: t.connection(
    {
      type: Member,
      description: 'In the order they joined.',
      resolve: (conversation, args, context) => {
        // The usual first page of every row of a list loads in one batch.
        if (!args.after && !args.before && !args.last && args.first) {
          const first = Math.min(args.first, 100);
          return resolveCursorConnection(
            { args: { first }, toCursor: memberCursor },
            async () => context.loaders.memberPreview.load({ conversationId: conversation.id, limit: first + 1 }),
          );
        }
        const decode = (cursor: string | undefined, argument: string) =>
          decodeKeyCursor('members', cursor, argument, ['instant', 'uuid']) satisfies MemberKey | null;
        return resolveCursorConnection({ args, toCursor: memberCursor }, ({ after, before, limit, inverted }: ResolveCursorConnectionArgs) =>
          membersPage(context.prisma, conversation.id, { after: decode(after, 'after'), before: decode(before, 'before'), limit, inverted }),
        );
      },
    },
    MemberConnection,
  ),
}));

const memberCursor = (member: ConversationMember) => encodeCursor('members', [member.joinedAt.toISOString(), member.userId]);

builder.objectFields(ViewerType, (t) => ({
  conversations: t.connection(
    {
      type: Conversation,
      description: 'Most recent activity first.',
      resolve: (viewer, args, context) => {
        const decode = (cursor: string | undefined, argument: string) =>
          decodeKeyCursor('conversations', cursor, argument, ['instant', 'uuid']) satisfies ActivityKey | null;
        return resolveCursorConnection(
          { args, toCursor: (c: { lastActivityAt: Date; id: string }) => encodeCursor('conversations', [c.lastActivityAt.toISOString(), c.id]) },
          ({ after, before, limit, inverted }: ResolveCursorConnectionArgs) =>
            conversationsPage(context.prisma, viewer.userId, { after: decode(after, 'after'), before: decode(before, 'before'), limit, inverted }),
        );
      },
    },
    ConversationConnection,
  ),
}));

builder.queryField('conversation', (t) =>
  t.prismaField({
    type: 'Conversation',
    nullable: true,
    authScopes: { loggedIn: true },
    description: 'Members only: NOT_FOUND for anyone else, as for an id that names nothing.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, context) => {
      const id = idFromGlobalId(String(args.id), 'Conversation', 'id');
      if ((await context.loaders.membership.load(id)) === null) throw notFound('The conversation');
      return context.prisma.conversation.findUnique({ ...query, where: { id } });
    },
  }),
);

const idList = (typename: string) =>
  z.array(globalIdSchema(typename)).max(maxGroupMembersPerCall, `at most ${maxGroupMembersPerCall} at a time`);
export const conversationIdSchema = globalIdSchema('Conversation');

export const ConversationInput = builder.inputType('ConversationInput', { fields: (t) => ({ conversationId: t.id({ required: true }) }) });
const CreateGroupInput = builder.inputType('CreateGroupInput', {
  fields: (t) => ({
    title: t.string({ required: true, description: '1–100 characters.' }),
    memberIds: t.idList({ required: true, description: `Friends of yours, at most ${maxGroupMembersPerCall}.` }),
  }),
});
const AddMembersInput = builder.inputType('AddMembersInput', {
  fields: (t) => ({ conversationId: t.id({ required: true }), userIds: t.idList({ required: true }) }),
});
const RemoveMemberInput = builder.inputType('RemoveMemberInput', {
  fields: (t) => ({ conversationId: t.id({ required: true }), userId: t.id({ required: true }) }),
});

const createGroupSchema = z.object({
  title: z.string().trim().min(1, 'a title cannot be empty').max(100, 'a title is at most 100 characters'),
  memberIds: idList('User'),
});
const addMembersSchema = z.object({ conversationId: conversationIdSchema, userIds: idList('User') });
const removeMemberSchema = z.object({ conversationId: conversationIdSchema, userId: globalIdSchema('User') });

builder.mutationFields((t) => ({
  openDirectConversation: t.prismaField({
    type: 'Conversation',
    description: 'The direct conversation with a friend, created on first use. FORBIDDEN with a non-friend or across a block.',
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: FriendTargetInput, required: true }) },
    resolve: async (_query, _root, { input }, context) => {
      const target = await resolveTarget(context, input);
      const { conversation, change } = await openDirect(context.prisma, context.viewer!.user.id, target.id);
      if (change) announce(context, change);
      return conversation;
    },
  }),
  createGroup: t.prismaField({
    type: 'Conversation',
    description: 'A group with you as OWNER and the friends you name as members.',
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: CreateGroupInput, required: true }) },
    resolve: async (_query, _root, { input }, context) => {
      const { title, memberIds } = parseInput(createGroupSchema, input);
      const { conversation, change } = await createGroup(context.prisma, context.viewer!.user.id, title, memberIds);
      announce(context, change);
      return conversation;
    },
  }),
  addMembers: t.prismaField({
    type: 'Conversation',
    description: "OWNER or ADMIN: adds friends of yours; people already in are left as they are.",
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: AddMembersInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const { conversationId, userIds } = parseInput(addMembersSchema, input);
      announce(context, await addMembers(context.prisma, context.viewer!.user.id, conversationId, userIds));
      return context.prisma.conversation.findUniqueOrThrow({ ...query, where: { id: conversationId } });
    },
  }),
  removeMember: t.prismaField({
    type: 'Conversation',
    description: 'OWNER or ADMIN: removes a member (only the owner removes admins; nobody removes the owner).',
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: RemoveMemberInput, required: true }) },
    resolve: async (query, _root, { input }, context) => {
      const { conversationId, userId } = parseInput(removeMemberSchema, input);
      announce(context, await removeMember(context.prisma, context.viewer!.user.id, conversationId, userId, context.services.now()));
      return context.prisma.conversation.findUniqueOrThrow({ ...query, where: { id: conversationId } });
    },
  }),
  leaveConversation: t.boolean({
    description: 'Leaves a group; the last owner leaving hands ownership to the longest-standing admin, else member.',
    authScopes: { loggedIn: true },
    args: { input: t.arg({ type: ConversationInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const { conversationId } = parseInput(z.object({ conversationId: conversationIdSchema }), input);
      announce(context, await leave(context.prisma, context.viewer!.user.id, conversationId, context.services.now()));
      return true;
    },
  }),
}));
