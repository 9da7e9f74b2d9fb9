import type { Friendship, PrismaClient } from '../generated/prisma/client.ts';
import { badInput, conflict, forbidden, notFound } from '../errors.ts';
import { friendAcceptedText, friendRequestText } from './notification-texts.ts';
import { notify, readFriendRequestNotifications, withdrawFriendRequestNotifications, type Written } from './notifications.ts';
import type { Transaction } from './transaction.ts';

export type FriendAction = 'send' | 'accept' | 'decline' | 'cancel' | 'remove' | 'block' | 'unblock';

/** The ordered key of the one row a pair may have. */
export function pairOf(a: string, b: string): { userLowId: string; userHighId: string } {
  return a < b ? { userLowId: a, userHighId: b } : { userLowId: b, userHighId: a };
}

interface PairState {
  row: Friendship | null;
  viewerBlocked: boolean;
  targetBlocked: boolean;
}

/**
 * Applies one friendship action from the viewer to the target. Every action on a pair runs
 * in a transaction that first takes a lock on that pair, so concurrent actions on the same
 * two people run one after the other and each sees the state the last one left; the
 * (userLowId, userHighId) primary key and the low < high CHECK back this up in the schema.
 */
export async function applyFriendAction(
  prisma: PrismaClient,
  viewerId: string,
  targetId: string,
  action: FriendAction,
  now: Date,
): Promise<Written> {
  if (viewerId === targetId) throw badInput('input', 'you cannot do this to yourself');
  const pair = pairOf(viewerId, targetId);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${pair.userLowId}:${pair.userHighId}`}, 0))`;
    const state = await readPair(tx, viewerId, targetId);
    const outcome = await transitions[action](tx, { viewerId, targetId, pair, state });
    return notifyOutcome(tx, outcome, viewerId, targetId, now);
  });
}

/** What an action did, as far as notifications care. */
type Outcome = 'requested' | 'accepted' | 'declined' | 'withdrawn' | null;

/**
 * A request tells its target; an acceptance tells the requester and settles the request's
 * own notification; a decline settles it; a cancel or a block takes it back.
 */
async function notifyOutcome(tx: Transaction, outcome: Outcome, viewerId: string, targetId: string, now: Date): Promise<Written> {
  if (outcome === 'declined' || outcome === 'accepted') await readFriendRequestNotifications(tx, viewerId, targetId, now);
  if (outcome === 'withdrawn') await withdrawFriendRequestNotifications(tx, viewerId, targetId);
  if (outcome !== 'requested' && outcome !== 'accepted') return { notified: [], telegramQueued: 0 };
  const people = await tx.user.findMany({ where: { id: { in: [viewerId, targetId] } }, select: { id: true, handle: true, displayName: true, locale: true } });
  const viewer = people.find((person) => person.id === viewerId)!;
  const target = people.find((person) => person.id === targetId)!;
  const text = outcome === 'requested' ? friendRequestText(target.locale, viewer) : friendAcceptedText(target.locale, viewer);
  const kind = outcome === 'requested' ? 'FRIEND_REQUEST' : 'FRIEND_ACCEPTED';
  return notify(tx, [{ userId: targetId, kind, text, subjectType: 'USER', subjectId: viewerId, actorId: viewerId }], now);
}

async function readPair(tx: Transaction, viewerId: string, targetId: string): Promise<PairState> {
  const [row, blocks] = await Promise.all([
    tx.friendship.findUnique({ where: { userLowId_userHighId: pairOf(viewerId, targetId) } }),
    tx.block.findMany({
      where: { OR: [{ blockerId: viewerId, blockedId: targetId }, { blockerId: targetId, blockedId: viewerId }] },
    }),
  ]);
  return {
    row,
    viewerBlocked: blocks.some((block) => block.blockerId === viewerId),
    targetBlocked: blocks.some((block) => block.blockerId === targetId),
  };
}

interface Step {
  viewerId: string;
  targetId: string;
  pair: { userLowId: string; userHighId: string };
  state: PairState;
}

const transitions: Record<FriendAction, (tx: Transaction, step: Step) => Promise<Outcome>> = {
  async send(tx, { viewerId, pair, state }) {
    if (state.viewerBlocked || state.targetBlocked) throw forbidden('You cannot send a friend request to this person.');
    const { row } = state;
    if (!row) {
      await tx.friendship.create({ data: { ...pair, requesterId: viewerId, status: 'PENDING' } });
      return 'requested';
    }
    if (row.status === 'ACCEPTED') throw conflict('You are already friends.');
    if (row.requesterId === viewerId) throw conflict('You have already sent this person a friend request.');
    // They asked first: asking back accepts.
    return accept(tx, pair);
  },

  async accept(tx, { targetId, pair, state }) {
    const { row } = state;
    if (row?.status === 'ACCEPTED') throw conflict('You are already friends.');
    if (!row || row.requesterId !== targetId) throw notFound('A friend request from this person');
    return accept(tx, pair);
  },

  async decline(tx, { targetId, pair, state }) {
    const { row } = state;
    if (!row || row.status !== 'PENDING' || row.requesterId !== targetId) throw notFound('A friend request from this person');
    await tx.friendship.delete({ where: { userLowId_userHighId: pair } });
    return 'declined';
  },

  async cancel(tx, { viewerId, pair, state }) {
    const { row } = state;
    if (!row || row.status !== 'PENDING' || row.requesterId !== viewerId) throw notFound('A friend request to this person');
    await tx.friendship.delete({ where: { userLowId_userHighId: pair } });
    return 'withdrawn';
  },

  async remove(tx, { pair, state }) {
    if (state.row?.status !== 'ACCEPTED') throw notFound('A friendship with this person');
    await tx.friendship.delete({ where: { userLowId_userHighId: pair } });
    return null;
  },

  // Blocking ends any friendship or request between the two; it is idempotent.
  async block(tx, { viewerId, targetId, pair, state }) {
    if (state.row) await tx.friendship.delete({ where: { userLowId_userHighId: pair } });
    if (!state.viewerBlocked) await tx.block.create({ data: { blockerId: viewerId, blockedId: targetId } });
    return 'withdrawn';
  },

  async unblock(tx, { viewerId, targetId, state }) {
    if (!state.viewerBlocked) throw notFound('A block of this person');
    await tx.block.delete({ where: { blockerId_blockedId: { blockerId: viewerId, blockedId: targetId } } });
    return null;
  },
};

async function accept(tx: Transaction, pair: { userLowId: string; userHighId: string }): Promise<Outcome> {
  await tx.friendship.update({
    where: { userLowId_userHighId: pair },
    data: { status: 'ACCEPTED', acceptedAt: new Date() },
  });
  return 'accepted';
}
