import DataLoader from 'dataloader';
import type {
  Activity,
  Broadcast,
  CheckInPrompt,
  Conversation,
  ConversationMember,
  MemberRole,
  Message,
  Notification,
  PrismaClient,
  Question,
  User,
} from '../generated/prisma/client.ts';
import { loadActivityAccess } from './activity-access.ts';
import { broadcastProgresses, type BroadcastProgress } from '../domain/broadcast-progress.ts';
import { loadBroadcastsReceived } from './broadcasts-received.ts';
import {
  loadActivitiesById,
  loadBroadcastsById,
  loadConversationsById,
  loadMessagesById,
  loadNotificationsById,
  loadPromptsById,
  loadQuestionsById,
} from './by-id.ts';
import { loadFriendCounts } from './friend-counts.ts';
import { loadFriendshipStates, type FriendshipState } from './friendship-states.ts';
import { loadMemberPreviews } from './member-previews.ts';
import { loadMemberships } from './memberships.ts';
import { loadMutualFriends, type MutualFriendsKey } from './mutual-friends.ts';
import { loadReactions, reactionsSeenBy, type ReactionCount } from './reactions.ts';
import type { SharedReads } from './event-reads.ts';
import { loadUnreadCounts } from './unread-counts.ts';
import { loadUsersById } from './users-by-id.ts';

export interface Loaders {
  userById: DataLoader<string, User | null>;
  friendCount: DataLoader<string, number>;
  /** The viewer's relation to a user; NONE for everyone when signed out. */
  friendshipState: DataLoader<string, FriendshipState>;
  /** Mutual friends of the viewer and a user (empty when signed out). */
  mutualFriends: DataLoader<MutualFriendsKey, User[], string>;
  conversationById: DataLoader<string, Conversation | null>;
  messageById: DataLoader<string, Message | null>;
  /** The viewer's role in a conversation; null when not a member (or signed out). */
  membership: DataLoader<string, MemberRole | null>;
  unreadCount: DataLoader<string, number>;
  reactions: DataLoader<string, ReactionCount[]>;
  /** The first members of a conversation, keyed `${limit}:${conversationId}`. */
  memberPreview: DataLoader<{ conversationId: string; limit: number }, ConversationMember[], string>;
  notificationById: DataLoader<string, Notification | null>;
  promptById: DataLoader<string, CheckInPrompt | null>;
  questionById: DataLoader<string, Question | null>;
  activityById: DataLoader<string, Activity | null>;
  /** Whether the viewer may read an author's activities (false for everyone when signed out). */
  activityAccess: DataLoader<string, boolean>;
  broadcastById: DataLoader<string, Broadcast | null>;
  /** Whether the viewer received a broadcast. */
  broadcastReceived: DataLoader<string, boolean>;
  /** A broadcast's counts: one statement for a page of broadcasts. */
  broadcastProgress: DataLoader<Pick<Broadcast, 'id' | 'createdAt'>, BroadcastProgress, string>;
}

/** What a context's loaders are built from. */
interface LoaderScope {
  prisma: PrismaClient;
  viewerId: string | null;
  now: () => Date;
  /** Reads shared by every subscriber of one live event (see event-reads.ts). */
  shared: SharedReads | undefined;
  loaders: Loaders;
}

const factories: { [K in keyof Loaders]: (scope: LoaderScope) => Loaders[K] } = {
  userById: ({ prisma, shared }) => shared?.userById ?? new DataLoader((ids) => loadUsersById(prisma, ids)),
  friendCount: ({ prisma }) => new DataLoader((ids) => loadFriendCounts(prisma, ids)),
  friendshipState: ({ prisma, viewerId }) =>
    new DataLoader(async (ids) => (viewerId ? loadFriendshipStates(prisma, viewerId, ids) : ids.map((): FriendshipState => 'NONE'))),
  mutualFriends: (scope) =>
    new DataLoader(
      async (keys) => {
        if (!scope.viewerId) return keys.map(() => []);
        const pages = await loadMutualFriends(scope.prisma, scope.viewerId, keys);
        for (const user of pages.flat()) scope.loaders.userById.prime(user.id, user);
        return pages;
      },
      { cacheKeyFn: (key) => `${key.userId}:${key.limit}:${key.afterHandle ?? ''}` },
    ),
  conversationById: ({ prisma }) => new DataLoader((ids) => loadConversationsById(prisma, ids)),
  messageById: ({ prisma, shared }) => shared?.messageById ?? new DataLoader((ids) => loadMessagesById(prisma, ids)),
  membership: ({ prisma, viewerId }) => new DataLoader(async (ids) => (viewerId ? loadMemberships(prisma, viewerId, ids) : ids.map(() => null))),
  unreadCount: ({ prisma, viewerId }) => new DataLoader(async (ids) => (viewerId ? loadUnreadCounts(prisma, viewerId, ids) : ids.map(() => 0))),
  reactions: ({ prisma, viewerId, shared }) =>
    shared
      ? new DataLoader(async (ids) => (await shared.reactors.loadMany(ids)).map((list) => reactionsSeenBy(list, viewerId)))
      : new DataLoader((ids) => loadReactions(prisma, viewerId, ids)),
  memberPreview: ({ prisma }) =>
    new DataLoader(
      async (keys) => {
        // Keys of one page size load together; a page normally asks one size for every row.
        const pages = new Map<number, string[]>();
        for (const key of keys) pages.set(key.limit, [...(pages.get(key.limit) ?? []), key.conversationId]);
        const results = new Map<string, ConversationMember[]>();
        for (const [limit, ids] of pages) {
          const previews = await loadMemberPreviews(prisma, limit, ids);
          ids.forEach((id, index) => results.set(`${limit}:${id}`, previews[index]!));
        }
        return keys.map((key) => results.get(`${key.limit}:${key.conversationId}`) ?? []);
      },
      { cacheKeyFn: (key) => `${key.limit}:${key.conversationId}` },
    ),
  notificationById: ({ prisma }) => new DataLoader((ids) => loadNotificationsById(prisma, ids)),
  promptById: ({ prisma }) => new DataLoader((ids) => loadPromptsById(prisma, ids)),
  questionById: ({ prisma }) => new DataLoader((ids) => loadQuestionsById(prisma, ids)),
  activityById: ({ prisma }) => new DataLoader((ids) => loadActivitiesById(prisma, ids)),
  activityAccess: ({ prisma, viewerId }) =>
    new DataLoader(async (ids) => (viewerId ? loadActivityAccess(prisma, viewerId, ids) : ids.map(() => false))),
  broadcastById: ({ prisma }) => new DataLoader((ids) => loadBroadcastsById(prisma, ids)),
  broadcastReceived: ({ prisma, viewerId }) =>
    new DataLoader(async (ids) => (viewerId ? loadBroadcastsReceived(prisma, viewerId, ids) : ids.map(() => false))),
  broadcastProgress: ({ prisma, now }) =>
    new DataLoader((broadcasts) => broadcastProgresses(prisma, broadcasts, now()), { cacheKeyFn: (broadcast) => broadcast.id }),
};

/**
 * A context's loaders, each built the first time it is used: a request or a subscription event
 * needs two or three of them, and every idle subscription holds a context.
 */
class LazyLoaders {
  readonly made: Partial<Loaders> = {};
  constructor(readonly scope: LoaderScope) {}
}
for (const key of Object.keys(factories) as (keyof Loaders)[]) {
  Object.defineProperty(LazyLoaders.prototype, key, {
    get(this: LazyLoaders) {
      return (this.made[key] ??= factories[key](this.scope) as never);
    },
  });
}

/**
 * Fresh loaders for one request, or one subscription event: their caches must never cross
 * viewers or outlive the data they hold. `shared` hands in the viewer-independent reads of a
 * live event, loaded once for all its subscribers.
 */
export function createLoaders(prisma: PrismaClient, viewerId: string | null, now: () => Date = () => new Date(), shared?: SharedReads): Loaders {
  const scope = { prisma, viewerId, now, shared } as LoaderScope;
  const loaders = new LazyLoaders(scope) as unknown as Loaders;
  scope.loaders = loaders;
  return loaders;
}

/**
 * After a friendship change within an operation: what the loaders know of how these users
 * relate to anyone is stale, so a later field (an alias, the next mutation) reads it afresh.
 */
export function forgetRelations(loaders: Loaders, userIds: string[]): void {
  for (const id of userIds) {
    loaders.friendshipState.clear(id);
    loaders.friendCount.clear(id);
    loaders.activityAccess.clear(id);
  }
  loaders.mutualFriends.clearAll();
}
