import type { Broadcast, PrismaClient } from '../generated/prisma/client.ts';

export interface BroadcastProgress {
  /** Every delivery of the broadcast, both channels: total = sent + failed + blocked + pending + cancelled. */
  total: number;
  sent: number;
  failed: number;
  blocked: number;
  pending: number;
  cancelled: number;
  /** Telegram messages sent per second, over the last `rateWindowSeconds`. */
  perSecond: number;
  /** Seconds until nothing is pending at the current rate; 0 when done, null while nothing is being sent. */
  etaSeconds: number | null;
}

/** How far back the sending rate looks. */
export const rateWindowSeconds = 10;

/** The broadcast's ledger, counted in one statement (an index on (broadcastId, status) serves it). */
export async function broadcastProgress(prisma: PrismaClient, broadcast: Pick<Broadcast, 'id' | 'createdAt'>, now: Date): Promise<BroadcastProgress> {
  // Early on, the rate is over the time since the broadcast began.
  const windowSeconds = Math.min(rateWindowSeconds, Math.max(1, (now.getTime() - broadcast.createdAt.getTime()) / 1000));
  const since = new Date(now.getTime() - windowSeconds * 1000);
  const [counts] = await prisma.$queryRaw<(Omit<BroadcastProgress, 'perSecond' | 'etaSeconds'> & { recent: number })[]>`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE status = 'SENT')::int AS sent,
           count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
           count(*) FILTER (WHERE status = 'BLOCKED')::int AS blocked,
           count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
           count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled,
           count(*) FILTER (WHERE status = 'SENT' AND channel = 'TELEGRAM' AND "sentAt" > ${since})::int AS recent
    FROM "Delivery" WHERE "broadcastId" = ${broadcast.id}::uuid`;
  const { recent, ...tally } = counts!;
  const perSecond = recent / windowSeconds;
  const etaSeconds = tally.pending === 0 ? 0 : perSecond > 0 ? Math.ceil(tally.pending / perSecond) : null;
  return { ...tally, perSecond: Math.round(perSecond * 100) / 100, etaSeconds };
}
