// Runs every benchmark scenario and writes the results table.
//
//   npm run bench              full sizes (minutes); writes bench/RESULTS.md and bench/charts/
//   npm run bench:smoke        every scenario at a tiny size (CI); writes test-output/bench/RESULTS.md
//   npm run bench -- 1 5       only the scenarios numbered 1 and 5 (their rows only)
//
// PostgreSQL and Redis come from DATABASE_URL and REDIS_URL, else the machine's on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { BenchContext, Scenario } from './lib/context.ts';
import { generateGraph, graphDatabase, type GraphSpec, type SocialGraph } from './lib/graph.ts';
import { cores, outputDir } from './lib/processes.ts';
import { resultsTable, type Row } from './lib/results.ts';
import { scenarios } from './scenarios/index.ts';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const only = new Set(args.filter((arg) => /^\d+$/.test(arg)).map(Number));
const postgresUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const resultsDir = smoke ? outputDir : 'bench';
const chartsDir = join(resultsDir, 'charts');
mkdirSync(chartsDir, { recursive: true });

const log = (line: string) => console.log(`[bench] ${line}`);
const graphSpec: GraphSpec = smoke ? { users: 2_000, degree: 10, rewire: 0.2, seed: 42 } : { users: 100_000, degree: 40, rewire: 0.2, seed: 42 };
let graph: Promise<{ url: string; graph: SocialGraph }> | undefined;

const context: BenchContext = {
  smoke,
  postgresUrl,
  redisUrl,
  chartsDir,
  size: (full, tiny) => (smoke ? tiny : full),
  log,
  graph() {
    graph ??= (async () => {
      const started = performance.now();
      const generated = generateGraph(graphSpec);
      log(`graph: generated ${generated.ids.length} people, ${generated.edgesA.length} friendships in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return { url: await graphDatabase(postgresUrl, generated, log), graph: generated };
    })();
    return graph;
  },
};

async function machine(): Promise<string> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  const postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  await client.end();
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
  redis.disconnect();
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  return [
    `- CPU: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'} (server pinned to core ${cores.server}, load generators to core ${cores.load}; PostgreSQL and Redis unpinned)`,
    `- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- Linux ${release()}, Node ${process.version}, PostgreSQL ${postgres}, Redis ${redisVersion}`,
    `- Commit ${commit}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  ].join('\n');
}

const started = performance.now();
const header = await machine();
const rows: Row[] = [];
const failures: string[] = [];
for (const scenario of scenarios.filter((s: Scenario) => only.size === 0 || only.has(s.id))) {
  log(`${scenario.id}. ${scenario.title}`);
  const scenarioStarted = performance.now();
  try {
    const produced = await scenario.run(context);
    rows.push(...produced);
    for (const row of produced) log(`   ${row.scenario}: ours ${row.ours}; reference ${row.reference}; ratio ${row.ratio}; goal ${row.goal}; met ${row.met}`);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    failures.push(`${scenario.id}. ${scenario.title}: ${message}`);
    console.error(error);
    rows.push({ scenario: `${scenario.id}. ${scenario.title}`, measured: '—', ours: `failed: ${message}`, reference: '—', ratio: '—', goal: '—', met: false });
  }
  log(`   (${((performance.now() - scenarioStarted) / 1000).toFixed(0)} s)`);
}

const minutes = ((performance.now() - started) / 60_000).toFixed(1);
const title = smoke ? 'Benchmark results (smoke: tiny sizes, not for reading)' : 'Benchmark results';
const body = `# ${title}\n\nWritten by \`npm run ${smoke ? 'bench:smoke' : 'bench'}\` in ${minutes} min. How each row is measured: bench/README.md.\n\n## Machine\n\n${header}\n\n## Results\n\n${resultsTable(rows)}`;
writeFileSync(join(resultsDir, 'RESULTS.md'), body);
log(`wrote ${join(resultsDir, 'RESULTS.md')} (${minutes} min)`);
if (failures.length > 0) {
  console.error(`[bench] ${failures.length} scenario(s) failed:\n${failures.join('\n')}`);
  process.exit(1);
}
process.exit(0);
