import type { FriendshipStatus, Locale, Role } from '../../src/generated/prisma/enums.ts';
import { demoAccounts } from './demo-accounts.ts';
import { wire, type Wiring } from './edges.ts';
import { createPerson } from './people.ts';
import { createRandom, type Random } from './random.ts';

export interface GraphOptions {
  /** How many users in all, demo accounts included (the script allows 10–100000). */
  users: number;
  /** PRNG seed: the same seed and `now` give the same graph, ids included. */
  seed: number;
  /**
   * The moment the data is generated "at": every date falls within the two years before it.
   * Default 2026-01-01T00:00:00Z, which keeps the output fixed; the script passes the current
   * time so that "last active" and request dates look recent.
   */
  now?: Date;
}

/** Rows shaped like the tables, minus the password hash (shared by all, added on insert). */
export interface SeedUser {
  id: string;
  handle: string;
  displayName: string;
  locale: Locale;
  timezone: string;
  role: Role;
  createdAt: Date;
  lastActiveAt: Date;
}

export interface SeedFriendship {
  userLowId: string;
  userHighId: string;
  requesterId: string;
  status: FriendshipStatus;
  createdAt: Date;
  acceptedAt: Date | null;
}

export interface SeedBlock {
  blockerId: string;
  blockedId: string;
  createdAt: Date;
}

export interface Graph {
  users: SeedUser[];
  friendships: SeedFriendship[];
  blocks: SeedBlock[];
}

const defaultNow = new Date('2026-01-01T00:00:00Z');
const day = 86_400_000;
const localeWeights: Locale[] = ['EN', 'EN', 'RU', 'ES'];

/**
 * A demo social graph: the demo accounts, then generated people in communities of 20–40
 * (one shared dominant locale each) with dense links inside a community and a few across.
 * Pure: everything comes from a PRNG seeded with `seed`.
 */
export function generateGraph({ users: n, seed, now = defaultNow }: GraphOptions): Graph {
  if (!Number.isInteger(n) || n < demoAccounts.length) throw new RangeError(`users must be an integer >= ${demoAccounts.length}, got ${n}`);
  const random = createRandom(seed);
  const { members, community } = formCommunities(random, n);
  const users = createUsers(random, community, now.getTime());
  // Demo accounts get a fixed, slightly high sociability so their lists are never thin.
  const sociability = users.map((_, index) => (index < demoAccounts.length ? 1.3 : Math.exp(0.5 * random.gaussian())));
  const wiring = wire({ random, n, members, community, sociability });
  return { users, ...toRows(random, users, wiring, now.getTime()) };
}

/** Community sizes of 20–40; ada and grace share the first, linus and admin sit in the next ones. */
function formCommunities(random: Random, n: number): { members: number[][]; community: number[] } {
  const sizes: number[] = [];
  for (let left = n; left > 0; ) {
    const size = Math.min(left, random.int(20, 40));
    // A remainder too small to be a community joins the previous one.
    if (size < 20 && sizes.length > 0) sizes[sizes.length - 1]! += size;
    else sizes.push(size);
    left -= size;
  }
  const members: number[][] = sizes.map(() => []);
  const community: number[] = [];
  const place = (user: number, index: number) => {
    members[index]!.push(user);
    community[user] = index;
  };
  [0, 0, 1, 2].forEach((index, user) => place(user, index % sizes.length));
  let current = 0;
  for (let user = demoAccounts.length; user < n; user++) {
    while (members[current]!.length >= sizes[current]!) current++;
    place(user, current);
  }
  return { members, community };
}

function createUsers(random: Random, community: number[], now: number): SeedUser[] {
  const dominant = new Map<number, Locale>();
  const taken = new Set(demoAccounts.map((account) => account.handle));
  return community.map((group, index) => {
    const id = random.uuid();
    const demo = demoAccounts[index];
    // The demo accounts are the oldest, as the first sign-ups of a network would be.
    const createdAt = demo ? now - 730 * day + index * 3_600_000 : now - Math.floor((1 + random.next() * 700) * day);
    const lastActiveAt = Math.max(createdAt, now - Math.floor(random.next() ** 3 * 30 * day));
    const dates = { createdAt: new Date(createdAt), lastActiveAt: new Date(lastActiveAt) };
    if (demo) return { id, ...demo, ...dates };
    if (!dominant.has(group)) dominant.set(group, random.pick(localeWeights));
    const locale = random.chance(0.8) ? dominant.get(group)! : random.pick(localeWeights);
    return { id, ...createPerson(random, locale, taken), role: 'USER', ...dates };
  });
}

function toRows(random: Random, users: SeedUser[], wiring: Wiring, now: number): Omit<Graph, 'users'> {
  // A random moment after both people joined; pending requests are recent, as real ones are.
  const momentAfter = (a: SeedUser, b: SeedUser, within: number) => {
    const start = Math.max(a.createdAt.getTime(), b.createdAt.getTime(), now - within);
    return start + Math.floor(random.next() * (now - start));
  };
  const friendships: SeedFriendship[] = [];
  for (const edge of wiring.edges.values()) {
    const requester = users[edge.requester]!;
    const other = users[edge.other]!;
    const pending = edge.status === 'PENDING';
    const createdAt = momentAfter(requester, other, pending ? 21 * day : 730 * day);
    const acceptedAt = pending ? null : new Date(Math.min(now, createdAt + Math.floor(random.next() ** 2 * 3 * day)));
    const [low, high] = requester.id < other.id ? [requester, other] : [other, requester];
    friendships.push({
      userLowId: low.id,
      userHighId: high.id,
      requesterId: requester.id,
      status: edge.status,
      createdAt: new Date(createdAt),
      acceptedAt,
    });
  }
  const blocks: SeedBlock[] = [];
  for (const { blocker, blocked } of wiring.blocks.values()) {
    const createdAt = momentAfter(users[blocker]!, users[blocked]!, 365 * day);
    blocks.push({ blockerId: users[blocker]!.id, blockedId: users[blocked]!.id, createdAt: new Date(createdAt) });
  }
  return { friendships, blocks };
}
