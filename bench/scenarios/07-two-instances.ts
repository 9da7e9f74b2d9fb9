import { join } from 'node:path';
import type { WsSend } from '../load/ws-fan-out.ts';
import type { Scenario } from '../lib/context.ts';
import { createGroupsDatabase, evenGroups } from '../lib/group-conversations.ts';
import { ms } from '../lib/results.ts';
import { startServer, type BenchServer } from '../lib/server.ts';
import { summarise } from '../lib/stats.ts';
import type { Program } from '../lib/processes.ts';
import { runSubscriptionLoad, samplePercentile, startSideBySide, threadEventsSubscription } from '../lib/subscription-load.ts';
import { percentileAxis, percentileSeries, writeLineChart } from '../lib/svg.ts';

const title = '7. two instances over Redis';

/**
 * What a message's trip through Redis to another instance adds: two instances of the server on
 * one database and one Redis, both pinned to the server core (as two instances sharing a
 * machine would be; the load core stays the load's; started side by side). Two groups of two: in one the listener is
 * subscribed on instance B, in the other on instance A; every message is sent to instance A,
 * alternating between the two groups, and timed from sending to receipt. Both paths go through
 * Redis (A hears its own publishes back from it); the cross-instance one adds B's side.
 */
export const twoInstances: Scenario = {
  id: 7,
  title: 'two instances over Redis',
  async run(context) {
    const perPath = context.size(300, 8);
    const data = await createGroupsDatabase(4, evenGroups(2, 2));
    const [cross, same] = data.groups as [(typeof data.groups)[0], (typeof data.groups)[0]];
    const servers: Program[] = [];
    try {
      const [a, b] = await startSideBySide<[BenchServer, BenchServer]>(servers, [
        () => startServer({ name: 'two-instances-a', databaseUrl: data.url, redisUrl: context.redisUrl }),
        () => startServer({ name: 'two-instances-b', databaseUrl: data.url, redisUrl: context.redisUrl }),
      ]);
      const send = (group: typeof cross, label: string): WsSend => ({ url: a.url, token: data.people[group.members[0]!]!.token, conversationId: group.globalId, label });
      const alternate = (count: number) => Array.from({ length: count }, (_, i) => (i % 2 === 0 ? send(cross, 'cross') : send(same, 'same')));
      const result = await runSubscriptionLoad('two-instances-load', {
        subscribers: [
          { url: b.wsUrl, token: data.people[cross.members[1]!]!.token, conversationId: cross.globalId },
          { url: a.wsUrl, token: data.people[same.members[1]!]!.token, conversationId: same.globalId },
        ],
        query: threadEventsSubscription,
        // Both instances share the core: waiting on A's CPU waits on the core's.
        serverPid: a.pid,
        openConcurrency: 2,
        trigger: { kind: 'mutation' },
        warmup: alternate(context.size(40, 4)),
        sends: alternate(2 * perPath),
        gapMs: 10,
        maxSendSeconds: context.size(60, 4),
      });
      const latencies = (label: string) => result.messages.filter((message) => message.label === label).map((message) => message.last);
      const crossSummary = summarise(latencies('cross'));
      const sameSummary = summarise(latencies('same'));
      writeLineChart(join(context.chartsDir, '07-two-instances.svg'), {
        title: 'sendMessage on instance A to receipt by a subscriber',
        xLabel: 'percentile',
        yLabel: 'latency (ms)',
        series: [percentileSeries('subscriber on instance B (across Redis)', samplePercentile(latencies('cross'))), percentileSeries('subscriber on instance A (same instance)', samplePercentile(latencies('same')))],
        xTicks: percentileAxis,
      });
      const added = crossSummary.p50 - sameSummary.p50;
      return [
        {
          scenario: title,
          measured: `two instances on one database and Redis, both on the server core; ${latencies('cross').length} + ${latencies('same').length} messages, alternating, sent with sendMessage over HTTP to instance A after ${context.size(40, 4)} warm-up; time from sending to receipt by one subscriber on instance B (across) or on A (same instance)`,
          ours: `across: p50 ${ms(crossSummary.p50)}, p99 ${ms(crossSummary.p99)}`,
          reference: `same instance: p50 ${ms(sameSummary.p50)}, p99 ${ms(sameSummary.p99)}`,
          ratio: `${added >= 0 ? '+' : '−'}${ms(Math.abs(added))} at p50`,
          goal: '≤ 2 ms added at p50',
          met: added <= 2,
        },
      ];
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      await data.drop();
    }
  },
};
