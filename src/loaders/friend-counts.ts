import type { PrismaClient } from '../generated/prisma/client.ts';

/** Number of accepted friends of each user, in key order; one statement for the batch. */
export async function loadFriendCounts(prisma: PrismaClient, ids: readonly string[]): Promise<number[]> {
  // Two index lookups per id (the pair can hold the user on either side) beat an OR scan.
  const rows = await prisma.$queryRaw<{ id: string; count: number }[]>`
    SELECT k.id::text AS id,
           ((SELECT count(*) FROM "Friendship" f WHERE f."userLowId" = k.id AND f.status = 'ACCEPTED')
          + (SELECT count(*) FROM "Friendship" f WHERE f."userHighId" = k.id AND f.status = 'ACCEPTED'))::int AS count
    FROM unnest(${[...ids]}::uuid[]) AS k(id)`;
  const byId = new Map(rows.map((row) => [row.id, row.count]));
  return ids.map((id) => byId.get(id) ?? 0);
}
