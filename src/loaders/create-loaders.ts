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
import { loadReactions, type ReactionCount } from './reactions.ts';
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

/**
 * Fresh loaders for one request, or one subscription event: their caches must never cross
 * viewers or outlive the data they hold.
 */
export function createLoaders(prisma: PrismaClient, viewerId: string | null, now: () => Date = () => new Date()): Loaders {
  const userById = new DataLoader<string, User | null>((ids) => loadUsersById(prisma, ids));
  const primeUsers = (users: User[]) => {
    for (const user of users) userById.prime(user.id, user);
  };
  return {
    userById,
    friendCount: new DataLoader((ids) => loadFriendCounts(prisma, ids)),
    friendshipState: new DataLoader(async (ids) =>
      viewerId ? loadFriendshipStates(prisma, viewerId, ids) : ids.map((): FriendshipState => 'NONE'),
    ),
    mutualFriends: new DataLoader(
      async (keys) => {
        if (!viewerId) return keys.map(() => []);
        const pages = await loadMutualFriends(prisma, viewerId, keys);
        pages.forEach(primeUsers);
        return pages;
      },
      { cacheKeyFn: (key) => `${key.userId}:${key.limit}:${key.afterHandle ?? ''}` },
    ),
    conversationById: new DataLoader((ids) => loadConversationsById(prisma, ids)),
    messageById: new DataLoader((ids) => loadMessagesById(prisma, ids)),
    membership: new DataLoader(async (ids) => (viewerId ? loadMemberships(prisma, viewerId, ids) : ids.map(() => null))),
    unreadCount: new DataLoader(async (ids) => (viewerId ? loadUnreadCounts(prisma, viewerId, ids) : ids.map(() => 0))),
    reactions: new DataLoader((ids) => loadReactions(prisma, viewerId, ids)),
    memberPreview: new DataLoader(
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
    notificationById: new DataLoader((ids) => loadNotificationsById(prisma, ids)),
    promptById: new DataLoader((ids) => loadPromptsById(prisma, ids)),
    questionById: new DataLoader((ids) => loadQuestionsById(prisma, ids)),
    activityById: new DataLoader((ids) => loadActivitiesById(prisma, ids)),
    activityAccess: new DataLoader(async (ids) => (viewerId ? loadActivityAccess(prisma, viewerId, ids) : ids.map(() => false))),
    broadcastById: new DataLoader((ids) => loadBroadcastsById(prisma, ids)),
    broadcastReceived: new DataLoader(async (ids) => (viewerId ? loadBroadcastsReceived(prisma, viewerId, ids) : ids.map(() => false))),
    broadcastProgress: new DataLoader((broadcasts) => broadcastProgresses(prisma, broadcasts, now()), { cacheKeyFn: (broadcast) => broadcast.id }),
  };
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
