import { defaultQuestion } from '../../src/domain/check-in-settings.ts';
import type { Prisma, PrismaClient } from '../../src/generated/prisma/client.ts';
import { demoAccounts } from './demo-accounts.ts';
import type { Graph, SeedBlock, SeedFriendship, SeedUser } from './graph.ts';
import { silentProgress, type Progress } from './progress.ts';

/** Rows per INSERT statement. */
export const chunkSize = 1000;

/** The seed's fingerprint: a database with this handle counts as seeded. */
export const seededMarker = demoAccounts[0]!.handle;

// Serialises two seeds started together, so the second sees the first one's rows and
// reports "already seeded" instead of failing on a duplicate handle. Any fixed constant works.
const seedLockKey = 7_261_733_105;

export interface SeedGraphOptions {
  /** Stored for every user: hashed once by the caller, since scrypt is slow on purpose. */
  passwordHash: string;
  /** Delete every user first (cascading to all their rows). Default false. */
  reset?: boolean;
  progress?: Progress;
}

export async function isSeeded(prisma: PrismaClient | Prisma.TransactionClient): Promise<boolean> {
  return (await prisma.user.findUnique({ where: { handle: seededMarker }, select: { id: true } })) !== null;
}

/**
 * A multi-row INSERT of one chunk, the rows passed as a single JSON parameter and unpacked by
 * json_to_recordset. Not createMany: Prisma binds one parameter per value, which cost ~200 ms
 * per 1000 friendships and ~500 ms per 1000 users on both adapters, against ~35 ms this way.
 * `columns` must name every field of Row, so a new field does not compile until it is mapped
 * here; a new required column in the schema fails tests/seed.test.ts.
 */
function insertInto<Row>(table: string, columns: Record<keyof Row & string, string>) {
  const names = Object.keys(columns).map((column) => `"${column}"`).join(', ');
  const types = Object.entries(columns).map(([column, type]) => `"${column}" ${type}`).join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS r(${types})`;
  return (tx: Prisma.TransactionClient, rows: Row[]) => tx.$executeRawUnsafe(sql, JSON.stringify(rows));
}

const insertUsers = insertInto<SeedUser & { passwordHash: string }>('User', {
  id: 'uuid',
  handle: 'text',
  displayName: 'text',
  passwordHash: 'text',
  locale: '"Locale"',
  timezone: 'text',
  role: '"Role"',
  createdAt: 'timestamptz',
  lastActiveAt: 'timestamptz',
});

const insertFriendships = insertInto<SeedFriendship>('Friendship', {
  userLowId: 'uuid',
  userHighId: 'uuid',
  requesterId: 'uuid',
  status: '"FriendshipStatus"',
  createdAt: 'timestamptz',
  acceptedAt: 'timestamptz',
});

const insertBlocks = insertInto<SeedBlock>('Block', { blockerId: 'uuid', blockedId: 'uuid', createdAt: 'timestamptz' });

type SeedQuestion = { userId: string } & ReturnType<typeof defaultQuestion>;
const insertQuestions = insertInto<SeedQuestion>('Question', {
  userId: 'uuid',
  name: 'text',
  text: 'text',
  isDefault: 'boolean',
  nextDueAt: 'timestamptz',
  createdAt: 'timestamptz',
});

/**
 * Writes the graph in one transaction, in chunks of `chunkSize` rows per statement: all of it
 * or nothing. Returns 'already-seeded' without writing when the demo accounts exist and
 * `reset` is not set; with `reset`, the old rows go and the new ones arrive atomically.
 */
export async function seedGraph(prisma: PrismaClient, graph: Graph, options: SeedGraphOptions): Promise<'seeded' | 'already-seeded'> {
  const progress = options.progress ?? silentProgress;
  const users = graph.users.map((user) => ({ ...user, passwordHash: options.passwordHash }));
  return prisma.$transaction(
    async (tx) => {
      // A literal, not a parameter: a JS number would not bind as the bigint the function takes.
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${seedLockKey})`);
      if (options.reset) {
        progress.start('reset', 1);
        await tx.user.deleteMany();
        progress.advance(1);
        progress.finish();
      } else if (await isSeeded(tx)) {
        return 'already-seeded';
      }
      await inChunks('users', users, progress, (chunk) => insertUsers(tx, chunk));
      // Every account has its default question, as one made through the API does.
      const now = new Date();
      const questions = graph.users.map((user) => ({ userId: user.id, ...defaultQuestion(user.locale, user.timezone, now) }));
      await inChunks('questions', questions, progress, (chunk) => insertQuestions(tx, chunk));
      await inChunks('friendships', graph.friendships, progress, (chunk) => insertFriendships(tx, chunk));
      await inChunks('blocks', graph.blocks, progress, (chunk) => insertBlocks(tx, chunk));
      return 'seeded';
    },
    // The defaults (5 s) suit requests; 100000 users means ~700000 rows.
    { maxWait: 60_000, timeout: 30 * 60_000 },
  );
}

async function inChunks<Row>(label: string, rows: Row[], progress: Progress, insert: (chunk: Row[]) => Promise<unknown>) {
  progress.start(label, rows.length);
  for (let offset = 0; offset < rows.length; offset += chunkSize) {
    const chunk = rows.slice(offset, offset + chunkSize);
    await insert(chunk);
    progress.advance(chunk.length);
  }
  progress.finish();
}
