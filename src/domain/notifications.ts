import {
  Prisma,
  type DeliveryKind,
  type Locale,
  type Notification,
  type NotificationKind,
  type NotificationSubject,
  type PrismaClient,
} from '../generated/prisma/client.ts';
import type { PageWindow } from './friend-lists.ts';
import { enqueueTelegram, withdrawDeliveries } from './outbox-enqueue.ts';
import type { Transaction } from './transaction.ts';

/** A notification that was written and must be pushed to its recipient once the transaction commits. */
export interface Notified {
  userId: string;
  notificationId: string;
}

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  text: string;
  subjectType: NotificationSubject;
  subjectId: string;
  actorId?: string | null;
}

/** What writing notifications did: who to push them to, and how many Telegram deliveries it queued. */
export interface Written {
  notified: Notified[];
  telegramQueued: number;
}

const deliveryKinds: Record<NotificationKind, DeliveryKind> = {
  FRIEND_REQUEST: 'FRIEND_REQUEST',
  FRIEND_ACCEPTED: 'FRIEND_ACCEPTED',
  NEW_MESSAGE: 'MESSAGE',
  BROADCAST: 'BROADCAST',
  CHECK_IN: 'CHECK_IN',
};

/**
 * Writes notifications inside the caller's transaction and, for each person the bot can reach,
 * the Telegram delivery that tells them too: the outbox gets its work when the notification is
 * made, in the same transaction.
 */
export async function notify(tx: Transaction, notifications: NewNotification[], now: Date): Promise<Written> {
  if (notifications.length === 0) return { notified: [], telegramQueued: 0 };
  const rows = await tx.notification.createManyAndReturn({
    data: notifications.map((notification) => ({ ...notification, createdAt: now })),
    select: { id: true, userId: true },
  });
  const telegramQueued = await enqueueTelegram(
    tx,
    notifications.map(({ userId, kind, text, subjectType, subjectId }) => ({ userId, kind: deliveryKinds[kind], text, subjectType, subjectId })),
    now,
  );
  return { notified: rows.map((row) => ({ userId: row.userId, notificationId: row.id })), telegramQueued };
}

/** The key that keeps one unread NEW_MESSAGE notification per person and conversation. */
export function unreadMessageKey(userId: string, conversationId: string): string {
  return `${userId}:${conversationId}`;
}

/**
 * A new message tells every other member, except those who blocked its author: one unread
 * notification per person and conversation, which further messages update (latest text,
 * count + 1, newer time) until it is read. One statement for the whole group.
 */
export async function notifyNewMessage(
  tx: Transaction,
  message: { id: string; conversationId: string; authorId: string; text: string },
  now: Date,
): Promise<Notified[]> {
  const { conversationId, authorId, text } = message;
  const rows = await tx.$queryRaw<{ id: string; userId: string }[]>`
    INSERT INTO "Notification" ("userId", kind, text, "subjectType", "subjectId", "actorId", "messageId", "unreadKey", "createdAt")
    SELECT m."userId", 'NEW_MESSAGE', ${text}, 'CONVERSATION', ${conversationId}::uuid, ${authorId}::uuid, ${message.id}::uuid,
           m."userId"::text || ':' || ${conversationId}, ${now}::timestamptz
    FROM "ConversationMember" m
    WHERE m."conversationId" = ${conversationId}::uuid AND m."userId" <> ${authorId}::uuid
      AND NOT EXISTS (SELECT 1 FROM "Block" b WHERE b."blockerId" = m."userId" AND b."blockedId" = ${authorId}::uuid)
    ON CONFLICT ("unreadKey") DO UPDATE
      SET text = EXCLUDED.text, "actorId" = EXCLUDED."actorId", "messageId" = EXCLUDED."messageId",
          count = "Notification".count + 1, "createdAt" = EXCLUDED."createdAt"
    RETURNING id::text AS id, "userId"::text AS "userId"`;
  return rows.map((row) => ({ userId: row.userId, notificationId: row.id }));
}

/**
 * A deleted message's text must not live on in the notifications that quote it: they get
 * `texts` instead, in each recipient's language.
 */
export async function unquoteMessage(tx: Transaction, messageId: string, texts: Record<Locale, string>): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Notification" n
    SET text = CASE u.locale WHEN 'RU' THEN ${texts.RU} WHEN 'ES' THEN ${texts.ES} ELSE ${texts.EN} END
    FROM "User" u
    WHERE n."messageId" = ${messageId}::uuid AND u.id = n."userId"`;
}

/** Marks the unread NEW_MESSAGE notification of a conversation read (its messages were read). */
export async function readMessageNotification(tx: Transaction, userId: string, conversationId: string, now: Date): Promise<void> {
  await tx.notification.updateMany({ where: { unreadKey: unreadMessageKey(userId, conversationId) }, data: { readAt: now, unreadKey: null } });
}

/** A friend request that was answered: its notification counts as read. */
export async function readFriendRequestNotifications(tx: Transaction, recipientId: string, requesterId: string, now: Date): Promise<void> {
  await tx.notification.updateMany({
    where: { userId: recipientId, actorId: requesterId, kind: 'FRIEND_REQUEST', readAt: null },
    data: { readAt: now },
  });
}

/**
 * A friend request that was withdrawn (cancelled, or ended by a block) no longer stands: its
 * unread notification goes, and its Telegram delivery if it has not gone out yet.
 */
export async function withdrawFriendRequestNotifications(tx: Transaction, a: string, b: string): Promise<void> {
  await withdrawDeliveries(
    tx,
    Prisma.sql`kind = 'FRIEND_REQUEST' AND status = 'PENDING'
      AND (("userId" = ${a}::uuid AND "subjectId" = ${b}::uuid) OR ("userId" = ${b}::uuid AND "subjectId" = ${a}::uuid))`,
    { eraseText: false },
  );
  await tx.notification.deleteMany({
    where: {
      kind: 'FRIEND_REQUEST',
      readAt: null,
      OR: [
        { userId: a, actorId: b },
        { userId: b, actorId: a },
      ],
    },
  });
}

/** Marks the given notifications of the user read (or all of them); the number that were unread. */
export async function markNotificationsRead(prisma: PrismaClient, userId: string, ids: string[] | 'all', now: Date): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { userId, readAt: null, ...(ids === 'all' ? {} : { id: { in: ids } }) },
    data: { readAt: now, unreadKey: null },
  });
  return count;
}

export type NotificationKey = [createdAt: string, id: string];

/** The user's notifications, newest first (an updated NEW_MESSAGE one moves up). */
export function notificationsPage(
  prisma: PrismaClient,
  userId: string,
  unreadOnly: boolean,
  page: PageWindow<NotificationKey>,
): Promise<Notification[]> {
  const after = page.after ? Prisma.sql`AND ("createdAt", id) < (${page.after[0]}::timestamptz, ${page.after[1]}::uuid)` : Prisma.empty;
  const before = page.before ? Prisma.sql`AND ("createdAt", id) > (${page.before[0]}::timestamptz, ${page.before[1]}::uuid)` : Prisma.empty;
  const unread = unreadOnly ? Prisma.sql`AND "readAt" IS NULL` : Prisma.empty;
  const order = page.inverted ? Prisma.raw('ASC') : Prisma.raw('DESC');
  return prisma.$queryRaw<Notification[]>`
    SELECT * FROM "Notification"
    WHERE "userId" = ${userId}::uuid ${unread} ${after} ${before}
    ORDER BY "createdAt" ${order}, id ${order}
    LIMIT ${page.limit}`;
}
