import { Prisma, type Broadcast, type PrismaClient } from '../generated/prisma/client.ts';
import { conflict, notFound } from '../errors.ts';
import { inAudience, type Audience } from './broadcast-audience.ts';
import { finishBroadcasts } from './broadcast-state.ts';
import type { PageWindow } from './friend-lists.ts';
import { telegramReachable } from './outbox-enqueue.ts';
import type { Transaction } from './transaction.ts';

/** Audience members written per statement while a broadcast's ledger is built. */
export const ledgerBatchSize = 5000;

export interface SentBroadcast {
  broadcast: Broadcast;
  /** Telegram deliveries queued. */
  telegramQueued: number;
}

/**
 * Sends a broadcast: in one transaction, the Broadcast row and its ledger, a Delivery per
 * person and channel (IN_APP for everyone in the audience, delivered at once as a BROADCAST
 * notification; TELEGRAM for those the bot can reach, pending). The ledger is written
 * `batchSize` people at a time by one set-based statement per batch that reads the audience
 * in id order from where the last batch stopped: the audience never passes through this
 * process, and 100,000 people take 20 round trips, not 100,000.
 */
export async function sendBroadcast(
  prisma: PrismaClient,
  adminId: string,
  text: string,
  audience: Audience,
  now: Date,
  batchSize = ledgerBatchSize,
): Promise<SentBroadcast> {
  return prisma.$transaction(
    async (tx) => {
      const created = await tx.broadcast.create({
        data: { createdById: adminId, text, audience: audienceJson(audience), state: 'SENDING', recipientCount: 0, createdAt: now },
      });
      let after: string | null = null;
      let recipientCount = 0;
      let telegramQueued = 0;
      for (;;) {
        const batch = await writeLedgerBatch(tx, created.id, audience, after, batchSize, now);
        recipientCount += batch.people;
        telegramQueued += batch.telegram;
        if (batch.people < batchSize || batch.last === null) break;
        after = batch.last;
      }
      await tx.broadcast.update({ where: { id: created.id }, data: { recipientCount } });
      // Nothing for Telegram: everything was delivered in the app already.
      await finishBroadcasts(tx, [created.id], now);
      return { broadcast: await tx.broadcast.findUniqueOrThrow({ where: { id: created.id } }), telegramQueued };
    },
    // Sized for large audiences: 100,000 people write ~300,000 rows.
    { maxWait: 30_000, timeout: 10 * 60_000 },
  );
}

async function writeLedgerBatch(tx: Transaction, broadcastId: string, audience: Audience, after: string | null, limit: number, now: Date) {
  const [row] = await tx.$queryRaw<{ last: string | null; people: number; telegram: number }[]>`
    WITH recipients AS (
      SELECT u.id, u."telegramChatId", (${telegramReachable('u')}) AS reachable
      FROM "User" u
      WHERE ${inAudience(audience, now)} ${after ? Prisma.sql`AND u.id > ${after}::uuid` : Prisma.empty}
      ORDER BY u.id
      LIMIT ${limit}
    ), in_app AS (
      INSERT INTO "Delivery" (kind, channel, "userId", "broadcastId", "subjectType", "subjectId", status, "sentAt", "availableAt", "createdAt")
      SELECT 'BROADCAST', 'IN_APP', id, ${broadcastId}::uuid, 'BROADCAST', ${broadcastId}::uuid, 'SENT', ${now}, ${now}, ${now}
      FROM recipients ORDER BY id
    ), telegram AS (
      INSERT INTO "Delivery" (kind, channel, "userId", "chatId", "broadcastId", "subjectType", "subjectId", "availableAt", "createdAt")
      SELECT 'BROADCAST', 'TELEGRAM', id, "telegramChatId", ${broadcastId}::uuid, 'BROADCAST', ${broadcastId}::uuid, ${now}, ${now}
      FROM recipients WHERE reachable ORDER BY id
      RETURNING 1
    ), notified AS (
      INSERT INTO "Notification" ("userId", kind, text, "subjectType", "subjectId", "createdAt")
      SELECT id, 'BROADCAST', NULL, 'BROADCAST', ${broadcastId}::uuid, ${now} FROM recipients
    )
    SELECT (SELECT id::text FROM recipients ORDER BY id DESC LIMIT 1) AS last,
           (SELECT count(*) FROM recipients)::int AS people,
           (SELECT count(*) FROM telegram)::int AS telegram`;
  return row!;
}

/** The audience as stored: only the conditions given. */
function audienceJson(audience: Audience): Prisma.InputJsonObject {
  return {
    ...(audience.locales ? { locales: audience.locales } : {}),
    ...(audience.activeWithinDays ? { activeWithinDays: audience.activeWithinDays } : {}),
    ...(audience.telegramLinkedOnly ? { telegramLinkedOnly: true } : {}),
  };
}

/**
 * Stops a broadcast: its pending deliveries become CANCELLED (one already out with a worker
 * and then reported SENT still counts as sent). Cancelling a cancelled broadcast changes
 * nothing; a finished one is a CONFLICT.
 */
export async function cancelBroadcast(prisma: PrismaClient, broadcastId: string, now: Date): Promise<Broadcast> {
  return prisma.$transaction(async (tx) => {
    // The ledger's lock order: its deliveries (by id), then the broadcast. Reports keep it too.
    await tx.$queryRaw`SELECT id FROM "Delivery" WHERE "broadcastId" = ${broadcastId}::uuid AND status = 'PENDING' ORDER BY id FOR UPDATE`;
    const [locked] = await tx.$queryRaw<{ state: Broadcast['state'] }[]>`
      SELECT state::text AS state FROM "Broadcast" WHERE id = ${broadcastId}::uuid FOR UPDATE`;
    if (!locked) throw notFound('The broadcast');
    if (locked.state === 'DONE') throw conflict('This broadcast has already been delivered to everyone.');
    if (locked.state === 'SENDING') {
      await tx.delivery.updateMany({ where: { broadcastId, status: 'PENDING' }, data: { status: 'CANCELLED' } });
      await tx.broadcast.update({ where: { id: broadcastId }, data: { state: 'CANCELLED', cancelledAt: now, finishedAt: now } });
    }
    return tx.broadcast.findUniqueOrThrow({ where: { id: broadcastId } });
  });
}

export type BroadcastKey = [createdAt: string, id: string];

/** The history, newest first. */
export function broadcastsPage(prisma: PrismaClient, page: PageWindow<BroadcastKey>): Promise<Broadcast[]> {
  const after = page.after ? Prisma.sql`AND ("createdAt", id) < (${page.after[0]}::timestamptz, ${page.after[1]}::uuid)` : Prisma.empty;
  const before = page.before ? Prisma.sql`AND ("createdAt", id) > (${page.before[0]}::timestamptz, ${page.before[1]}::uuid)` : Prisma.empty;
  const order = page.inverted ? Prisma.raw('ASC') : Prisma.raw('DESC');
  return prisma.$queryRaw<Broadcast[]>`
    SELECT * FROM "Broadcast" WHERE TRUE ${after} ${before}
    ORDER BY "createdAt" ${order}, id ${order}
    LIMIT ${page.limit}`;
}
