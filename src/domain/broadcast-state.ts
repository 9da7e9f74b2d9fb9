import type { Transaction } from './transaction.ts';

/** Moves SENDING broadcasts that have nothing pending any more to DONE. */
export async function finishBroadcasts(tx: Transaction, broadcastIds: string[], now: Date): Promise<void> {
  const ids = [...new Set(broadcastIds)];
  if (ids.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Broadcast" b SET state = 'DONE', "finishedAt" = ${now}
    WHERE b.id = ANY(${ids}::uuid[]) AND b.state = 'SENDING'
      AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."broadcastId" = b.id AND d.status = 'PENDING')`;
}
