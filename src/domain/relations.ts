import type { Transaction } from './transaction.ts';
import { pairOf } from './friendships.ts';

/** True when either of the two has blocked the other. */
export async function blockedEitherWay(tx: Transaction, a: string, b: string): Promise<boolean> {
  const count = await tx.block.count({
    where: { OR: [{ blockerId: a, blockedId: b }, { blockerId: b, blockedId: a }] },
  });
  return count > 0;
}

/** True when the two are accepted friends. */
export async function areFriends(tx: Transaction, a: string, b: string): Promise<boolean> {
  const row = await tx.friendship.findUnique({ where: { userLowId_userHighId: pairOf(a, b) }, select: { status: true } });
  return row?.status === 'ACCEPTED';
}

/** Which of `candidates` are accepted friends of `userId`. */
export async function friendsAmong(tx: Transaction, userId: string, candidates: string[]): Promise<Set<string>> {
  const rows = await tx.friendship.findMany({
    where: {
      status: 'ACCEPTED',
      OR: [
        { userLowId: userId, userHighId: { in: candidates } },
        { userHighId: userId, userLowId: { in: candidates } },
      ],
    },
    select: { userLowId: true, userHighId: true },
  });
  return new Set(rows.map((row) => (row.userLowId === userId ? row.userHighId : row.userLowId)));
}
