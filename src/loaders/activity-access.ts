import type { PrismaClient } from '../generated/prisma/client.ts';

/**
 * Whether the viewer may read each author's activities, in key order, in one statement. The
 * rule, enforced here for every way of reaching an activity: your own, always; across a block
 * (either way), never; otherwise by the author's visibility: EVERYONE, any signed-in user;
 * FRIENDS, accepted friends only; ONLY_ME, nobody else.
 */
export async function loadActivityAccess(prisma: PrismaClient, viewerId: string, authorIds: readonly string[]): Promise<boolean[]> {
  const rows = await prisma.$queryRaw<{ id: string; allowed: boolean }[]>`
    SELECT u.id::text AS id,
           u.id = ${viewerId}::uuid OR (
             NOT EXISTS (SELECT 1 FROM "Block" b
                         WHERE (b."blockerId" = ${viewerId}::uuid AND b."blockedId" = u.id)
                            OR (b."blockerId" = u.id AND b."blockedId" = ${viewerId}::uuid))
             AND (u."activityVisibility" = 'EVERYONE'
                  OR (u."activityVisibility" = 'FRIENDS' AND EXISTS (
                        SELECT 1 FROM "Friendship" f
                        WHERE f."userLowId" = LEAST(u.id, ${viewerId}::uuid) AND f."userHighId" = GREATEST(u.id, ${viewerId}::uuid)
                          AND f.status = 'ACCEPTED')))) AS allowed
    FROM "User" u
    WHERE u.id = ANY(${[...authorIds]}::uuid[])`;
  const allowed = new Map(rows.map((row) => [row.id, row.allowed]));
  return authorIds.map((id) => allowed.get(id) ?? false);
}
