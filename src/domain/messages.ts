import { randomUUID } from 'node:crypto';
import { Prisma, type Locale, type Message, type PrismaClient } from '../generated/prisma/client.ts';
import { AppError, badInput, forbidden, notFound } from '../errors.ts';
import { appendEvents, lockConversation, nextSeq, type ConversationChange } from './conversation-log.ts';
import { deletedMessageLabel, newMessageText } from './notification-texts.ts';
import { notifyNewMessage, readMessageNotification, unquoteMessage } from './notifications.ts';
import { enqueueTelegram, withdrawDeliveries } from './outbox-enqueue.ts';
import { areFriends, blockedEitherWay } from './relations.ts';
import type { Transaction } from './transaction.ts';

/** The reactions a message can get: a small fixed set, as chat apps offer. */
export const reactionEmojis = ['👍', '❤️', '😂', '😮', '😢', '🙏', '🎉', '🔥'] as const;

async function memberIdsOf(tx: Transaction, conversationId: string): Promise<string[]> {
  const rows = await tx.conversationMember.findMany({ where: { conversationId }, select: { userId: true } });
  return rows.map((row) => row.userId);
}

/**
 * A direct conversation is between friends: after a block (either way) or the end of the
 * friendship its history stays readable, but nothing new can be said in it.
 */
async function requireDirectContact(tx: Transaction, kind: 'DIRECT' | 'GROUP', viewerId: string, members: string[]) {
  if (kind !== 'DIRECT') return;
  const other = members.find((id) => id !== viewerId);
  if (!other) return;
  if (await blockedEitherWay(tx, viewerId, other)) throw forbidden('You cannot message this person.');
  if (!(await areFriends(tx, viewerId, other))) throw forbidden('You can only message a friend in a direct conversation.');
}

export interface MessageChange {
  message: Message;
  change: ConversationChange;
}

export async function sendMessage(
  prisma: PrismaClient,
  author: { id: string; displayName: string },
  conversationId: string,
  text: string,
  replyToId: string | null,
  now: Date,
): Promise<MessageChange> {
  const viewerId = author.id;
  return prisma.$transaction(async (tx) => {
    const conversation = await lockConversation(tx, conversationId, viewerId);
    const members = await memberIdsOf(tx, conversationId);
    await requireDirectContact(tx, conversation.kind, viewerId, members);
    if (replyToId) {
      const original = await tx.message.findUnique({ where: { id: replyToId }, select: { conversationId: true } });
      if (original?.conversationId !== conversationId) throw badInput('input.replyToId', 'is not a message of this conversation');
    }
    const id = randomUUID();
    // Taken under the conversation's lock, so messages of one conversation are stamped in seq order.
    const createdAt = now;
    const message = await tx.message.create({
      data: { id, conversationId, seq: nextSeq(conversation), authorId: viewerId, text, replyToId, createdAt },
    });
    const events = await appendEvents(tx, conversationId, [{ kind: 'MESSAGE_ADDED', messageId: id, userId: viewerId }], {
      activityAt: createdAt,
      lastMessageId: id,
    });
    const notice = newMessageText(author, conversation.kind === 'GROUP' ? conversation.title : null, text);
    const notifications = await notifyNewMessage(tx, { id, conversationId, authorId: viewerId, text: notice }, createdAt);
    // The same people, on Telegram too where they can be reached there.
    const telegramQueued = await enqueueTelegram(
      tx,
      notifications.map(({ userId }) => ({ userId, kind: 'MESSAGE', text, subjectType: 'MESSAGE', subjectId: id })),
      createdAt,
    );
    return { message, change: { conversationId, events, notify: members, notifications, telegramQueued } };
  });
}

/** Locks the message's conversation and checks the viewer may act on the message. */
async function lockMessage(tx: Transaction, viewerId: string, messageId: string) {
  const found = await tx.message.findUnique({ where: { id: messageId }, select: { conversationId: true } });
  if (!found) throw notFound('The message');
  const conversation = await lockConversation(tx, found.conversationId, viewerId).catch((error: unknown) => {
    // Not a member: the message does not exist as far as the viewer may know.
    throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound('The message') : error;
  });
  const message = await tx.message.findUniqueOrThrow({ where: { id: messageId } });
  return { conversation, message };
}

export async function editMessage(prisma: PrismaClient, viewerId: string, messageId: string, text: string): Promise<MessageChange> {
  return prisma.$transaction(async (tx) => {
    const { conversation, message } = await lockMessage(tx, viewerId, messageId);
    if (message.authorId !== viewerId) throw forbidden('Only the author can edit a message.');
    if (message.deletedAt) throw badInput('input.messageId', 'this message was deleted');
    const members = await memberIdsOf(tx, conversation.id);
    await requireDirectContact(tx, conversation.kind, viewerId, members);
    const edited = await tx.message.update({ where: { id: messageId }, data: { text, editedAt: new Date() } });
    const events = await appendEvents(tx, conversation.id, [{ kind: 'MESSAGE_EDITED', messageId, userId: viewerId }]);
    return { message: edited, change: { conversationId: conversation.id, events, notify: members } };
  });
}

/** Deletes as a tombstone (text null, deletedAt set). The author, or a group's owner or admin, may. */
export async function deleteMessage(prisma: PrismaClient, viewerId: string, messageId: string): Promise<MessageChange> {
  return prisma.$transaction(async (tx) => {
    const { conversation, message } = await lockMessage(tx, viewerId, messageId);
    const moderates = conversation.kind === 'GROUP' && conversation.role !== 'MEMBER';
    if (message.authorId !== viewerId && !moderates) throw forbidden('Only the author or a group admin can delete a message.');
    const members = await memberIdsOf(tx, conversation.id);
    if (message.deletedAt) return { message, change: { conversationId: conversation.id, events: [], notify: [] } };
    const deleted = await tx.message.update({ where: { id: messageId }, data: { text: null, deletedAt: new Date() } });
    await tx.reaction.deleteMany({ where: { messageId } });
    const author = await tx.user.findUniqueOrThrow({ where: { id: message.authorId }, select: { displayName: true } });
    const title = conversation.kind === 'GROUP' ? conversation.title : null;
    const labels = Object.entries(deletedMessageLabel).map(([locale, label]) => [locale, newMessageText(author, title, label)]);
    await unquoteMessage(tx, messageId, Object.fromEntries(labels) as Record<Locale, string>);
    await withdrawDeliveries(tx, Prisma.sql`"subjectType" = 'MESSAGE' AND "subjectId" = ${messageId}::uuid`, { eraseText: true });
    const events = await appendEvents(tx, conversation.id, [{ kind: 'MESSAGE_DELETED', messageId, userId: viewerId }]);
    return { message: deleted, change: { conversationId: conversation.id, events, notify: members } };
  });
}

/** Adds the viewer's reaction with this emoji, or takes it back if it is there. */
export async function toggleReaction(prisma: PrismaClient, viewerId: string, messageId: string, emoji: string): Promise<MessageChange> {
  return prisma.$transaction(async (tx) => {
    const { conversation, message } = await lockMessage(tx, viewerId, messageId);
    if (message.deletedAt) throw badInput('input.messageId', 'this message was deleted');
    const members = await memberIdsOf(tx, conversation.id);
    await requireDirectContact(tx, conversation.kind, viewerId, members);
    const key = { messageId_userId_emoji: { messageId, userId: viewerId, emoji } };
    const existing = await tx.reaction.findUnique({ where: key });
    if (existing) await tx.reaction.delete({ where: key });
    else await tx.reaction.create({ data: { messageId, userId: viewerId, emoji } });
    const events = await appendEvents(tx, conversation.id, [{ kind: 'REACTION_CHANGED', messageId, userId: viewerId }]);
    return { message, change: { conversationId: conversation.id, events, notify: members } };
  });
}

/**
 * Moves the viewer's read marker forward to `seq`, capped at the newest message: a marker
 * past it would mean nothing, and capping there keeps a client that marks every event it
 * receives as read (its own ReadUpTo included) from writing markers forever. Going back or
 * staying put changes nothing and logs nothing.
 */
export async function markRead(prisma: PrismaClient, viewerId: string, conversationId: string, seq: number, now: Date): Promise<ConversationChange> {
  return prisma.$transaction(async (tx) => {
    await lockConversation(tx, conversationId, viewerId);
    const member = await tx.conversationMember.findUniqueOrThrow({ where: { conversationId_userId: { conversationId, userId: viewerId } } });
    const newest = await tx.message.findFirst({ where: { conversationId }, orderBy: { seq: 'desc' }, select: { seq: true } });
    const readSeq = Math.min(seq, newest?.seq ?? 0);
    if (readSeq <= member.readSeq) return { conversationId, events: [], notify: [] };
    // The marker names the seq read up to; the event itself comes after it in the log.
    await tx.conversationMember.update({ where: { conversationId_userId: { conversationId, userId: viewerId } }, data: { readSeq } });
    // Everything read: the conversation's new-message notification is settled.
    if (readSeq === newest?.seq) await readMessageNotification(tx, viewerId, conversationId, now);
    const events = await appendEvents(tx, conversationId, [{ kind: 'READ_UP_TO', userId: viewerId, readSeq }]);
    return { conversationId, events, notify: [viewerId] };
  });
}
