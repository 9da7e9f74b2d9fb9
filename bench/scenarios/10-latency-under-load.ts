import { join } from 'node:path';
import type { HttpLoadConfig, HttpLoadResult } from '../load/http-load.ts';
import type { Scenario } from '../lib/context.ts';
import { runLoad } from '../lib/processes.ts';
import { seededRandom } from '../lib/random.ts';
import { ms, perSecond } from '../lib/results.ts';
import { startServer, tokensFor } from '../lib/server.ts';
import { percentileAxis, writeLineChart } from '../lib/svg.ts';

const goalMs = 200;

/** The operations of the mix and how often each comes up (out of 100). */
const mix: { weight: number; build(person: Person, random: () => number): { query: string; variables?: Record<string, unknown> } }[] = [
  { weight: 20, build: () => ({ query: '{ me { friends(first: 20) { edges { node { id handle displayName } } } } }' }) },
  { weight: 10, build: () => ({ query: '{ me { friendSuggestions(first: 10) { edges { mutualCount node { id handle } } } } }' }) },
  { weight: 15, build: () => ({ query: '{ me { conversations(first: 20) { edges { node { id title unreadCount lastMessage { text } } } } } }' }) },
  {
    weight: 20,
    build: (person) => ({
      query: 'query ($id: ID!) { conversation(id: $id) { messages(last: 30) { edges { node { id seq text author { handle } } } } } }',
      variables: { id: person.conversationId },
    }),
  },
  { weight: 10, build: () => ({ query: '{ me { notifications(first: 20) { edges { node { id text } } } unreadNotificationCount } }' }) },
  { weight: 5, build: () => ({ query: '{ me { feed(first: 20) { edges { node { id text } } } } }' }) },
  {
    weight: 15,
    build: (person, random) => ({
      query: 'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id seq } }',
      variables: { input: { conversationId: person.conversationId, text: `Under load ${Math.floor(random() * 1e9)}` } },
    }),
  },
  {
    weight: 5,
    build: (_person, random) => ({
      query: 'mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }',
      variables: { input: { text: `A diary line ${Math.floor(random() * 1e9)}` } },
    }),
  },
];

interface Person {
  token: string;
  conversationId: string;
}

/**
 * A mixed workload (reads of friends, suggestions, conversations, messages, notifications and
 * the feed; a fifth of it writes: messages and diary entries) from 1,000 virtual users, each on
 * their own connection. First the throughput at saturation (closed loop); then the users send at
 * half of it, open loop, and the latency of every request is counted from when it was due.
 */
export const latencyUnderLoad: Scenario = {
  id: 10,
  title: 'latency under load',
  async run(context) {
    const { url: databaseUrl, graph } = await context.graph();
    const userCount = context.size(1_000, 20);
    const random = seededRandom(10);
    const chosen = new Set<number>();
    while (chosen.size < userCount) chosen.add(Math.floor(random() * graph.ids.length));
    const indexes = [...chosen];
    const tokens = await tokensFor(databaseUrl, indexes.map((index) => graph.ids[index]!));

    const server = await startServer({ name: 'latency-under-load', databaseUrl });
    try {
      // Each person talks with one of their friends in a direct conversation (kept between runs).
      const friendOf = new Map<number, number>();
      for (let k = 0; k < graph.edgesA.length && friendOf.size < graph.ids.length; k += 1) {
        if (!friendOf.has(graph.edgesA[k]!)) friendOf.set(graph.edgesA[k]!, graph.edgesB[k]!);
        if (!friendOf.has(graph.edgesB[k]!)) friendOf.set(graph.edgesB[k]!, graph.edgesA[k]!);
      }
      const people: Person[] = [];
      for (let i = 0; i < indexes.length; i += 1) {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
          body: JSON.stringify({
            query: 'mutation ($input: FriendTargetInput!) { openDirectConversation(input: $input) { id } }',
            variables: { input: { handle: `u${friendOf.get(indexes[i]!)}` } },
          }),
        });
        const body = (await response.json()) as { data?: { openDirectConversation: { id: string } }; errors?: unknown };
        if (!body.data) throw new Error(`openDirectConversation failed: ${JSON.stringify(body.errors)}`);
        people.push({ token: tokens[i]!, conversationId: body.data.openDirectConversation.id });
      }

      // Every person gets every operation of the mix, repeated by its weight, so a uniform pick is the mix.
      const requests: HttpLoadConfig['requests'] = [];
      for (const person of people) {
        for (const operation of mix) {
          for (let w = 0; w < operation.weight; w += 1) {
            requests.push({ body: JSON.stringify(operation.build(person, random)), headers: { authorization: `Bearer ${person.token}` } });
          }
        }
      }

      const saturation = await runLoad<HttpLoadResult>('latency-under-load', 'bench/load/http-load.ts', {
        url: server.url,
        connections: 32,
        warmupSeconds: context.size(5, 0.5),
        durationSeconds: context.size(20, 1),
        requests,
      } satisfies HttpLoadConfig);
      if (saturation.errors > 0) throw new Error(`${saturation.errors} failed requests at saturation; first: ${saturation.firstError}`);
      const rate = saturation.requestsPerSecond / 2;

      const underLoad = await runLoad<HttpLoadResult>('latency-under-load', 'bench/load/http-load.ts', {
        url: server.url,
        connections: userCount,
        rate,
        warmupSeconds: context.size(5, 0.5),
        durationSeconds: context.size(30, 1),
        requests,
      } satisfies HttpLoadConfig);
      if (underLoad.errors > 0) throw new Error(`${underLoad.errors} failed requests under load; first: ${underLoad.firstError}`);

      writeLineChart(join(context.chartsDir, '10-latency-under-load.svg'), {
        title: `Mixed workload, ${userCount} users at ${perSecond(rate)} (half of saturation)`,
        xLabel: 'percentile',
        yLabel: 'latency from when due (ms)',
        series: [{ label: `${userCount} users, open loop`, points: percentileAxis.map(({ at }, i) => [at, Object.values(underLoad.percentiles)[i]!]) }],
        xTicks: percentileAxis,
      });
      return [
        {
          scenario: '10. latency under load',
          measured: `mixed reads and writes (${mix.filter((m) => m.build.toString().includes('mutation')).reduce((sum, m) => sum + m.weight, 0)}% writes) from ${userCount} users on their own connections, open loop at half the saturation throughput for ${context.size(30, 1)} s, latency from when each request was due`,
          ours: `p99 ${ms(underLoad.p99)} (p50 ${ms(underLoad.p50)}) at ${perSecond(underLoad.requestsPerSecond)}`,
          reference: `saturation ${perSecond(saturation.requestsPerSecond)} (32 connections, closed loop; p99 there ${ms(saturation.p99)})`,
          ratio: `${(underLoad.p99 / goalMs).toFixed(2)}× the goal`,
          goal: `p99 < ${goalMs} ms`,
          met: underLoad.p99 < goalMs,
        },
      ];
    } finally {
      await server.stop();
    }
  },
};
