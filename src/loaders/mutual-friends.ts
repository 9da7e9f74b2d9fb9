import { Prisma, type PrismaClient, type User } from '../generated/prisma/client.ts';

export interface MutualFriendsKey {
  userId: string;
  /** Page size; one more row is fetched to tell whether there is a next page. */
  limit: number;
  /** Handle after which the page starts (keyset cursor), or null for the first page. */
  afterHandle: string | null;
}

/**
 * Friends the viewer and each user have in common, ordered by handle, one page per key.
 * Keys sharing a page shape (the usual case: a list asking `mutualFriends(first: 3)` on
 * every item) are loaded by a single statement.
 */
export async function loadMutualFriends(
  prisma: PrismaClient,
  viewerId: string,
  keys: readonly MutualFriendsKey[],
): Promise<User[][]> {
  const groups = new Map<string, MutualFriendsKey[]>();
  for (const key of keys) {
    const shape = `${key.limit}:${key.afterHandle ?? ''}`;
    groups.set(shape, [...(groups.get(shape) ?? []), key]);
  }
  const pages = new Map<string, User[]>();
  for (const [shape, group] of groups) {
    const { limit, afterHandle } = group[0]!;
    const rows = await mutualFriendsPage(prisma, viewerId, group.map((key) => key.userId), limit, afterHandle);
    for (const key of group) pages.set(`${shape}:${key.userId}`, []);
    for (const { targetId, ...user } of rows) pages.get(`${shape}:${targetId}`)?.push(user);
  }
  return keys.map((key) => pages.get(`${key.limit}:${key.afterHandle ?? ''}:${key.userId}`) ?? []);
}

function mutualFriendsPage(
  prisma: PrismaClient,
  viewerId: string,
  targetIds: string[],
  limit: number,
  afterHandle: string | null,
): Promise<(User & { targetId: string })[]> {
  return prisma.$queryRaw<(User & { targetId: string })[]>(mutualFriendsSql(viewerId, targetIds, limit, afterHandle));
}

/**
 * The statement behind one page shape of loadMutualFriends: each target's first `limit`
 * friends in common with the viewer after `afterHandle`, tagged with the target's id.
 * Exported so the benchmark can replay the very same SQL.
 */
export function mutualFriendsSql(viewerId: string, targetIds: string[], limit: number, afterHandle: string | null): Prisma.Sql {
  return Prisma.sql`
    WITH mine AS (
      SELECT "userHighId" AS id FROM "Friendship" WHERE "userLowId" = ${viewerId}::uuid AND status = 'ACCEPTED'
      UNION ALL
      SELECT "userLowId" FROM "Friendship" WHERE "userHighId" = ${viewerId}::uuid AND status = 'ACCEPTED'
    )
    SELECT t.id::text AS "targetId", u.*
    FROM unnest(${targetIds}::uuid[]) AS t(id)
    CROSS JOIN LATERAL (
      SELECT u.* FROM "User" u
      WHERE u.id IN (SELECT id FROM mine)
        AND u.id IN (
          SELECT "userHighId" FROM "Friendship" WHERE "userLowId" = t.id AND status = 'ACCEPTED'
          UNION ALL
          SELECT "userLowId" FROM "Friendship" WHERE "userHighId" = t.id AND status = 'ACCEPTED')
        AND (${afterHandle}::text IS NULL OR u.handle > ${afterHandle}::text)
      ORDER BY u.handle
      LIMIT ${limit}
    ) u`;
}
