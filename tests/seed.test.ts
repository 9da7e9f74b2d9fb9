// The demo seed (prisma/seed.ts): the generated graph must be reproducible and obey the
// schema's rules, and the insert the script uses must load it into a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSeedArgs, SeedUsageError } from '../prisma/seed/args.ts';
import { demoAccounts, demoPassword } from '../prisma/seed/demo-accounts.ts';
import { generateGraph, type Graph } from '../prisma/seed/graph.ts';
import { seedGraph } from '../prisma/seed/insert.ts';
import { createProgress } from '../prisma/seed/progress.ts';
import { describeGraph, friendsOfFriends } from '../prisma/seed/stats.ts';
import { createPasswordHasher } from '../src/auth/passwords.ts';
import { insideWindow } from '../src/domain/check-in-schedule.ts';
import { suggestionsPage } from '../src/domain/suggestions.ts';
import { handleSchema, timezoneSchema } from '../src/validation.ts';
import { createTestDatabase, type TestDatabase } from './utils/database.ts';

const graph = generateGraph({ users: 300, seed: 42 });
const userByHandle = (g: Graph, handle: string) => g.users.find((user) => user.handle === handle)!;
const unorderedPair = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

describe('generateGraph', () => {
  it('should give the same graph, ids and dates included, for the same seed', () => {
    expect(generateGraph({ users: 300, seed: 42 })).toEqual(graph);
  });

  it('should give a different graph for another seed', () => {
    const other = generateGraph({ users: 300, seed: 43 });
    expect(other.users.map((user) => user.id)).not.toEqual(graph.users.map((user) => user.id));
    expect(other.users.slice(demoAccounts.length).map((user) => user.handle)).not.toEqual(
      graph.users.slice(demoAccounts.length).map((user) => user.handle),
    );
  });

  it('should start with the demo accounts, admin being the only ADMIN', () => {
    expect(graph.users.slice(0, demoAccounts.length).map((user) => user.handle)).toEqual(['ada', 'grace', 'linus', 'admin']);
    expect(graph.users.filter((user) => user.role === 'ADMIN').map((user) => user.handle)).toEqual(['admin']);
  });

  it('should make users the API would have accepted: unique valid handles, canonical time zones, v4 ids', () => {
    expect(new Set(graph.users.map((user) => user.handle)).size).toBe(graph.users.length);
    expect(new Set(graph.users.map((user) => user.id)).size).toBe(graph.users.length);
    for (const user of graph.users) {
      expect(handleSchema.parse(user.handle)).toBe(user.handle);
      expect(timezoneSchema.parse(user.timezone)).toBe(user.timezone);
      expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(user.lastActiveAt.getTime()).toBeGreaterThanOrEqual(user.createdAt.getTime());
    }
    expect(new Set(graph.users.map((user) => user.locale))).toEqual(new Set(['EN', 'RU', 'ES']));
  });

  it('should keep one friendship row per pair, low id first, requested by one of the two', () => {
    const pairs = new Set<string>();
    for (const row of graph.friendships) {
      expect(row.userLowId < row.userHighId).toBe(true);
      expect([row.userLowId, row.userHighId]).toContain(row.requesterId);
      expect(row.acceptedAt === null).toBe(row.status === 'PENDING');
      pairs.add(unorderedPair(row.userLowId, row.userHighId));
    }
    expect(pairs.size).toBe(graph.friendships.length);
  });

  it('should have pending requests in both directions of the id order', () => {
    const pending = graph.friendships.filter((row) => row.status === 'PENDING');
    expect(pending.some((row) => row.requesterId === row.userLowId)).toBe(true);
    expect(pending.some((row) => row.requesterId === row.userHighId)).toBe(true);
  });

  it('should never have a friendship row for a pair where one blocks the other', () => {
    const friendships = new Set(graph.friendships.map((row) => unorderedPair(row.userLowId, row.userHighId)));
    expect(graph.blocks.length).toBeGreaterThan(0);
    for (const block of graph.blocks) {
      expect(block.blockerId).not.toBe(block.blockedId);
      expect(friendships.has(unorderedPair(block.blockerId, block.blockedId))).toBe(false);
    }
    expect(new Set(graph.blocks.map((block) => `${block.blockerId}>${block.blockedId}`)).size).toBe(graph.blocks.length);
  });

  it('should average 10–20 friendship rows per user', () => {
    const stats = describeGraph(graph);
    const rowsPerUser = (2 * (stats.accepted + stats.pending)) / stats.users;
    expect(rowsPerUser).toBeGreaterThanOrEqual(10);
    expect(rowsPerUser).toBeLessThanOrEqual(20);
  });

  it('should give ada friends-of-friends who are not her friends, even at the smallest size', () => {
    expect(friendsOfFriends(graph, userByHandle(graph, 'ada').id).size).toBeGreaterThan(0);
    const smallest = generateGraph({ users: 10, seed: 1 });
    expect(friendsOfFriends(smallest, userByHandle(smallest, 'ada').id)).toContain(userByHandle(smallest, 'admin').id);
  });
});

describe('seedGraph', () => {
  let t: TestDatabase;
  let passwordHash: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    passwordHash = await createPasswordHasher({ logN: 10 }).hash(demoPassword);
  });
  afterAll(() => t.drop());

  const counts = async () => ({
    users: await t.db.prisma.user.count(),
    accepted: await t.db.prisma.friendship.count({ where: { status: 'ACCEPTED' } }),
    pending: await t.db.prisma.friendship.count({ where: { status: 'PENDING' } }),
    blocks: await t.db.prisma.block.count(),
  });
  const expected = (g: Graph) => {
    const { users, accepted, pending, blocks } = describeGraph(g);
    return { users, accepted, pending, blocks };
  };

  it('should insert the whole graph in chunked statements', async () => {
    t.statements.length = 0;
    expect(await seedGraph(t.db.prisma, graph, { passwordHash })).toBe('seeded');
    expect(await counts()).toEqual(expected(graph));
    const inserts = t.statements.filter((sql) => sql.startsWith('INSERT')).map((sql) => sql.split(' (')[0]);
    // 300 users, their questions and the blocks fit one statement each; ~2000 friendships take two.
    expect(inserts).toEqual([
      'INSERT INTO "User"',
      'INSERT INTO "Question"',
      'INSERT INTO "Friendship"',
      'INSERT INTO "Friendship"',
      'INSERT INTO "Block"',
    ]);
  });

  it('should give every user their default question, in their language, due inside their window', async () => {
    const questions = await t.db.prisma.question.findMany({ include: { user: { select: { locale: true, timezone: true } } } });
    expect(questions).toHaveLength(graph.users.length);
    expect(new Set(questions.map((question) => question.userId)).size).toBe(graph.users.length);
    expect(questions.every((question) => question.isDefault && question.active && question.name === 'default')).toBe(true);
    const ru = questions.find((question) => question.user.locale === 'RU');
    expect(ru?.text).toBe('Чем вы сейчас заняты?');
    const dayWindow = { start: 9 * 60, end: 22 * 60 };
    expect(questions.filter((question) => !insideWindow(question.nextDueAt, question.user.timezone, dayWindow))).toEqual([]);
  });

  it('should store every value as generated, dates to the millisecond', async () => {
    const byPair = (a: { userLowId: string; userHighId: string }, b: { userLowId: string; userHighId: string }) =>
      unorderedPair(a.userLowId, a.userHighId).localeCompare(unorderedPair(b.userLowId, b.userHighId));
    const select = { id: true, handle: true, displayName: true, locale: true, timezone: true, role: true, createdAt: true, lastActiveAt: true };
    expect(await t.db.prisma.user.findMany({ select, orderBy: { id: 'asc' } })).toEqual(
      [...graph.users].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect((await t.db.prisma.friendship.findMany()).sort(byPair)).toEqual([...graph.friendships].sort(byPair));
    expect(new Set((await t.db.prisma.block.findMany()).map((block) => JSON.stringify(block)))).toEqual(
      new Set(graph.blocks.map((block) => JSON.stringify(block))),
    );
  });

  it('should let ada sign in with the demo password and be suggested friends-of-friends', async () => {
    const ada = await t.db.prisma.user.findUniqueOrThrow({ where: { handle: 'ada' } });
    expect(await createPasswordHasher().verify(demoPassword, ada.passwordHash!)).toBe(true);
    expect((await suggestionsPage(t.db.prisma, ada.id, null, 10)).length).toBeGreaterThan(0);
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { handle: 'admin' } })).role).toBe('ADMIN');
  });

  it('should change nothing when the database is already seeded', async () => {
    const other = generateGraph({ users: 50, seed: 7 });
    expect(await seedGraph(t.db.prisma, other, { passwordHash })).toBe('already-seeded');
    expect(await counts()).toEqual(expected(graph));
  });

  it('should replace every row with reset', async () => {
    const other = generateGraph({ users: 50, seed: 7 });
    expect(await seedGraph(t.db.prisma, other, { passwordHash, reset: true })).toBe('seeded');
    expect(await counts()).toEqual(expected(other));
    const ada = await t.db.prisma.user.findUniqueOrThrow({ where: { handle: 'ada' } });
    expect(ada.id).toBe(userByHandle(other, 'ada').id);
  });
});

describe('parseSeedArgs', () => {
  it('should default to 300 users and seed 42', () => {
    expect(parseSeedArgs([])).toEqual({ users: 300, seed: 42, reset: false, help: false });
    expect(parseSeedArgs(['--users', '2000', '--seed', '7', '--reset'])).toEqual({ users: 2000, seed: 7, reset: true, help: false });
  });

  it.each([['--users', '9'], ['--users', '100001'], ['--users', 'many'], ['--users', '1e3'], ['--seed', '-1'], ['--seed', '4294967296']])(
    'should refuse %s=%s, naming the allowed range',
    (flag, value) => {
      const args = [`${flag}=${value}`];
      expect(() => parseSeedArgs(args)).toThrow(SeedUsageError);
      expect(() => parseSeedArgs(args)).toThrow(new RegExp(`${flag} must be a whole number from \\d+ to \\d+, got "${value}"`));
    },
  );

  it('should refuse unknown flags', () => {
    expect(() => parseSeedArgs(['--user', '20'])).toThrow(SeedUsageError);
  });
});

describe('createProgress', () => {
  const fakeStream = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } };
  };
  const run = (isTTY: boolean) => {
    const { writes, stream } = fakeStream(isTTY);
    let clock = 0;
    const progress = createProgress(stream, { width: 10, now: () => clock });
    progress.start('friendships', 2400);
    progress.advance(1200);
    clock = 42;
    progress.finish();
    return writes;
  };

  it('should redraw one line with \\r on a terminal', () => {
    expect(run(true)).toEqual([
      '\r[----------]   0% friendships 0/2400',
      '\r[#####-----]  50% friendships 1200/2400',
      '\r[##########] 100% friendships 2400/2400 (42 ms)\n',
    ]);
  });

  it('should write only one line per phase elsewhere', () => {
    expect(run(false)).toEqual(['[##########] 100% friendships 2400/2400 (42 ms)\n']);
  });
});
