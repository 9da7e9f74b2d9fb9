import { Prisma, type Channel, type DeliveryKind, type Locale, type NotificationSubject, type PrismaClient } from '../generated/prisma/client.ts';
import { finishBroadcasts } from './broadcast-state.ts';
import type { Transaction } from './transaction.ts';

/**
 * The Telegram outbox: PENDING TELEGRAM deliveries, handed to any number of bot workers with a
 * lease and reported back. At least once: a delivery whose lease runs out before its report is
 * handed out again, so the one duplicate window is a worker that stops between Telegram
 * accepting a message and reporting it.
 */

/** Failed sends are tried this many times in all, then the delivery is FAILED. */
export const maxAttempts = 5;

/** A failed send is tried again after 10 s, 20 s, 40 s… up to 10 minutes (in reportDeliveries' SQL). */

export interface ClaimedDelivery {
  id: string;
  /** Which claim of the delivery this is: reports name it, so only this claim's report counts. */
  claim: number;
  kind: DeliveryKind;
  chatId: string;
  locale: Locale;
  /** The content; a broadcast's deliveries carry the broadcast's text. */
  text: string;
  subjectType: NotificationSubject | null;
  subjectId: string | null;
  broadcastId: string | null;
  attempts: number;
  leaseExpiresAt: Date;
}

/**
 * Leases up to `limit` deliveries that are due. A chat has one delivery out at a time, and it
 * is its oldest pending one: a delivery is not claimable while an older one of its chat is
 * pending, or while any of its chat is out with a worker (so one that became visible late,
 * its transaction committing after a younger one's, still waits its turn). Rows are claimed
 * with FOR UPDATE SKIP LOCKED: two claimers at once never receive the same delivery.
 */
export async function claimDeliveries(prisma: PrismaClient, channel: Channel, limit: number, leaseSeconds: number, now: Date): Promise<ClaimedDelivery[]> {
  // In-app deliveries are delivered when they are made; only Telegram has an outbox.
  if (channel !== 'TELEGRAM') return [];
  const leaseExpiresAt = new Date(now.getTime() + leaseSeconds * 1000);
  return prisma.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string }[]>`
      SELECT d.id::text AS id FROM "Delivery" d
      WHERE d.channel = 'TELEGRAM' AND d.status = 'PENDING' AND d."availableAt" <= ${now}
        AND (d."leaseExpiresAt" IS NULL OR d."leaseExpiresAt" <= ${now})
        AND NOT EXISTS (
          SELECT 1 FROM "Delivery" e
          WHERE e."chatId" = d."chatId" AND e.id <> d.id
            AND ((e.status = 'PENDING' AND e.position < d.position)
              OR (e.status IN ('PENDING', 'CANCELLED') AND e."leaseExpiresAt" > ${now})))
      ORDER BY d.position
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED`;
    if (due.length === 0) return [];
    const claimed = await tx.$queryRaw<(ClaimedDelivery & { position: bigint })[]>`
      UPDATE "Delivery" d SET "leaseExpiresAt" = ${leaseExpiresAt}, attempts = d.attempts + 1, claims = d.claims + 1
      FROM "User" u
      WHERE d.id = ANY(${due.map((row) => row.id)}::uuid[]) AND u.id = d."userId"
      RETURNING d.id::text AS id, d.claims AS claim, d.kind::text AS kind, d."chatId", u.locale::text AS locale,
                COALESCE(d.text, (SELECT b.text FROM "Broadcast" b WHERE b.id = d."broadcastId")) AS text,
                d."subjectType"::text AS "subjectType", d."subjectId"::text AS "subjectId",
                d."broadcastId"::text AS "broadcastId", d.attempts, d."leaseExpiresAt", d.position`;
    // UPDATE … RETURNING promises no order: hand them out in the order they were made.
    claimed.sort((a, b) => (a.position < b.position ? -1 : 1));
    return claimed.map(({ position: _position, ...delivery }) => delivery);
  });
}

export type Outcome = 'SENT' | 'FAILED' | 'BLOCKED' | 'RETRY';

export interface DeliveryReport {
  id: string;
  /** The claim reported on (ClaimedDelivery.claim). */
  claim: number;
  outcome: Outcome;
  /** RETRY: not claimable before this many seconds (Telegram's retry_after). */
  retryAfterSeconds?: number | null;
  error?: string | null;
  /** SENT: the Telegram message_id, so a reply to it can be routed. */
  externalId?: string | null;
}

type Touched = { broadcastId: string | null; userId: string };

/**
 * Applies workers' reports. SENT from any claim of a delivery lands (the message did go out,
 * and knowing it saves sending it again), even over a cancel that came while it was in flight;
 * FAILED, RETRY and BLOCKED land only from the claim that holds the delivery now, so a worker
 * whose lease ran out cannot undo the work of the one that took over. Idempotent: a report
 * lands once. FAILED comes back after a growing delay until the attempts run out; RETRY comes
 * back after the delay given and does not count as an attempt; BLOCKED marks the person
 * unreachable on Telegram and ends their other pending deliveries too. Answers how many
 * deliveries the reports changed.
 *
 * Locks are taken in one order, the same as cancelBroadcast's (deliveries by id, then
 * broadcasts by id), so reports and cancels never deadlock; and a broadcast is checked for
 * DONE only once its lock is held, after any report before it committed, so two reports
 * finishing a broadcast together cannot both miss the end.
 */
export async function reportDeliveries(prisma: PrismaClient, reports: DeliveryReport[], now: Date): Promise<number> {
  const of = (outcome: Outcome) => reports.filter((report) => report.outcome === outcome);
  const ids = (list: DeliveryReport[]) => list.map((report) => report.id);
  const claims = (list: DeliveryReport[]) => list.map((report) => report.claim);
  const errors = (list: DeliveryReport[]) => list.map((report) => report.error ?? null);
  const blocked = of('BLOCKED');
  return prisma.$transaction(async (tx) => {
    // A BLOCKED report also ends its person's other pending deliveries: those are locked too,
    // found through the person (an OR over the whole pending outbox would scan all of it).
    const blockedPeople =
      blocked.length === 0
        ? Prisma.empty
        : Prisma.sql`UNION SELECT d.id FROM "Delivery" d JOIN "Delivery" b ON b."userId" = d."userId"
                     WHERE b.id = ANY(${ids(blocked)}::uuid[]) AND d.channel = 'TELEGRAM' AND d.status = 'PENDING'`;
    await tx.$queryRaw`
      SELECT id FROM "Delivery"
      WHERE id IN (SELECT id FROM "Delivery" WHERE id = ANY(${ids(reports)}::uuid[]) ${blockedPeople})
      ORDER BY id FOR UPDATE`;
    const changed: Touched[] = [];
    const apply = async (list: DeliveryReport[], update: () => Promise<Touched[]>) => {
      if (list.length > 0) changed.push(...(await update()));
    };
    const sent = of('SENT');
    await apply(sent, () => tx.$queryRaw<Touched[]>`
      UPDATE "Delivery" d SET status = 'SENT', "sentAt" = ${now}, "externalId" = r.external_id, "leaseExpiresAt" = NULL, error = NULL
      FROM unnest(${ids(sent)}::uuid[], ${claims(sent)}::int[], ${sent.map((report) => report.externalId ?? null)}::text[]) AS r(id, claim, external_id)
      WHERE d.id = r.id AND d.channel = 'TELEGRAM' AND d.status IN ('PENDING', 'CANCELLED') AND r.claim BETWEEN 1 AND d.claims
      RETURNING d."broadcastId"::text AS "broadcastId", d."userId"::text AS "userId"`);
    const failed = of('FAILED');
    await apply(failed, () => tx.$queryRaw<Touched[]>`
      UPDATE "Delivery" d
      SET status = CASE WHEN d.attempts >= ${maxAttempts} THEN 'FAILED'::"DeliveryStatus" ELSE 'PENDING'::"DeliveryStatus" END,
          "availableAt" = ${now}::timestamptz + make_interval(secs => least(600, 10 * power(2, greatest(d.attempts - 1, 0)))),
          "leaseExpiresAt" = NULL, error = r.error
      FROM unnest(${ids(failed)}::uuid[], ${claims(failed)}::int[], ${errors(failed)}::text[]) AS r(id, claim, error)
      WHERE d.id = r.id AND d.channel = 'TELEGRAM' AND d.status = 'PENDING' AND d."leaseExpiresAt" IS NOT NULL AND d.claims = r.claim
      RETURNING d."broadcastId"::text AS "broadcastId", d."userId"::text AS "userId"`);
    const retry = of('RETRY');
    await apply(retry, () => tx.$queryRaw<Touched[]>`
      UPDATE "Delivery" d
      SET "availableAt" = ${now}::timestamptz + make_interval(secs => r.seconds), attempts = greatest(d.attempts - 1, 0),
          "leaseExpiresAt" = NULL, error = r.error
      FROM unnest(${ids(retry)}::uuid[], ${claims(retry)}::int[], ${retry.map((report) => report.retryAfterSeconds ?? 1)}::int[],
                  ${errors(retry)}::text[]) AS r(id, claim, seconds, error)
      WHERE d.id = r.id AND d.channel = 'TELEGRAM' AND d.status = 'PENDING' AND d."leaseExpiresAt" IS NOT NULL AND d.claims = r.claim
      RETURNING d."broadcastId"::text AS "broadcastId", d."userId"::text AS "userId"`);
    const blockedBefore = changed.length;
    await apply(blocked, () => tx.$queryRaw<Touched[]>`
      UPDATE "Delivery" d SET status = 'BLOCKED', "leaseExpiresAt" = NULL, error = r.error
      FROM unnest(${ids(blocked)}::uuid[], ${claims(blocked)}::int[], ${errors(blocked)}::text[]) AS r(id, claim, error)
      WHERE d.id = r.id AND d.channel = 'TELEGRAM' AND d.status IN ('PENDING', 'CANCELLED') AND d."leaseExpiresAt" IS NOT NULL AND d.claims = r.claim
      RETURNING d."broadcastId"::text AS "broadcastId", d."userId"::text AS "userId"`);
    // Whatever the outcome, the claim reported on is over: a cancel that came while it was out
    // left the delivery CANCELLED, which no update above touches, and its chat must not wait
    // for the lease to run out.
    await tx.$executeRaw`
      UPDATE "Delivery" d SET "leaseExpiresAt" = NULL
      FROM unnest(${ids(reports)}::uuid[], ${claims(reports)}::int[]) AS r(id, claim)
      WHERE d.id = r.id AND d.claims = r.claim AND d."leaseExpiresAt" IS NOT NULL`;
    const unreachable = [...new Set(changed.slice(blockedBefore).map((row) => row.userId))];
    const ended = unreachable.length > 0 ? await markUnreachable(tx, unreachable, now) : [];
    await finishBroadcasts(tx, [...changed, ...ended].flatMap((row) => (row.broadcastId ? [row.broadcastId] : [])), now);
    return changed.length;
  });
}

/** People who blocked the bot: later sends skip them, and what else waited for them would meet the same answer. */
async function markUnreachable(tx: Transaction, userIds: string[], now: Date): Promise<Touched[]> {
  await tx.$executeRaw`UPDATE "User" SET "telegramBlockedAt" = ${now} WHERE id = ANY(${userIds}::uuid[])`;
  return tx.$queryRaw<Touched[]>`
    UPDATE "Delivery" SET status = 'BLOCKED', error = 'the user blocked the bot'
    WHERE "userId" = ANY(${userIds}::uuid[]) AND channel = 'TELEGRAM' AND status = 'PENDING'
    RETURNING "broadcastId"::text AS "broadcastId", "userId"::text AS "userId"`;
}

/** What a message the bot sent to a chat was about (the Message, the CheckInPrompt…); null if unknown. */
export async function deliveryTarget(
  prisma: PrismaClient,
  chatId: string,
  externalId: string,
): Promise<{ subjectType: NotificationSubject; subjectId: string } | null> {
  const delivery = await prisma.delivery.findFirst({
    where: { chatId, externalId, channel: 'TELEGRAM', status: 'SENT', subjectType: { not: null } },
    orderBy: { position: 'desc' },
    select: { subjectType: true, subjectId: true },
  });
  return delivery?.subjectType && delivery.subjectId ? { subjectType: delivery.subjectType, subjectId: delivery.subjectId } : null;
}
