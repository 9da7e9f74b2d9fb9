import type { FriendshipStatus } from '../../src/generated/prisma/enums.ts';
import type { Random } from './random.ts';

/** Who knows whom, by user index; graph.ts turns it into rows with ids and dates. */
export interface Wiring {
  /** Keyed by pairKey: at most one edge per unordered pair, as the Friendship table requires. */
  edges: Map<number, { requester: number; other: number; status: FriendshipStatus }>;
  /** Keyed by blocker * n + blocked: a block has a direction. */
  blocks: Map<number, { blocker: number; blocked: number }>;
}

export interface WiringInput {
  random: Random;
  n: number;
  /** User indices per community. */
  members: number[][];
  /** Community of each user. */
  community: number[];
  /** How sociable each user is (mean about 1): scales how many friends they end up with. */
  sociability: number[];
}

// Demo users are indices 0–3 (see demo-accounts.ts).
const ada = 0;
const grace = 1;
const linus = 2;
const admin = 3;

/** Tuned so the default 300 users average ~13 friendship rows each, most inside a community. */
const intraDegree = 11;
const bridgeTrials = 3;
const pendingShare = 0.08;

const pairKey = (n: number, a: number, b: number) => (a < b ? a * n + b : b * n + a);

export function wire(input: WiringInput): Wiring {
  const wiring: Wiring = { edges: new Map(), blocks: new Map() };
  // ada and admin stay strangers (admin is the friend-of-friend ada is promised).
  const reserved = new Set([pairKey(input.n, ada, admin)]);
  const link = (requester: number, other: number, status: FriendshipStatus) => {
    const key = pairKey(input.n, requester, other);
    if (requester === other || reserved.has(key) || wiring.edges.has(key)) return false;
    wiring.edges.set(key, { requester, other, status });
    return true;
  };
  const linkRandomly = (a: number, b: number) => {
    const status = input.random.chance(pendingShare) ? 'PENDING' : 'ACCEPTED';
    return input.random.chance(0.5) ? link(a, b, status) : link(b, a, status);
  };

  for (const [a, b] of [[ada, grace], [ada, linus], [grace, linus], [linus, admin]] as const) link(a, b, 'ACCEPTED');
  wireCommunities(input, linkRandomly);
  wireBridges(input, linkRandomly);
  addDemoRequests(input, wiring, link);
  addBlocks(input, wiring, reserved);
  return wiring;
}

/** Dense links inside each community, likelier between two sociable people (Chung–Lu). */
function wireCommunities({ random, members, sociability }: WiringInput, linkRandomly: (a: number, b: number) => boolean) {
  for (const group of members) {
    if (group.length < 2) continue;
    const mean = group.reduce((sum, user) => sum + sociability[user]!, 0) / group.length;
    const base = intraDegree / (group.length - 1) / (mean * mean);
    for (let x = 0; x < group.length; x++) {
      for (let y = x + 1; y < group.length; y++) {
        const a = group[x]!;
        const b = group[y]!;
        if (random.chance(Math.min(0.9, base * sociability[a]! * sociability[b]!))) linkRandomly(a, b);
      }
    }
  }
}

/** A few links to other communities: what makes friends-of-friends reach beyond one's own. */
function wireBridges({ random, n, community, sociability }: WiringInput, linkRandomly: (a: number, b: number) => boolean) {
  for (let user = 0; user < n; user++) {
    for (let trial = 0; trial < bridgeTrials; trial++) {
      if (!random.chance(Math.min(0.9, 0.5 * sociability[user]!))) continue;
      const other = random.int(0, n - 1);
      if (community[other] !== community[user]) linkRandomly(user, other);
    }
  }
}

/** ada gets two incoming requests and one outgoing, so both request lists show something. */
function addDemoRequests(
  { random, n }: WiringInput,
  wiring: Wiring,
  link: (requester: number, other: number, status: FriendshipStatus) => boolean,
) {
  const wanted = [true, true, false];
  for (let tries = 0; wanted.length > 0 && tries < 1000; tries++) {
    const other = random.int(admin + 1, n - 1);
    if (wiring.edges.has(pairKey(n, ada, other))) continue;
    const incoming = wanted[0]!;
    if (incoming ? link(other, ada, 'PENDING') : link(ada, other, 'PENDING')) wanted.shift();
  }
}

/**
 * Blocks between people with no friendship row (the API deletes the row when blocking): ada
 * blocks one person, then ~1.5% of users block someone, mostly in their own community, and a
 * fifth of those are blocked back.
 */
function addBlocks({ random, n, members, community }: WiringInput, wiring: Wiring, reserved: Set<number>) {
  const block = (blocker: number, blocked: number) => {
    const key = blocker * n + blocked;
    if (blocker === blocked || reserved.has(pairKey(n, blocker, blocked))) return false;
    if (wiring.edges.has(pairKey(n, blocker, blocked)) || wiring.blocks.has(key)) return false;
    wiring.blocks.set(key, { blocker, blocked });
    return true;
  };
  const neighbour = (user: number) =>
    random.chance(0.7) ? random.pick(members[community[user]!]!) : random.int(0, n - 1);

  for (let tries = 0; tries < 1000 && !block(ada, neighbour(ada)); tries++);
  const wanted = Math.max(3, Math.round(n * 0.015));
  for (let made = 0, tries = 0; made < wanted && tries < wanted * 100; tries++) {
    const blocker = random.int(admin + 1, n - 1);
    const blocked = neighbour(blocker);
    if (!block(blocker, blocked)) continue;
    made++;
    if (random.chance(0.2)) block(blocked, blocker);
  }
}
