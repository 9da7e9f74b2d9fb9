// 3. A friend list, ours against PostGraphile 5 on the same database: the same people with the
// same fields, the same closed-loop load, one server after the other.
import pg from 'pg';
import type { Scenario } from '../lib/context.ts';
import { startPostgraphile, postgraphileSchema } from '../lib/postgraphile-server.ts';
import { cores, runLoad } from '../lib/processes.ts';
import { ms, perSecond, ratio, type Row } from '../lib/results.ts';
import { startServer, tokensFor } from '../lib/server.ts';
import type { HttpLoadConfig, HttpLoadResult } from '../load/http-load.ts';
import { pickViewers } from './01-friends-of-friends.ts';

const name = '3. friend list vs PostGraphile 5';
const goal = 'ours ≥ 1.2× PostGraphile';
const concurrency = 8;
/** Both servers' pool size (ours: openDatabase's default). */
const poolSize = 10;
const pageSize = 20;

const oursQuery = /* GraphQL */ `
  query Friends {
    me { friends(first: ${pageSize}) { edges { node { id handle displayName } } } }
  }`;

const theirsQuery = /* GraphQL */ `
  query Friends($id: UUID!) {
    userByRowId(rowId: $id) { friends(first: ${pageSize}, orderBy: HANDLE_ASC) { edges { node { id handle displayName } } } }
  }`;

/**
 * PostGraphile's way to a relation its introspection cannot see (friends are the other side of
 * an ACCEPTED Friendship row on either side): a computed column, a STABLE SQL function
 * `User_friends(User) RETURNS SETOF User` with the same two index lookups as our friendIdsOf,
 * made orderable (`@behavior +order`) so the query can ask for handle order as our API gives it.
 * Kept in its own schema, beside the graph's tables.
 */
async function installComputedColumn(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${postgraphileSchema}`);
    await client.query(`
      CREATE OR REPLACE FUNCTION ${postgraphileSchema}."User_friends"(u public."User") RETURNS SETOF public."User"
      LANGUAGE sql STABLE AS $$
        SELECT f.* FROM public."User" f
        WHERE f.id IN (SELECT "userHighId" FROM public."Friendship" WHERE "userLowId" = u.id AND status = 'ACCEPTED'
                       UNION ALL
                       SELECT "userLowId" FROM public."Friendship" WHERE "userHighId" = u.id AND status = 'ACCEPTED')
      $$`);
    await client.query(
      `COMMENT ON FUNCTION ${postgraphileSchema}."User_friends"(public."User") IS E'@behavior +order\\nThe accepted friends of a user (either side of the pair).'`,
    );
  } finally {
    await client.end();
  }
}

async function post(url: string, body: unknown, token?: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const result = (await response.json()) as { data?: any; errors?: unknown[] };
  if (!response.ok || result.errors?.length) throw new Error(`${url}: ${JSON.stringify(result).slice(0, 500)}`);
  return result.data;
}

type Person = { handle: string; displayName: string };
const people = (edges: { node: Person }[]) => edges.map(({ node }) => `${node.handle}/${node.displayName}`).join(',');

export const friendListVsPostgraphile: Scenario = {
  id: 3,
  title: 'friend list vs PostGraphile 5',
  async run(context) {
    const { url, graph } = await context.graph();
    const viewerCount = context.size(1_000, 50);
    const warmupSeconds = context.size(5, 0.5);
    const durationSeconds = context.size(30, 1);
    const viewers = pickViewers(graph.ids.length, viewerCount, 3003).map((index) => graph.ids[index]!);
    const tokens = await tokensFor(url, viewers);
    await installComputedColumn(url);
    const load = { connections: concurrency, warmupSeconds, durationSeconds, expect: '"friends"' };

    // Ours first, then PostGraphile; each alone on the server core while it is measured.
    let oursPages: string[];
    let ours: HttpLoadResult;
    const server = await startServer({ name: 'scenario-03', databaseUrl: url });
    try {
      oursPages = [];
      for (let i = 0; i < viewers.length; i += 1) oursPages.push(people((await post(server.url, { query: oursQuery }, tokens[i])).me.friends.edges));
      ours = await runLoad<HttpLoadResult>('scenario-03-ours', 'bench/load/http-load.ts', {
        ...load,
        url: server.url,
        requests: tokens.map((token) => ({ body: JSON.stringify({ query: oursQuery }), headers: { authorization: `Bearer ${token}` } })),
      } satisfies HttpLoadConfig);
    } finally {
      await server.stop();
    }

    let theirs: HttpLoadResult;
    let same = 0;
    const postgraphile = await startPostgraphile({ name: 'scenario-03-postgraphile', databaseUrl: url, poolSize });
    try {
      for (let i = 0; i < viewers.length; i += 1) {
        const page = people((await post(postgraphile.url, { query: theirsQuery, variables: { id: viewers[i] } })).userByRowId.friends.edges);
        if (page === oursPages[i]) same += 1;
      }
      theirs = await runLoad<HttpLoadResult>('scenario-03-postgraphile', 'bench/load/http-load.ts', {
        ...load,
        url: postgraphile.url,
        requests: viewers.map((id) => ({ body: JSON.stringify({ query: theirsQuery, variables: { id } }) })),
      } satisfies HttpLoadConfig);
    } finally {
      await postgraphile.stop();
    }

    const errors = ours.errors + theirs.errors;
    const value = ours.requestsPerSecond / theirs.requestsPerSecond;
    const row: Row = {
      scenario: name,
      measured:
        `The first ${pageSize} friends (id, handle, displayName, by handle) of ${viewers.length} random viewers on the ` +
        `${graph.ids.length.toLocaleString('en')}-person graph; closed loop, ${concurrency} clients, ${durationSeconds} s each after ${warmupSeconds} s warm-up, ` +
        `one server after the other on core ${cores.server} (load on core ${cores.load}), pools of ${poolSize} for both. ` +
        `Ours: \`me { friends(first: ${pageSize}) }\`, signed in (a token per viewer; the session is looked up per request). ` +
        `PostGraphile 5.1.5 (Amber preset, grafserv on node:http, GRAPHILE_ENV=production, no auth, Promise.withResolvers polyfilled for Node 20): ` +
        `\`userByRowId(rowId) { friends(first: ${pageSize}, orderBy: HANDLE_ASC) }\`, friends through a computed column (a STABLE SQL function with the ` +
        `same two index lookups), since introspection alone gives only the two Friendship relations, one per side. ` +
        `Same people and fields for ${same} of ${viewers.length} viewers (node ids differ in encoding only)` +
        (errors > 0 ? `; ${errors} errors (first: ${ours.firstError ?? theirs.firstError})` : ''),
      ours: `${perSecond(ours.requestsPerSecond)}, p99 ${ms(ours.p99)}`,
      reference: `${perSecond(theirs.requestsPerSecond)}, p99 ${ms(theirs.p99)}`,
      ratio: `${ratio(value)} (req/s)`,
      goal,
      met: errors === 0 && same === viewers.length && value >= 1.2,
    };
    return [row];
  },
};
