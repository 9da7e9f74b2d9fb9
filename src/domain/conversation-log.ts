import type { ConversationEventKind, MemberRole, PrismaClient } from '../generated/prisma/client.ts';
import { notFound } from '../errors.ts';
import type { Notified } from './notifications.ts';
import type { Transaction } from './transaction.ts';

/** One entry of a conversation's log, as stored and as published (ids only). */
export interface LoggedEvent {
  seq: number;
  kind: ConversationEventKind;
  messageId: string | null;
  userId: string | null;
  readSeq: number | null;
}

export type NewEvent = Omit<LoggedEvent, 'seq' | 'messageId' | 'userId' | 'readSeq'> & Partial<Pick<LoggedEvent, 'messageId' | 'userId' | 'readSeq'>>;

/** What a committed change must announce: its events, to the members (and former members) named. */
export interface ConversationChange {
  conversationId: string;
  events: LoggedEvent[];
  /** Users whose own stream (myEvents) should hear of it. */
  notify: string[];
  /** Notifications the change wrote, to push to their recipients. */
  notifications?: Notified[];
  /** Telegram deliveries it queued (the outbox's workers are woken). */
  telegramQueued?: number;
}

export interface LockedConversation {
  id: string;
  kind: 'DIRECT' | 'GROUP';
  title: string | null;
  lastSeq: number;
  /** The viewer's role. */
  role: MemberRole;
}

/**
 * Locks the conversation row for the rest of the transaction, so writers to one conversation
 * take turns: that is what makes seqs strictly increasing with no gaps. NOT_FOUND when it does
 * not exist or the viewer is not a member (a stranger learns nothing about it).
 */
export async function lockConversation(tx: Transaction, conversationId: string, viewerId: string): Promise<LockedConversation> {
  const rows = await tx.$queryRaw<Omit<LockedConversation, 'role'>[]>`
    SELECT id::text AS id, kind::text AS kind, title, "lastSeq" FROM "Conversation" WHERE id = ${conversationId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw notFound('The conversation');
  // Read only once the lock is ours: a writer that waited for it must act on the roles the one
  // before it left (a member just removed, an heir just made owner), not on what it saw before.
  const member = await tx.conversationMember.findUnique({
    where: { conversationId_userId: { conversationId, userId: viewerId } },
    select: { role: true },
  });
  if (!member) throw notFound('The conversation');
  return { ...row, role: member.role };
}

/**
 * Appends events to the log of a locked conversation: the next seqs, in order. A new
 * message passes its time as `activityAt`, which moves the conversation up its members'
 * lists (never backwards); reads and edits leave the order alone.
 */
export async function appendEvents(
  tx: Transaction,
  conversationId: string,
  events: NewEvent[],
  options: { activityAt?: Date; lastMessageId?: string } = {},
): Promise<LoggedEvent[]> {
  if (events.length === 0) return [];
  const [{ lastSeq }] = await tx.$queryRaw<{ lastSeq: number }[]>`
    UPDATE "Conversation"
    SET "lastSeq" = "lastSeq" + ${events.length}::int,
        "lastActivityAt" = GREATEST("lastActivityAt", COALESCE(${options.activityAt ?? null}::timestamptz, "lastActivityAt")),
        "lastMessageId" = COALESCE(${options.lastMessageId ?? null}::uuid, "lastMessageId")
    WHERE id = ${conversationId}::uuid
    RETURNING "lastSeq"` as [{ lastSeq: number }];
  const first = lastSeq - events.length + 1;
  const logged = events.map((event, index) => ({
    seq: first + index,
    kind: event.kind,
    messageId: event.messageId ?? null,
    userId: event.userId ?? null,
    readSeq: event.readSeq ?? null,
  }));
  await tx.conversationEvent.createMany({ data: logged.map((event) => ({ ...event, conversationId })) });
  return logged;
}

/** The seq the next appended event will get, for writes that must know it beforehand (a message's own seq). */
export function nextSeq(conversation: LockedConversation): number {
  return conversation.lastSeq + 1;
}

/** Stored events with afterSeq < seq <= untilSeq (no upper bound when untilSeq is null), in order. */
export function readEvents(
  prisma: PrismaClient,
  conversationId: string,
  afterSeq: number,
  untilSeq: number | null,
  limit: number,
): Promise<LoggedEvent[]> {
  return prisma.conversationEvent.findMany({
    where: { conversationId, seq: { gt: afterSeq, ...(untilSeq === null ? {} : { lte: untilSeq }) } },
    orderBy: { seq: 'asc' },
    take: limit,
    select: { seq: true, kind: true, messageId: true, userId: true, readSeq: true },
  });
}
