import { Prisma, type Conversation, type ConversationMember, type Message, type PrismaClient } from '../generated/prisma/client.ts';
import type { PageWindow } from './friend-lists.ts';

export type ActivityKey = [lastActivityAt: string, id: string];

/** The viewer's conversations, most recent activity first. */
export function conversationsPage(prisma: PrismaClient, viewerId: string, page: PageWindow<ActivityKey>): Promise<Conversation[]> {
  const after = page.after
    ? Prisma.sql`AND (c."lastActivityAt", c.id) < (${page.after[0]}::timestamptz, ${page.after[1]}::uuid)`
    : Prisma.empty;
  const before = page.before
    ? Prisma.sql`AND (c."lastActivityAt", c.id) > (${page.before[0]}::timestamptz, ${page.before[1]}::uuid)`
    : Prisma.empty;
  const order = page.inverted ? Prisma.raw('ASC') : Prisma.raw('DESC');
  return prisma.$queryRaw<Conversation[]>`
    SELECT c.* FROM "ConversationMember" m JOIN "Conversation" c ON c.id = m."conversationId"
    WHERE m."userId" = ${viewerId}::uuid ${after} ${before}
    ORDER BY c."lastActivityAt" ${order}, c.id ${order}
    LIMIT ${page.limit}`;
}

export type MemberKey = [joinedAt: string, userId: string];

/** Members in the order they joined. */
export function membersPage(prisma: PrismaClient, conversationId: string, page: PageWindow<MemberKey>): Promise<ConversationMember[]> {
  const keyAfter = (key: MemberKey) => ({
    OR: [{ joinedAt: { gt: new Date(key[0]) } }, { joinedAt: new Date(key[0]), userId: { gt: key[1] } }],
  });
  const keyBefore = (key: MemberKey) => ({
    OR: [{ joinedAt: { lt: new Date(key[0]) } }, { joinedAt: new Date(key[0]), userId: { lt: key[1] } }],
  });
  const direction = page.inverted ? 'desc' : 'asc';
  return prisma.conversationMember.findMany({
    where: { conversationId, AND: [page.after ? keyAfter(page.after) : {}, page.before ? keyBefore(page.before) : {}] },
    orderBy: [{ joinedAt: direction }, { userId: direction }],
    take: page.limit,
  });
}

/** Messages by seq: forwards from `after`, or backwards from `before` when inverted. */
export function messagesPage(prisma: PrismaClient, conversationId: string, page: PageWindow<number>): Promise<Message[]> {
  return prisma.message.findMany({
    where: {
      conversationId,
      seq: { ...(page.after !== null ? { gt: page.after } : {}), ...(page.before !== null ? { lt: page.before } : {}) },
    },
    orderBy: { seq: page.inverted ? 'desc' : 'asc' },
    take: page.limit,
  });
}

/**
 * The messages around one: up to `before` older ones and the message itself with up to
 * `after - 1` newer ones, plus whether more lie beyond each end.
 */
export async function messagesAround(prisma: PrismaClient, conversationId: string, seq: number, size: number) {
  const olderCount = Math.floor(size / 2);
  const [older, newer] = await Promise.all([
    prisma.message.findMany({ where: { conversationId, seq: { lt: seq } }, orderBy: { seq: 'desc' }, take: olderCount + 1 }),
    prisma.message.findMany({ where: { conversationId, seq: { gte: seq } }, orderBy: { seq: 'asc' }, take: size - olderCount + 1 }),
  ]);
  return {
    messages: [...older.slice(0, olderCount).reverse(), ...newer.slice(0, size - olderCount)],
    hasPreviousPage: older.length > olderCount,
    hasNextPage: newer.length > size - olderCount,
  };
}
