import type { Transaction } from './transaction.ts';

/**
 * Moves SENDING broadcasts that have nothing pending any more to DONE. It locks them first
 * (in id order, the lock order every writer of the ledger keeps) and checks only then, in a
 * statement of its own, so it sees whatever another transaction finishing the same broadcast
 * committed while it waited: of two reports ending a broadcast together, the second finishes it.
 */
export async function finishBroadcasts(tx: Transaction, broadcastIds: string[], now: Date): Promise<void> {
  const ids = [...new Set(broadcastIds)];
  if (ids.length === 0) return;
  await tx.$queryRaw`SELECT id FROM "Broadcast" WHERE id = ANY(${ids}::uuid[]) AND state = 'SENDING' ORDER BY id FOR UPDATE`;
  await tx.$executeRaw`
    UPDATE "Broadcast" b SET state = 'DONE', "finishedAt" = ${now}
    WHERE b.id = ANY(${ids}::uuid[]) AND b.state = 'SENDING'
      AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."broadcastId" = b.id AND d.status = 'PENDING')`;
}
