// 1. Friends of friends: the suggestions page (20 people, each with 3 mutual friends) over HTTP
// against the very statements the server sends for it, replayed through bare node-postgres.
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { suggestionsSql } from '../../src/domain/suggestions.ts';
import { mutualFriendsSql } from '../../src/loaders/mutual-friends.ts';
import type { Scenario } from '../lib/context.ts';
import { openInProcessApp } from '../lib/in-process-app.ts';
import { cores, runLoad } from '../lib/processes.ts';
import { seededRandom } from '../lib/random.ts';
import { ms, perSecond, ratio, type Row } from '../lib/results.ts';
import { startServer, tokensFor } from '../lib/server.ts';
import { percentileAxis, percentileSeries, writeLineChart } from '../lib/svg.ts';
import type { HttpLoadConfig, HttpLoadResult } from '../load/http-load.ts';
import type { SqlReplayConfig, SqlStatement } from '../load/sql-replay.ts';

const name = '1. friends-of-friends';
const goal = "p99 ≤ 1.3× the bare SQL's";
const concurrency = 8;
const pageSize = 20;
const mutualPreview = 3;

export const suggestionsQuery = /* GraphQL */ `
  query Suggestions {
    me {
      friendSuggestions(first: ${pageSize}) {
        edges {
          mutualCount
          node { id handle displayName }
          mutualFriends(first: ${mutualPreview}) { id handle displayName }
        }
      }
    }
  }`;

/** `count` distinct people of `total`, drawn with `seed`. */
export function pickViewers(total: number, count: number, seed: number): number[] {
  const random = seededRandom(seed);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, total)) chosen.add(Math.floor(random() * total));
  return [...chosen];
}

export const friendsOfFriends: Scenario = {
  id: 1,
  title: 'friends-of-friends',
  async run(context) {
    const { url, graph } = await context.graph();
    const viewerCount = context.size(1_000, 50);
    const warmupSeconds = context.size(5, 0.5);
    const durationSeconds = context.size(30, 1);
    const viewers = pickViewers(graph.ids.length, viewerCount, 1001).map((index) => graph.ids[index]!);
    const tokens = await tokensFor(url, viewers);

    // What the server sends for each viewer's operation, read off node-postgres in an
    // in-process copy of the app on the same database: the session lookup (Prisma's session
    // and user statements), the suggestions statement and the mutual-friends batch.
    context.log(`capturing the statements of ${viewers.length} operations`);
    const local = await openInProcessApp({ url, poolSize: 1 });
    const replays: SqlStatement[][] = [];
    let suggestionsSeen = 0;
    try {
      for (let i = 0; i < viewers.length; i += 1) {
        const { result, sent } = await local.capture(() => local.gql(suggestionsQuery, tokens[i]!));
        if (result.errors?.length || !result.data) throw new Error(`suggestions for ${viewers[i]}: ${JSON.stringify(result.errors)}`);
        const edges = result.data.me.friendSuggestions.edges as unknown[];
        suggestionsSeen += edges.length;
        // The domain statements are the ones src/ builds (the same functions, not copies).
        const suggestions = suggestionsSql(viewers[i]!, null, pageSize + 1);
        const atSuggestions = sent.findIndex((s) => s.text === suggestions.text);
        if (atSuggestions < 0 || !isDeepStrictEqual(sent[atSuggestions]!.values, suggestions.values)) {
          throw new Error(`the server's suggestions statement is not suggestionsSql's:\n${sent.map((s) => s.text).join('\n---\n')}`);
        }
        if (edges.length > 0) {
          const mutual = sent.at(-1)!;
          const targets = (mutual.values[2] ?? []) as string[];
          if (mutual.text !== mutualFriendsSql(viewers[i]!, targets, mutualPreview, null).text) throw new Error("the server's last statement is not mutualFriendsSql's");
        }
        replays.push(sent);
      }
    } finally {
      await local.close();
    }
    const statementCounts = [...new Set(replays.map((r) => r.length))].sort().join(' or ');
    // What those statements are, in the order sent (from the first viewer with suggestions).
    const sample = replays.find((r) => r.length === Math.max(...replays.map((x) => x.length)))!;
    const kinds = sample.map((statement) =>
      statement.text.includes('"Session"')
        ? 'the session lookup'
        : statement.text.includes('unnest(')
          ? 'the mutual-friends batch (mutualFriendsSql)'
          : statement.text.includes('candidates AS')
            ? 'the suggestions statement (suggestionsSql)'
            : `another statement (${statement.text.trim().slice(0, 40)}…)`,
    );

    const server = await startServer({ name: 'scenario-01', databaseUrl: url });
    let ours: HttpLoadResult;
    try {
      const requests = tokens.map((token) => ({ body: JSON.stringify({ query: suggestionsQuery }), headers: { authorization: `Bearer ${token}` } }));
      ours = await runLoad<HttpLoadResult>('scenario-01-http', 'bench/load/http-load.ts', {
        url: server.url,
        connections: concurrency,
        warmupSeconds,
        durationSeconds,
        requests,
        expect: '"friendSuggestions"',
      } satisfies HttpLoadConfig);
    } finally {
      await server.stop();
    }
    const bare = await runLoad<HttpLoadResult>('scenario-01-sql', 'bench/load/sql-replay.ts', {
      databaseUrl: url,
      connections: concurrency,
      warmupSeconds,
      durationSeconds,
      requests: replays,
    } satisfies SqlReplayConfig);

    writeLineChart(join(context.chartsDir, '01-friends-of-friends.svg'), {
      title: `Friend suggestions: latency by percentile (${concurrency} clients, closed loop)`,
      xLabel: 'percentile',
      yLabel: 'latency (ms)',
      xTicks: percentileAxis,
      series: [
        percentileSeries('GraphQL over HTTP (ours)', (p) => ours.percentiles[String(p)]!),
        percentileSeries('the same statements, bare pg', (p) => bare.percentiles[String(p)]!),
      ],
    });

    const errors = ours.errors + bare.errors;
    const value = ours.p99 / bare.p99;
    const row: Row = {
      scenario: name,
      measured:
        `friendSuggestions(first: ${pageSize}) with mutualCount and mutualFriends(first: ${mutualPreview}), ${viewers.length} random viewers ` +
        `(${suggestionsSeen} suggestions in all) on the ${graph.ids.length.toLocaleString('en')}-person graph; closed loop, ${concurrency} clients, ` +
        `${durationSeconds} s after ${warmupSeconds} s warm-up, server on core ${cores.server}, load on core ${cores.load}. ` +
        `Reference: a pg Pool of ${concurrency} replaying, per request, the ${statementCounts} statements the server sent for that viewer ` +
        `(captured off node-postgres, text and values): ${kinds.join(', ')}, one after another; the builders are the functions the server calls` +
        (errors > 0 ? `; ${errors} errors (first: ${ours.firstError ?? bare.firstError})` : ''),
      ours: `p50 ${ms(ours.p50)}, p99 ${ms(ours.p99)}, ${perSecond(ours.requestsPerSecond)}`,
      reference: `p50 ${ms(bare.p50)}, p99 ${ms(bare.p99)}, ${perSecond(bare.requestsPerSecond)}`,
      ratio: `${ratio(value)} (p99)`,
      goal,
      met: errors === 0 && value <= 1.3,
    };
    return [row];
  },
};
