import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { progress } from './progress.ts';
import { seededRandom, seededUuid } from './random.ts';

/** A synthetic social graph: how many people, how many friends each on average, and its seed. */
export interface GraphSpec {
  users: number;
  /** Average number of friends (even). */
  degree: number;
  /** Share of lattice edges rewired to a far, popular person (small-world shortcuts). */
  rewire: number;
  seed: number;
}

export interface SocialGraph {
  spec: GraphSpec;
  /** Every person's id, by index; person i has the handle `u<i>`. */
  ids: string[];
  /** Friendships as index pairs: edgesA[k] < edgesB[k]. */
  edgesA: Int32Array;
  edgesB: Int32Array;
}

/**
 * A clustered small world with a skewed degree tail: a Watts–Strogatz ring lattice (each person
 * knows their degree/2 nearest neighbours on each side, so friends of friends overlap as in
 * real circles), where a share of the edges is rewired to a person picked in proportion to the
 * friends they already have (preferential attachment), which grows a few popular hubs.
 * Deterministic for a seed.
 */
export function generateGraph(spec: GraphSpec): SocialGraph {
  const random = seededRandom(spec.seed);
  const ids = Array.from({ length: spec.users }, () => seededUuid(random));
  const half = spec.degree / 2;
  const capacity = spec.users * half;
  const edgesA = new Int32Array(capacity);
  const edgesB = new Int32Array(capacity);
  const seen = new Set<number>();
  let count = 0;
  const add = (a: number, b: number) => {
    const [low, high] = a < b ? [a, b] : [b, a];
    const key = low * spec.users + high;
    if (a === b || seen.has(key)) return false;
    seen.add(key);
    edgesA[count] = low;
    edgesB[count] = high;
    count += 1;
    return true;
  };
  for (let i = 0; i < spec.users; i += 1) {
    for (let j = 1; j <= half; j += 1) {
      const neighbour = (i + j) % spec.users;
      if (count > 0 && random() < spec.rewire) {
        // Up to a few tries for a popular person i does not know yet; else keep the lattice edge.
        let placed = false;
        for (let attempt = 0; attempt < 4 && !placed; attempt += 1) {
          const edge = Math.floor(random() * count);
          placed = add(i, random() < 0.5 ? edgesA[edge]! : edgesB[edge]!);
        }
        if (placed) continue;
      }
      add(i, neighbour);
    }
  }
  return { spec, ids, edgesA: edgesA.subarray(0, count), edgesB: edgesB.subarray(0, count) };
}

const locales = ['EN', 'EN', 'EN', 'RU', 'ES'] as const;

/**
 * A PostgreSQL database holding the graph, migrated to the current schema. Built once per spec
 * and kept (its spec is in the database's comment), so later runs start at once.
 */
export async function graphDatabase(serverUrl: string, graph: SocialGraph, log: (line: string) => void): Promise<string> {
  const { spec } = graph;
  const name = `chorus_bench_${spec.users}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const migrations = readdirSync('prisma/migrations').filter((entry) => /^\d/.test(entry)).length;
  const stamp = JSON.stringify({ ...spec, migrations, version: 1 });

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const existing = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    );
    if (existing.rows[0]?.comment === stamp) {
      log(`graph: reusing database ${name}`);
      return url.toString();
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }

  const db = await openDatabase({ url: url.toString() });
  await applyMigrations(db);
  await db.close();

  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const started = performance.now();
    const random = seededRandom(spec.seed + 1);
    const now = Date.now();
    const users = progress('users', graph.ids.length);
    await copyRows(
      client,
      'COPY "User" (id, handle, "displayName", locale, "lastActiveAt") FROM STDIN',
      graph.ids.length,
      (i) => {
        const activeAt = new Date(now - Math.floor(random() * 30 * 86_400_000)).toISOString();
        return `${graph.ids[i]}\tu${i}\tPerson ${i}\t${locales[i % locales.length]}\t${activeAt}\n`;
      },
      users,
    );
    const friendships = progress('friendships', graph.edgesA.length);
    const acceptedAt = new Date(now).toISOString();
    await copyRows(
      client,
      'COPY "Friendship" ("userLowId", "userHighId", "requesterId", status, "acceptedAt") FROM STDIN',
      graph.edgesA.length,
      (k) => {
        const a = graph.ids[graph.edgesA[k]!]!;
        const b = graph.ids[graph.edgesB[k]!]!;
        const [low, high] = a < b ? [a, b] : [b, a];
        return `${low}\t${high}\t${a}\tACCEPTED\t${acceptedAt}\n`;
      },
      friendships,
    );
    // VACUUM too, so index-only scans need not visit the heap (a fresh table's visibility map is empty).
    await client.query('VACUUM ANALYZE');
    await client.query(`COMMENT ON DATABASE ${name} IS '${stamp.replaceAll("'", "''")}'`);
    log(`graph: ${graph.ids.length} people and ${graph.edgesA.length} friendships loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
  return url.toString();
}

/** Streams `count` rows, built by `row`, through one COPY, 5,000 rows per chunk. */
async function copyRows(client: pg.Client, sql: string, count: number, row: (index: number) => string, bar: (done: number) => void) {
  function* chunks() {
    for (let start = 0; start < count; start += 5000) {
      let chunk = '';
      const end = Math.min(count, start + 5000);
      for (let i = start; i < end; i += 1) chunk += row(i);
      bar(end);
      yield chunk;
    }
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
}
