import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';

/** Inserts users directly (no password, no API round trip) and returns their ids by handle. */
export async function insertUsers(prisma: PrismaClient, handles: string[]): Promise<Map<string, string>> {
  const rows = handles.map((handle) => ({ id: randomUUID(), handle, displayName: handle.toUpperCase() }));
  await prisma.user.createMany({ data: rows });
  return new Map(rows.map((row) => [row.handle, row.id]));
}

/** Inserts accepted friendships between pairs of user ids, respecting the low < high rule. */
export async function insertFriendships(prisma: PrismaClient, pairs: [string, string][], status: 'ACCEPTED' | 'PENDING' = 'ACCEPTED') {
  await prisma.friendship.createMany({
    data: pairs.map(([requester, other]) => ({
      userLowId: requester < other ? requester : other,
      userHighId: requester < other ? other : requester,
      requesterId: requester,
      status,
      acceptedAt: status === 'ACCEPTED' ? new Date() : null,
    })),
  });
}
