// A load generator for HTTP GraphQL endpoints, run in its own process (bench/lib/processes.ts
// pins it to the load core). Two modes:
// - closed loop: `connections` clients, each sending its next request as soon as the last one
//   is answered (throughput and latency at a fixed concurrency);
// - open loop (`rate`): `connections` virtual users, each with its own connection, sending at
//   random intervals so that all together send `rate` requests a second; latency is counted
//   from when a request was due, not when it went out, so a slow server cannot hide its queue.
// Prints one JSON line: throughput, latency percentiles (ms), errors.
import { Client, Pool } from 'undici';
import { closedLoop, measureLoad, type Latencies, type LoadResult } from '../lib/stats.ts';
import { loadConfigArgument } from '../lib/processes.ts';
import { seededRandom } from '../lib/random.ts';

export interface HttpLoadConfig {
  url: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Open loop at this many requests a second in all; closed loop when absent. */
  rate?: number;
  /** Request bodies (JSON strings) with their headers; each request picks one at random. */
  requests: { body: string; headers?: Record<string, string> }[];
  /** A substring every good response body contains (checked on each response). */
  expect?: string;
  seed?: number;
}

export type HttpLoadResult = LoadResult;

const config = loadConfigArgument<HttpLoadConfig>();
const target = new URL(config.url);
const random = seededRandom(config.seed ?? 7);

async function send(dispatcher: Pool | Client, request: HttpLoadConfig['requests'][number]): Promise<string | null> {
  const response = await dispatcher.request({
    path: target.pathname,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...request.headers },
    body: request.body,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) return `HTTP ${response.statusCode}: ${text.slice(0, 300)}`;
  if (text.includes('"errors"')) return text.slice(0, 300);
  if (config.expect && !text.includes(config.expect)) return `unexpected body: ${text.slice(0, 300)}`;
  return null;
}

async function closedRun(seconds: number, latencies: Latencies | null) {
  const pool = new Pool(target.origin, { connections: config.connections, pipelining: 1 });
  const result = await closedLoop(config.connections, seconds, latencies, () => send(pool, config.requests[Math.floor(random() * config.requests.length)]!));
  await pool.close();
  return result;
}

async function openLoop(seconds: number, latencies: Latencies | null) {
  const perUserRate = config.rate! / config.connections;
  let errors = 0;
  let firstError: string | undefined;
  const began = performance.now();
  const deadline = began + seconds * 1000;
  const sleep = (until: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, until - performance.now())));
  await Promise.all(
    Array.from({ length: config.connections }, async () => {
      const client = new Client(target.origin, { pipelining: 1 });
      // Exponential gaps (a Poisson process per user); the first one too, so that the users
      // together send at `rate` from the start rather than twice that while they all begin.
      const gap = () => (-Math.log(1 - random()) * 1000) / perUserRate;
      let due = began + gap();
      while (due < deadline) {
        await sleep(due);
        const error = await send(client, config.requests[Math.floor(random() * config.requests.length)]!).catch((e: Error) => e.message);
        latencies?.record(performance.now() - due);
        if (error) {
          errors += 1;
          firstError ??= error;
        }
        due += gap();
        // A user whose answer came after their next turn was due sends at once, as a queue would.
      }
      await client.close();
    }),
  );
  return { errors, firstError };
}

console.log(JSON.stringify(await measureLoad(config.rate ? openLoop : closedRun, config.warmupSeconds, config.durationSeconds)));
