// The bare-SQL reference for a GraphQL operation: replays, through a plain pg Pool, the
// statements the server sent for it, one request at a time per client, closed loop. Each
// request is a list of statements run one after another (each on whichever pooled connection
// is free, as the server's pool does), the way the server runs them for one operation.
// Run in its own process on the load core (bench/lib/processes.ts); prints one JSON line in
// the shape of http-load's result.
import pg from 'pg';
import { loadConfigArgument } from '../lib/processes.ts';
import { seededRandom } from '../lib/random.ts';
import { closedLoop, measureLoad, type Latencies } from '../lib/stats.ts';

export interface SqlStatement {
  text: string;
  values: unknown[];
}

export interface SqlReplayConfig {
  databaseUrl: string;
  /** Clients sending at once; also the pool's size. */
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** One entry per request: the statements to run in order. Each request picks one at random. */
  requests: SqlStatement[][];
  seed?: number;
}

const config = loadConfigArgument<SqlReplayConfig>();
const random = seededRandom(config.seed ?? 7);
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.connections });

async function replay(statements: SqlStatement[]) {
  for (const statement of statements) await pool.query(statement.text, statement.values);
}

const closedRun = (seconds: number, latencies: Latencies | null) =>
  closedLoop(config.connections, seconds, latencies, async () => {
    await replay(config.requests[Math.floor(random() * config.requests.length)]!);
    return null;
  });

// Open every connection first, as a running server's pool would have them.
await Promise.all(Array.from({ length: config.connections }, () => pool.query('SELECT 1')));
const result = await measureLoad(closedRun, config.warmupSeconds, config.durationSeconds);
await pool.end();
console.log(JSON.stringify(result));
