import { Prisma, type PrismaClient, type User } from '../generated/prisma/client.ts';
import { friendIdsOf } from './friend-lists.ts';

export type Suggestion = User & { mutualCount: number };
export type SuggestionKey = [mutualCount: number, handle: string];

/**
 * Friends of the viewer's friends, in one statement: excluding the viewer, their friends,
 * anyone with a pending request either way (any Friendship row for the pair) and anyone
 * blocked either way; ranked by mutual friends desc, then handle asc. The cursor is the
 * (mutualCount, handle) of the last row, so pages stay in ranking order.
 */
export function suggestionsPage(
  prisma: PrismaClient,
  viewerId: string,
  after: SuggestionKey | null,
  limit: number,
): Promise<Suggestion[]> {
  return prisma.$queryRaw<Suggestion[]>(suggestionsSql(viewerId, after, limit));
}

/** The statement suggestionsPage sends (exported so the benchmark can replay the very same SQL). */
export function suggestionsSql(viewerId: string, after: SuggestionKey | null, limit: number): Prisma.Sql {
  const afterCondition = after
    ? Prisma.sql`WHERE c.mutual < ${after[0]} OR (c.mutual = ${after[0]} AND u.handle > ${after[1]})`
    : Prisma.empty;
  return Prisma.sql`
    WITH mine AS (${friendIdsOf(viewerId)}),
    reach AS (
      SELECT f."userHighId" AS id FROM mine m JOIN "Friendship" f ON f."userLowId" = m.id AND f.status = 'ACCEPTED'
      UNION ALL
      SELECT f."userLowId" FROM mine m JOIN "Friendship" f ON f."userHighId" = m.id AND f.status = 'ACCEPTED'
    ),
    candidates AS (
      SELECT r.id, count(*)::int AS mutual FROM reach r
      WHERE r.id <> ${viewerId}::uuid
        AND NOT EXISTS (SELECT 1 FROM "Friendship" x
                        WHERE x."userLowId" = LEAST(r.id, ${viewerId}::uuid) AND x."userHighId" = GREATEST(r.id, ${viewerId}::uuid))
        AND NOT EXISTS (SELECT 1 FROM "Block" b
                        WHERE (b."blockerId" = ${viewerId}::uuid AND b."blockedId" = r.id)
                           OR (b."blockerId" = r.id AND b."blockedId" = ${viewerId}::uuid))
      GROUP BY r.id
    )
    SELECT u.*, c.mutual AS "mutualCount"
    FROM candidates c JOIN "User" u ON u.id = c.id
    ${afterCondition}
    ORDER BY c.mutual DESC, u.handle ASC
    LIMIT ${limit}`;
}
