import type { Conversation, MemberRole, PrismaClient } from '../generated/prisma/client.ts';
import { badInput, forbidden, notFound } from '../errors.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { appendEvents, lockConversation, type ConversationChange, type LockedConversation } from './conversation-log.ts';
import { pairOf } from './friendships.ts';
import { readMessageNotification } from './notifications.ts';
import { areFriends, blockedEitherWay, friendsAmong } from './relations.ts';
import type { Transaction } from './transaction.ts';

/**
 * The one direct conversation of two friends, created on first use (with a MemberJoined
 * event for each, like any conversation; `change` is null when it already existed).
 */
export async function openDirect(
  prisma: PrismaClient,
  viewerId: string,
  otherId: string,
): Promise<{ conversation: Conversation; change: ConversationChange | null }> {
  if (viewerId === otherId) throw badInput('input', 'a direct conversation needs someone else');
  const pair = pairOf(viewerId, otherId);
  const directKey = `${pair.userLowId}:${pair.userHighId}`;
  return prisma.$transaction(async (tx) => {
    if (await blockedEitherWay(tx, viewerId, otherId)) throw forbidden('You cannot message this person.');
    // Also for a conversation that exists: direct conversations are between friends.
    if (!(await areFriends(tx, viewerId, otherId))) throw forbidden('You can only start a conversation with a friend.');
    const existing = await tx.conversation.findUnique({ where: { directKey } });
    if (existing) return { conversation: existing, change: null };
    let conversation: Conversation;
    try {
      // A savepoint would be needed to carry on after a failed insert; instead the loser of a
      // race gets a unique violation and reads the winner's row after rolling back.
      conversation = await tx.conversation.create({
        data: {
          kind: 'DIRECT',
          directKey,
          members: { create: [{ userId: viewerId }, { userId: otherId }] },
        },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DirectExists();
      throw error;
    }
    const members = [viewerId, otherId];
    const events = await appendEvents(tx, conversation.id, members.map((userId) => ({ kind: 'MEMBER_JOINED' as const, userId })));
    return { conversation: { ...conversation, lastSeq: events.at(-1)!.seq }, change: { conversationId: conversation.id, events, notify: members } };
  }).catch(async (error: unknown) => {
    if (error instanceof DirectExists) return { conversation: await prisma.conversation.findUniqueOrThrow({ where: { directKey } }), change: null };
    throw error;
  });
}

class DirectExists extends Error {}

export const maxGroupMembersPerCall = 100;

/** A group with the creator as OWNER and the given friends as members. */
export async function createGroup(
  prisma: PrismaClient,
  viewerId: string,
  title: string,
  memberIds: string[],
): Promise<{ conversation: Conversation; change: ConversationChange }> {
  const others = [...new Set(memberIds)].filter((id) => id !== viewerId);
  return prisma.$transaction(async (tx) => {
    await requireFriends(tx, viewerId, others, 'input.memberIds');
    const conversation = await tx.conversation.create({
      data: {
        kind: 'GROUP',
        title,
        members: { create: [{ userId: viewerId, role: 'OWNER' }, ...others.map((userId) => ({ userId }))] },
      },
    });
    const events = await appendEvents(
      tx,
      conversation.id,
      [viewerId, ...others].map((userId) => ({ kind: 'MEMBER_JOINED' as const, userId })),
    );
    return { conversation, change: { conversationId: conversation.id, events, notify: [viewerId, ...others] } };
  });
}

async function requireFriends(tx: Transaction, viewerId: string, userIds: string[], field: string) {
  if (userIds.length === 0) return;
  const friends = await friendsAmong(tx, viewerId, userIds);
  if (friends.size !== userIds.length) throw forbidden(`${field}: you can only add your friends to a group.`);
}

function requireGroupAdmin(conversation: LockedConversation) {
  if (conversation.kind !== 'GROUP') throw badInput('input.conversationId', 'membership can only change in a group');
  if (conversation.role === 'MEMBER') throw forbidden('Only the owner or an admin can change who is in this group.');
}

async function memberIds(tx: Transaction, conversationId: string): Promise<string[]> {
  const rows = await tx.conversationMember.findMany({ where: { conversationId }, select: { userId: true } });
  return rows.map((row) => row.userId);
}

export async function addMembers(prisma: PrismaClient, viewerId: string, conversationId: string, userIds: string[]): Promise<ConversationChange> {
  return prisma.$transaction(async (tx) => {
    const conversation = await lockConversation(tx, conversationId, viewerId);
    requireGroupAdmin(conversation);
    const current = new Set(await memberIds(tx, conversationId));
    const joining = [...new Set(userIds)].filter((id) => !current.has(id));
    await requireFriends(tx, viewerId, joining, 'input.userIds');
    await tx.conversationMember.createMany({ data: joining.map((userId) => ({ conversationId, userId })) });
    const events = await appendEvents(tx, conversationId, joining.map((userId) => ({ kind: 'MEMBER_JOINED' as const, userId })));
    return { conversationId, events, notify: [...current, ...joining] };
  });
}

export async function removeMember(
  prisma: PrismaClient,
  viewerId: string,
  conversationId: string,
  userId: string,
  now: Date,
): Promise<ConversationChange> {
  if (userId === viewerId) throw badInput('input.userId', 'to leave a group yourself, use leaveConversation');
  return prisma.$transaction(async (tx) => {
    const conversation = await lockConversation(tx, conversationId, viewerId);
    requireGroupAdmin(conversation);
    const target = await tx.conversationMember.findUnique({ where: { conversationId_userId: { conversationId, userId } } });
    if (!target) throw notFound('That member');
    if (target.role === 'OWNER' || (target.role === 'ADMIN' && conversation.role !== 'OWNER')) {
      throw forbidden('Only the owner can remove an admin, and nobody can remove an owner.');
    }
    const notify = await memberIds(tx, conversationId);
    await tx.conversationMember.delete({ where: { conversationId_userId: { conversationId, userId } } });
    await readMessageNotification(tx, userId, conversationId, now);
    const events = await appendEvents(tx, conversationId, [{ kind: 'MEMBER_LEFT', userId }]);
    return { conversationId, events, notify };
  });
}

/**
 * Leaves a group. The last owner leaving hands ownership to the longest-standing admin,
 * else the longest-standing member, so a group never goes without an owner.
 */
export async function leave(prisma: PrismaClient, viewerId: string, conversationId: string, now: Date): Promise<ConversationChange> {
  return prisma.$transaction(async (tx) => {
    const conversation = await lockConversation(tx, conversationId, viewerId);
    if (conversation.kind !== 'GROUP') throw badInput('input.conversationId', 'a direct conversation cannot be left');
    const notify = await memberIds(tx, conversationId);
    await tx.conversationMember.delete({ where: { conversationId_userId: { conversationId, userId: viewerId } } });
    // Unread news of a conversation you left is not news to you any more.
    await readMessageNotification(tx, viewerId, conversationId, now);
    if (conversation.role === 'OWNER') await handOwnershipOn(tx, conversationId);
    const events = await appendEvents(tx, conversationId, [{ kind: 'MEMBER_LEFT', userId: viewerId }]);
    return { conversationId, events, notify };
  });
}

async function handOwnershipOn(tx: Transaction, conversationId: string) {
  const owners = await tx.conversationMember.count({ where: { conversationId, role: 'OWNER' } });
  if (owners > 0) return;
  const rank: Record<MemberRole, number> = { OWNER: 0, ADMIN: 1, MEMBER: 2 };
  const members = await tx.conversationMember.findMany({ where: { conversationId }, orderBy: { joinedAt: 'asc' } });
  // Ties (members added together) go to the lower user id, so the choice is stable.
  const heir = members.sort(
    (a, b) => rank[a.role] - rank[b.role] || a.joinedAt.getTime() - b.joinedAt.getTime() || a.userId.localeCompare(b.userId),
  )[0];
  if (heir) {
    await tx.conversationMember.update({
      where: { conversationId_userId: { conversationId, userId: heir.userId } },
      data: { role: 'OWNER' },
    });
  }
}
