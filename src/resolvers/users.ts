import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { friendsPage, searchPage } from '../domain/friend-lists.ts';
import { Locale as LocaleValues, Role as RoleValues, type User as UserRow } from '../generated/prisma/client.ts';
import { handleSchema, parseInput } from '../validation.ts';
import { decodeTextCursor, encodeCursor } from './cursors.ts';

export const Role = builder.enumType(RoleValues, { name: 'Role' });
export const Locale = builder.enumType(LocaleValues, { name: 'Locale' });
export const FriendshipStateEnum = builder.enumType('FriendshipState', {
  values: ['NONE', 'REQUESTED_BY_ME', 'REQUESTED_BY_THEM', 'FRIENDS', 'BLOCKED'] as const,
  description: 'How the viewer relates to a user. BLOCKED: a block in either direction.',
});

export const User = builder.prismaNode('User', {
  id: { field: 'id' },
  // node(id) answers null for an id that names nobody, instead of failing.
  nullable: true,
  fields: (t) => ({
    handle: t.exposeString('handle'),
    displayName: t.exposeString('displayName'),
    locale: t.expose('locale', { type: Locale }),
    timezone: t.exposeString('timezone'),
    role: t.expose('role', { type: Role }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    friendCount: t.int({ resolve: (user, _args, context) => context.loaders.friendCount.load(user.id) }),
    friendship: t.field({
      type: FriendshipStateEnum,
      description: 'As seen by the viewer.',
      resolve: (user, _args, context) => context.loaders.friendshipState.load(user.id),
    }),
  }),
});

export const UserConnection = builder.connectionObject({ type: User, name: 'UserConnection' }, { name: 'UserEdge' });

/** A page of users ordered by handle, with handle cursors tagged by `list`. */
export function handleOrderedConnection(
  list: string,
  args: { first?: number | null; last?: number | null; after?: string | null; before?: string | null },
  load: (page: { after: string | null; before: string | null; limit: number; inverted: boolean }) => Promise<UserRow[]>,
) {
  return resolveCursorConnection(
    { args, toCursor: (user: UserRow) => encodeCursor(list, [user.handle]) },
    ({ after, before, limit, inverted }: ResolveCursorConnectionArgs) =>
      load({ after: decodeTextCursor(list, after, 'after'), before: decodeTextCursor(list, before, 'before'), limit, inverted }),
  );
}

/** Friends of `userId`, ordered by handle. */
export function friendsConnection(context: Context, userId: string, args: Parameters<typeof handleOrderedConnection>[1]) {
  return handleOrderedConnection('friends', args, (page) => friendsPage(context.prisma, userId, page));
}

builder.prismaObjectFields('User', (t) => ({
  friends: t.connection(
    {
      type: User,
      authScopes: { loggedIn: true },
      description: 'Visible to the user themself and to their friends; empty for everyone else.',
      resolve: async (user, args, context) => {
        const viewerId = context.viewer!.user.id;
        const mayList = user.id === viewerId || (await context.loaders.friendshipState.load(user.id)) === 'FRIENDS';
        if (!mayList) return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };
        return friendsConnection(context, user.id, args);
      },
    },
    UserConnection,
  ),
}));

/** `me`: the signed-in user and everything that is only theirs. */
export const ViewerType = builder.objectRef<{ userId: string }>('Viewer');
ViewerType.implement({
  description: 'The signed-in user: `me`.',
  fields: (t) => ({
    user: t.field({
      type: User,
      resolve: async ({ userId }, _args, context) => (await context.loaders.userById.load(userId))!,
    }),
    telegramLinked: t.boolean({
      resolve: async ({ userId }, _args, context) => Boolean((await context.loaders.userById.load(userId))?.telegramId),
    }),
    telegramNotifications: t.boolean({
      description: 'Whether new messages and friend news are pushed on Telegram (updateProfile changes it).',
      resolve: async ({ userId }, _args, context) => (await context.loaders.userById.load(userId))!.telegramNotifications,
    }),
  }),
});

const searchQuerySchema = z.string().trim().min(1, 'type at least one character').max(64, 'at most 64 characters');

builder.queryFields((t) => ({
  me: t.field({
    type: ViewerType,
    authScopes: { loggedIn: true },
    resolve: (_root, _args, context) => {
      context.loaders.userById.prime(context.viewer!.user.id, context.viewer!.user);
      return { userId: context.viewer!.user.id };
    },
  }),
  user: t.prismaField({
    type: 'User',
    nullable: true,
    authScopes: { loggedIn: true },
    description: 'A user by handle (case-insensitive, with or without @); null when there is none.',
    args: { handle: t.arg.string({ required: true }) },
    resolve: (query, _root, args, context) => {
      const handle = parseInput(handleSchema, args.handle, 'handle');
      return context.prisma.user.findUnique({ ...query, where: { handle } });
    },
  }),
  searchUsers: t.connection(
    {
      type: User,
      authScopes: { loggedIn: true },
      description: 'People whose handle starts with, or whose display name contains, the query; ordered by handle. Blocked people (either way) are not found.',
      args: { query: t.arg.string({ required: true }) },
      resolve: (_root, args, context) => {
        const query = parseInput(searchQuerySchema, args.query, 'query');
        return handleOrderedConnection('search', args, (page) => searchPage(context.prisma, context.viewer!.user.id, query, page));
      },
    },
    UserConnection,
  ),
}));
