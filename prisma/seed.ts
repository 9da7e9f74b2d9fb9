// `npm run db:seed`: fills the configured database with a deterministic demo social graph.
// Options: `npm run db:seed -- --help`. The pieces live in prisma/seed/ so tests can use them.
import { join } from 'node:path';
import { createPasswordHasher } from '../src/auth/passwords.ts';
import { ConfigError, loadConfig, type Config } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { parseSeedArgs, SeedUsageError, seedUsage } from './seed/args.ts';
import { demoAccounts, demoPassword } from './seed/demo-accounts.ts';
import { generateGraph } from './seed/graph.ts';
import { isSeeded, seedGraph } from './seed/insert.ts';
import { createProgress } from './seed/progress.ts';
import { describeGraph } from './seed/stats.ts';

/** Where the data goes, without the credentials a URL may carry. */
function describeTarget(config: Config, pgliteDir: string): string {
  if (!config.databaseUrl) return `PGlite at ${pgliteDir}`;
  const url = new URL(config.databaseUrl);
  return `PostgreSQL at ${url.host}${url.pathname}`;
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const args = parseSeedArgs(process.argv.slice(2));
  if (args.help) {
    console.log(seedUsage);
    return;
  }
  const config = loadConfig(process.env);
  // The same location the server uses (src/main.ts), so the server sees the seeded data.
  const pgliteDir = join(config.dataDir, 'pglite');
  const target = describeTarget(config, pgliteDir);
  const progress = createProgress(process.stderr);
  progress.start('opening database', 1);
  const db = await openDatabase({ url: config.databaseUrl, dataDir: pgliteDir });
  progress.finish();
  try {
    progress.start('migrations', 1);
    await applyMigrations(db);
    progress.finish();
    // seedGraph decides under its lock; asking first only spares generating and hashing.
    if (!args.reset && (await isSeeded(db.prisma))) {
      console.log(`${target} is already seeded (user "${demoAccounts[0]!.handle}" exists); nothing changed. Use --reset to seed it again.`);
      return;
    }
    progress.start('generating', 1);
    const graph = generateGraph({ users: args.users, seed: args.seed, now: new Date() });
    progress.finish();
    progress.start('hashing password', 1);
    // One hash for everyone: scrypt costs ~50 ms by design, which 100000 users would feel.
    const passwordHash = await createPasswordHasher().hash(demoPassword);
    progress.finish();

    const outcome = await seedGraph(db.prisma, graph, { passwordHash, reset: args.reset, progress });
    if (outcome === 'already-seeded') {
      console.log(`${target} was seeded by someone else meanwhile; nothing changed.`);
      return;
    }
    printSummary(target, args.seed, describeGraph(graph), performance.now() - startedAt);
  } finally {
    await db.close();
  }
}

function printSummary(target: string, seed: number, stats: ReturnType<typeof describeGraph>, elapsedMs: number) {
  const handles = demoAccounts.map((account) => (account.role === 'ADMIN' ? `${account.handle} (admin)` : account.handle));
  console.log(
    [
      `Seeded ${target} (seed ${seed}) in ${Math.round(elapsedMs)} ms:`,
      `  users        ${stats.users} (accepted friends: ${stats.averageFriends.toFixed(1)} on average, ${stats.maxFriends} at most)`,
      `  friendships  ${stats.accepted} accepted, ${stats.pending} pending`,
      `  blocks       ${stats.blocks}`,
      `Sign in as ${handles.join(', ')} with the password "${demoPassword}" (every seeded user has it).`,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  if (error instanceof SeedUsageError) {
    console.error(`${error.message}\n\n${seedUsage}`);
    process.exitCode = 2;
  } else if (error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
});
