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

type Counts = Omit<BroadcastProgress, 'perSecond' | 'etaSeconds'> & { broadcastId: string; recent: number };

/**
 * The ledgers of several broadcasts, counted in one statement (an index on (broadcastId,
 * status) serves it), in the order given.
 */
export async function broadcastProgresses(
  prisma: PrismaClient,
  broadcasts: readonly Pick<Broadcast, 'id' | 'createdAt'>[],
  now: Date,
): Promise<BroadcastProgress[]> {
  // Sends happen after the broadcast began, so counting since `now - window` is right for young
  // ones too; only the seconds the rate is spread over differ.
  const since = new Date(now.getTime() - rateWindowSeconds * 1000);
  const rows = await prisma.$queryRaw<Counts[]>`
    SELECT "broadcastId"::text AS "broadcastId",
           count(*)::int AS total,
           count(*) FILTER (WHERE status = 'SENT')::int AS sent,
           count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
           count(*) FILTER (WHERE status = 'BLOCKED')::int AS blocked,
           count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
           count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled,
           count(*) FILTER (WHERE status = 'SENT' AND channel = 'TELEGRAM' AND "sentAt" > ${since})::int AS recent
    FROM "Delivery" WHERE "broadcastId" = ANY(${broadcasts.map((broadcast) => broadcast.id)}::uuid[])
    GROUP BY "broadcastId"`;
  const counts = new Map(rows.map((row) => [row.broadcastId, row]));
  const nothing = { total: 0, sent: 0, failed: 0, blocked: 0, pending: 0, cancelled: 0, recent: 0 };
  return broadcasts.map((broadcast) => {
    const { total, sent, failed, blocked, pending, cancelled, recent } = counts.get(broadcast.id) ?? nothing;
    const tally = { total, sent, failed, blocked, pending, cancelled };
    // Early on, the rate is over the time since the broadcast began.
    const windowSeconds = Math.min(rateWindowSeconds, Math.max(1, (now.getTime() - broadcast.createdAt.getTime()) / 1000));
    const perSecond = recent / windowSeconds;
    const etaSeconds = tally.pending === 0 ? 0 : perSecond > 0 ? Math.ceil(tally.pending / perSecond) : null;
    return { ...tally, perSecond: Math.round(perSecond * 100) / 100, etaSeconds };
  });
}

/** One broadcast's progress. */
export async function broadcastProgress(prisma: PrismaClient, broadcast: Pick<Broadcast, 'id' | 'createdAt'>, now: Date): Promise<BroadcastProgress> {
  const [progress] = await broadcastProgresses(prisma, [broadcast], now);
  return progress!;
}
