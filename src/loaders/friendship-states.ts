import type { PrismaClient } from '../generated/prisma/client.ts';

/** The relation as the viewer sees it (the FriendshipState enum of the schema). */
export type FriendshipState = 'NONE' | 'REQUESTED_BY_ME' | 'REQUESTED_BY_THEM' | 'FRIENDS' | 'BLOCKED';

interface Row {
  id: string;
  status: 'PENDING' | 'ACCEPTED' | null;
  requester: string | null;
  blocked: boolean;
}

/**
 * The viewer's relation to each user, in key order, in one statement. A block in either
 * direction shows as BLOCKED; the viewer's relation to themself is NONE.
 */
export async function loadFriendshipStates(
  prisma: PrismaClient,
  viewerId: string,
  ids: readonly string[],
): Promise<FriendshipState[]> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT k.id::text AS id, f.status::text AS status, f."requesterId"::text AS requester,
           EXISTS (SELECT 1 FROM "Block" b
                   WHERE (b."blockerId" = ${viewerId}::uuid AND b."blockedId" = k.id)
                      OR (b."blockerId" = k.id AND b."blockedId" = ${viewerId}::uuid)) AS blocked
    FROM unnest(${[...ids]}::uuid[]) AS k(id)
    LEFT JOIN "Friendship" f
      ON f."userLowId" = LEAST(k.id, ${viewerId}::uuid) AND f."userHighId" = GREATEST(k.id, ${viewerId}::uuid)`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row || id === viewerId) return 'NONE';
    if (row.blocked) return 'BLOCKED';
    if (row.status === 'ACCEPTED') return 'FRIENDS';
    if (row.status === 'PENDING') return row.requester === viewerId ? 'REQUESTED_BY_ME' : 'REQUESTED_BY_THEM';
    return 'NONE';
  });
}
