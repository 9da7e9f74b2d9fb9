import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { badInput, notFound } from '../errors.ts';
import { directConversationId } from '../domain/conversation-access.ts';
import { applyFriendAction, type FriendAction } from '../domain/friendships.ts';
import { publishAccessChange } from '../live/publish.ts';
import { forgetRelations } from '../loaders/create-loaders.ts';
import { announceNotifications } from './notifications.ts';
import { requestsPage, type PendingRequest, type RequestKey } from '../domain/friend-lists.ts';
import type { User as UserRow } from '../generated/prisma/client.ts';
import { handleSchema, parseInput } from '../validation.ts';
import { decodeKeyCursor, decodeTextCursor, encodeCursor } from './cursors.ts';
import { idFromGlobalId } from './global-ids.ts';
import { friendsConnection, User, UserConnection, ViewerType } from './users.ts';

export const FriendTargetInput = builder.inputType('FriendTargetInput', {
  description: 'Exactly one of handle and userId.',
  fields: (t) => ({ handle: t.string(), userId: t.id() }),
});

/** The user a FriendTargetInput names; NOT_FOUND when there is none. */
export async function resolveTarget(context: Context, input: { handle?: string | null; userId?: string | null }): Promise<UserRow> {
  const hasHandle = input.handle !== null && input.handle !== undefined;
  const hasId = input.userId !== null && input.userId !== undefined;
  if (hasHandle === hasId) throw badInput('input', 'give exactly one of handle and userId');
  const user = hasHandle
    ? await context.prisma.user.findUnique({ where: { handle: parseInput(handleSchema, input.handle, 'input.handle') } })
    : await context.prisma.user.findUnique({ where: { id: idFromGlobalId(input.userId!, 'User', 'input.userId') } });
  if (!user) throw notFound(hasHandle ? `The user @${input.handle}` : 'The user');
  return user;
}

/** A block silences a direct conversation: its live streams must re-check access now. */
async function endDirectStreams(context: Context, otherId: string) {
  const conversationId = await directConversationId(context.prisma, context.viewer!.user.id, otherId);
  if (!conversationId) return;
  await publishAccessChange(context.pubsub, conversationId).catch((error: unknown) => {
    context.log.warn({ err: error, conversationId }, 'could not tell live streams of a block (nothing new can be sent across it)');
  });
}

const actions: Record<string, { action: FriendAction; description: string }> = {
  sendFriendRequest: { action: 'send', description: 'Asks to be friends. If they already asked you, this accepts.' },
  acceptFriendRequest: { action: 'accept', description: 'Accepts their pending request.' },
  declineFriendRequest: { action: 'decline', description: 'Declines their pending request; they may ask again later.' },
  cancelFriendRequest: { action: 'cancel', description: 'Withdraws your pending request.' },
  removeFriend: { action: 'remove', description: 'Ends a friendship.' },
  blockUser: { action: 'block', description: 'Ends any friendship or request, and stops them finding or contacting you. Idempotent.' },
  unblockUser: { action: 'unblock', description: 'Lifts your block (not theirs).' },
};

builder.mutationFields((t) =>
  Object.fromEntries(
    Object.entries(actions).map(([name, { action, description }]) => [
      name,
      t.field({
        type: User,
        description: `${description} Returns the other person, with \`friendship\` as it now stands.`,
        authScopes: { loggedIn: true },
        args: { input: t.arg({ type: FriendTargetInput, required: true }) },
        resolve: async (_root, { input }, context) => {
          const viewerId = context.viewer!.user.id;
          const target = await resolveTarget(context, input);
          const written = await applyFriendAction(context.prisma, viewerId, target.id, action, context.services.now());
          // This operation may read the two again (aliases, a later mutation): not from a cache filled before the change.
          forgetRelations(context.loaders, [viewerId, target.id]);
          announceNotifications(context, written);
          if (action === 'block') await endDirectStreams(context, target.id);
          return target;
        },
      }),
    ]),
  ),
);

function requestsConnection(context: Context, direction: 'incoming' | 'outgoing', args: Parameters<typeof resolveCursorConnection>[0]['args']) {
  const list = `${direction}-requests`;
  const decode = (cursor: string | undefined, argument: string) =>
    decodeKeyCursor(list, cursor, argument, ['instant', 'uuid']) satisfies RequestKey | null;
  return resolveCursorConnection(
    { args, toCursor: (user: PendingRequest) => encodeCursor(list, [user.requestedAt.toISOString(), user.id]) },
    ({ after, before, limit, inverted }: ResolveCursorConnectionArgs) =>
      requestsPage(context.prisma, context.viewer!.user.id, direction, {
        after: decode(after, 'after'),
        before: decode(before, 'before'),
        limit,
        inverted,
      }),
  );
}

builder.objectFields(ViewerType, (t) => ({
  friends: t.connection(
    { type: User, description: 'Ordered by handle.', resolve: (viewer, args, context) => friendsConnection(context, viewer.userId, args) },
    UserConnection,
  ),
  incomingRequests: t.connection(
    { type: User, description: 'Pending requests to you, newest first.', resolve: (_viewer, args, context) => requestsConnection(context, 'incoming', args) },
    UserConnection,
  ),
  outgoingRequests: t.connection(
    { type: User, description: 'Your pending requests, newest first.', resolve: (_viewer, args, context) => requestsConnection(context, 'outgoing', args) },
    UserConnection,
  ),
}));

builder.prismaObjectFields('User', (t) => ({
  mutualFriends: t.field({
    type: UserConnection,
    authScopes: { loggedIn: true },
    description: "Friends you and this user have in common, ordered by handle (empty when it's you).",
    args: { first: t.arg.int({ defaultValue: 3 }), after: t.arg.string() },
    resolve: async (user, args, context) => {
      const first = args.first ?? 3;
      if (first < 0 || first > 100) throw badInput('first', 'must be between 0 and 100');
      const afterHandle = decodeTextCursor('mutual', args.after, 'after');
      if (user.id === context.viewer!.user.id || first === 0) {
        return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };
      }
      const rows = await context.loaders.mutualFriends.load({ userId: user.id, limit: first + 1, afterHandle });
      const page = rows.slice(0, first);
      const edges = page.map((node) => ({ cursor: encodeCursor('mutual', [node.handle]), node }));
      return {
        edges,
        pageInfo: {
          hasNextPage: rows.length > first,
          hasPreviousPage: afterHandle !== null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
}));
