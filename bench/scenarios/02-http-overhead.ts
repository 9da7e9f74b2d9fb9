import type { HttpLoadConfig, HttpLoadResult } from '../load/http-load.ts';
import type { Scenario } from '../lib/context.ts';
import { cores, freePort, runLoad, startProgram, waitUntilReady } from '../lib/processes.ts';
import { ms, percent, perSecond, ratio } from '../lib/results.ts';
import { startServer, tokensFor } from '../lib/server.ts';
import { percentileAxis, writeLineChart, type Series } from '../lib/svg.ts';
import { join } from 'node:path';

const query = JSON.stringify({ query: '{ me { user { handle displayName } } }' });
const connections = 16;

/**
 * What the whole stack costs per request: the same trivial query, authenticated, through our
 * server (token check, session lookup, context, logging, Pothos) and through a bare graphql-yoga
 * that answers it from a constant, with the same client at the same concurrency.
 */
export const httpOverhead: Scenario = {
  id: 2,
  title: 'http overhead',
  async run(context) {
    const { url: databaseUrl, graph } = await context.graph();
    const viewers = graph.ids.slice(0, context.size(500, 20));
    const tokens = await tokensFor(databaseUrl, viewers);
    const load = (url: string, requests: HttpLoadConfig['requests']) =>
      runLoad<HttpLoadResult>('http-overhead', 'bench/load/http-load.ts', {
        url,
        connections,
        warmupSeconds: context.size(5, 0.5),
        durationSeconds: context.size(20, 1),
        requests,
        expect: '"handle"',
      } satisfies HttpLoadConfig);

    const server = await startServer({ name: 'http-overhead-chorus', databaseUrl });
    let ours: HttpLoadResult;
    try {
      ours = await load(server.url, tokens.map((token) => ({ body: query, headers: { authorization: `Bearer ${token}` } })));
    } finally {
      await server.stop();
    }

    const port = await freePort();
    const bare = startProgram({ name: 'http-overhead-bare-yoga', entry: 'bench/lib/bare-yoga-server.ts', args: [String(port)], cpu: cores.server });
    let reference: HttpLoadResult;
    try {
      await waitUntilReady(`http://127.0.0.1:${port}/graphql?query=%7B__typename%7D`);
      reference = await load(`http://127.0.0.1:${port}/graphql`, [{ body: query }]);
    } finally {
      await bare.stop();
    }
    if (ours.errors > 0) throw new Error(`${ours.errors} failed requests through our server; first: ${ours.firstError}`);
    if (reference.errors > 0) throw new Error(`${reference.errors} failed requests to bare yoga; first: ${reference.firstError}`);

    const series: Series[] = [
      { label: `Chorus (${perSecond(ours.requestsPerSecond)})`, points: percentileAxis.map(({ at }, i) => [at, Object.values(ours.percentiles)[i]!]) },
      { label: `bare graphql-yoga (${perSecond(reference.requestsPerSecond)})`, points: percentileAxis.map(({ at }, i) => [at, Object.values(reference.percentiles)[i]!]) },
    ];
    writeLineChart(join(context.chartsDir, '02-http-overhead.svg'), {
      title: `{ me { user { handle displayName } } }, ${connections} connections, closed loop`,
      xLabel: 'percentile',
      yLabel: 'latency (ms)',
      series,
      xTicks: percentileAxis,
    });

    const share = ours.requestsPerSecond / reference.requestsPerSecond;
    return [
      {
        scenario: '2. http overhead',
        measured: `{ me { user { handle displayName } } } with a bearer token for ${viewers.length} people, ${connections} connections closed loop, ${context.size(20, 1)} s; bare graphql-yoga answers from a constant`,
        ours: `${perSecond(ours.requestsPerSecond)}, p50 ${ms(ours.p50)}, p99 ${ms(ours.p99)}`,
        reference: `${perSecond(reference.requestsPerSecond)}, p50 ${ms(reference.p50)}, p99 ${ms(reference.p99)}`,
        ratio: `${percent(share)} (${ratio(share)})`,
        goal: '≥ 85% of bare graphql-yoga',
        met: share >= 0.85,
      },
    ];
  },
};
