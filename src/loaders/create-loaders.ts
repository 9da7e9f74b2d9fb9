import DataLoader from 'dataloader';
import type { PrismaClient, User } from '../generated/prisma/client.ts';
import { loadFriendCounts } from './friend-counts.ts';
import { loadFriendshipStates, type FriendshipState } from './friendship-states.ts';
import { loadMutualFriends, type MutualFriendsKey } from './mutual-friends.ts';
import { loadUsersById } from './users-by-id.ts';

export interface Loaders {
  userById: DataLoader<string, User | null>;
  friendCount: DataLoader<string, number>;
  /** The viewer's relation to a user; NONE for everyone when signed out. */
  friendshipState: DataLoader<string, FriendshipState>;
  /** Mutual friends of the viewer and a user (empty when signed out). */
  mutualFriends: DataLoader<MutualFriendsKey, User[], string>;
}

/**
 * Fresh loaders for one request, or one subscription event: their caches must never cross
 * viewers or outlive the data they hold.
 */
export function createLoaders(prisma: PrismaClient, viewerId: string | null): Loaders {
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
  };
}
