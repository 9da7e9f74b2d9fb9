import { Prisma, type DeliveryKind, type NotificationSubject } from '../generated/prisma/client.ts';
import type { Transaction } from './transaction.ts';

/**
 * Putting work in the Telegram outbox: one PENDING TELEGRAM delivery per person, written in
 * the transaction of whatever caused it, for people the bot can reach.
 */

/** SQL: the user `u` can be sent to on Telegram (linked, and not known to have blocked the bot). */
export const telegramReachable = (u: string) =>
  Prisma.sql`${Prisma.raw(u)}."telegramChatId" IS NOT NULL AND ${Prisma.raw(u)}."telegramBlockedAt" IS NULL`;

export interface TelegramItem {
  userId: string;
  kind: DeliveryKind;
  text: string;
  subjectType: NotificationSubject;
  subjectId: string;
}

/** Kinds a person can turn off on Telegram (telegramNotifications); check-ins and broadcasts are not among them. */
const mutableKinds: DeliveryKind[] = ['MESSAGE', 'FRIEND_REQUEST', 'FRIEND_ACCEPTED'];

/**
 * Queues deliveries for the reachable ones among `items`' users, in the order given, leaving out
 * the kinds a person turned off; how many were queued.
 */
export async function enqueueTelegram(tx: Transaction, items: TelegramItem[], now: Date): Promise<number> {
  if (items.length === 0) return 0;
  return tx.$executeRaw`
    INSERT INTO "Delivery" (kind, channel, "userId", "chatId", text, "subjectType", "subjectId", "availableAt", "createdAt")
    SELECT i.kind::"DeliveryKind", 'TELEGRAM', u.id, u."telegramChatId", i.text, i.subject_type::"NotificationSubject", i.subject_id, ${now}, ${now}
    FROM unnest(${items.map((item) => item.userId)}::uuid[], ${items.map((item) => item.kind)}::text[], ${items.map((item) => item.text)}::text[],
                ${items.map((item) => item.subjectType)}::text[], ${items.map((item) => item.subjectId)}::uuid[])
         WITH ORDINALITY AS i(user_id, kind, text, subject_type, subject_id, n)
    JOIN "User" u ON u.id = i.user_id
    WHERE ${telegramReachable('u')} AND (u."telegramNotifications" OR i.kind <> ALL(${mutableKinds}::text[]))
    ORDER BY i.n`;
}

/**
 * Takes back what no longer stands: the pending deliveries matching `condition` are cancelled
 * (one already out with a worker cannot be called back), and with `eraseText` every copy of
 * their text goes too (a deleted message must not live on in the ledger). Rows are locked in id
 * order, the order every writer of the ledger keeps.
 */
export async function withdrawDeliveries(tx: Transaction, condition: Prisma.Sql, options: { eraseText: boolean }): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM "Delivery" WHERE channel = 'TELEGRAM' AND ${condition} ORDER BY id FOR UPDATE`;
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Delivery"
    SET status = CASE WHEN status = 'PENDING' THEN 'CANCELLED'::"DeliveryStatus" ELSE status END,
        text = CASE WHEN ${options.eraseText} THEN NULL ELSE text END
    WHERE id = ANY(${rows.map((row) => row.id)}::uuid[])`;
}
