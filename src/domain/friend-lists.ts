import { Prisma, type PrismaClient, type User } from '../generated/prisma/client.ts';

/** A keyset page request, as resolveCursorConnection hands it over (cursors already decoded). */
export interface PageWindow<Key> {
  after: Key | null;
  before: Key | null;
  /** Rows to fetch (one more than the page, to detect the next page). */
  limit: number;
  /** True when paging backwards (last/before): fetch in reverse order. */
  inverted: boolean;
}

/** Accepted friends of one user as a subquery of ids; two index lookups, one per side of the pair. */
export function friendIdsOf(userId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT "userHighId" AS id FROM "Friendship" WHERE "userLowId" = ${userId}::uuid AND status = 'ACCEPTED'
    UNION ALL
    SELECT "userLowId" FROM "Friendship" WHERE "userHighId" = ${userId}::uuid AND status = 'ACCEPTED'`;
}

/** A user's friends ordered by handle. */
export function friendsPage(prisma: PrismaClient, userId: string, page: PageWindow<string>): Promise<User[]> {
  return prisma.$queryRaw<User[]>`
    SELECT u.* FROM "User" u
    WHERE u.id IN (${friendIdsOf(userId)})
      AND (${page.after}::text IS NULL OR u.handle > ${page.after}::text)
      AND (${page.before}::text IS NULL OR u.handle < ${page.before}::text)
    ORDER BY u.handle ${page.inverted ? Prisma.raw('DESC') : Prisma.raw('ASC')}
    LIMIT ${page.limit}`;
}

export type RequestKey = [requestedAt: string, userId: string];
export type PendingRequest = User & { requestedAt: Date };

/** Pending requests to (incoming) or from (outgoing) the viewer, newest first. */
export function requestsPage(
  prisma: PrismaClient,
  viewerId: string,
  direction: 'incoming' | 'outgoing',
  page: PageWindow<RequestKey>,
): Promise<PendingRequest[]> {
  const other = Prisma.sql`CASE WHEN f."userLowId" = ${viewerId}::uuid THEN f."userHighId" ELSE f."userLowId" END`;
  const requester = direction === 'incoming' ? Prisma.sql`f."requesterId" <> ${viewerId}::uuid` : Prisma.sql`f."requesterId" = ${viewerId}::uuid`;
  const after = page.after ? Prisma.sql`AND (f."createdAt", u.id) < (${page.after[0]}::timestamptz, ${page.after[1]}::uuid)` : Prisma.empty;
  const before = page.before ? Prisma.sql`AND (f."createdAt", u.id) > (${page.before[0]}::timestamptz, ${page.before[1]}::uuid)` : Prisma.empty;
  const order = page.inverted ? Prisma.raw('ASC') : Prisma.raw('DESC');
  return prisma.$queryRaw<PendingRequest[]>`
    SELECT u.*, f."createdAt" AS "requestedAt"
    FROM "Friendship" f JOIN "User" u ON u.id = ${other}
    WHERE (f."userLowId" = ${viewerId}::uuid OR f."userHighId" = ${viewerId}::uuid)
      AND f.status = 'PENDING' AND ${requester} ${after} ${before}
    ORDER BY f."createdAt" ${order}, u.id ${order}
    LIMIT ${page.limit}`;
}

/**
 * People whose handle starts with, or whose display name contains, the query; ordered by
 * handle. Nobody the viewer blocked or who blocked the viewer is found.
 */
export function searchPage(prisma: PrismaClient, viewerId: string, query: string, page: PageWindow<string>): Promise<User[]> {
  const escaped = query.replace(/[\\%_]/g, (character) => `\\${character}`);
  return prisma.$queryRaw<User[]>`
    SELECT u.* FROM "User" u
    WHERE (u.handle LIKE ${`${escaped.toLowerCase()}%`} OR u."displayName" ILIKE ${`%${escaped}%`})
      AND NOT EXISTS (SELECT 1 FROM "Block" b
                      WHERE (b."blockerId" = ${viewerId}::uuid AND b."blockedId" = u.id)
                         OR (b."blockerId" = u.id AND b."blockedId" = ${viewerId}::uuid))
      AND (${page.after}::text IS NULL OR u.handle > ${page.after}::text)
      AND (${page.before}::text IS NULL OR u.handle < ${page.before}::text)
    ORDER BY u.handle ${page.inverted ? Prisma.raw('DESC') : Prisma.raw('ASC')}
    LIMIT ${page.limit}`;
}
