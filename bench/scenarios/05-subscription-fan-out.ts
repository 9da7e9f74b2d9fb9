import { join } from 'node:path';
import type { WsLoadResult, WsSend } from '../load/ws-fan-out.ts';
import type { Scenario } from '../lib/context.ts';
import { createGroupsDatabase, evenGroups, type BenchGroup, type GroupsDatabase } from '../lib/group-conversations.ts';
import { ms, ratio } from '../lib/results.ts';
import { pick, seededRandom } from '../lib/random.ts';
import type { Program } from '../lib/processes.ts';
import { startServer, type BenchServer } from '../lib/server.ts';
import { summarise } from '../lib/stats.ts';
import { assertNodeProcess, openFilesLimit, runSubscriptionLoad, samplePercentile, startBareWsServer, startSideBySide, threadEventsSubscription, type BareWsServer } from '../lib/subscription-load.ts';
import { percentileAxis, percentileSeries, writeLineChart } from '../lib/svg.ts';

const title = '5. subscription fan-out';
const goal = 'p99 ≤ 100 ms at 1,000; ≤ 3× bare ws';
const groupSize = 10;

/** One row's traffic: who subscribes where, and which messages are sent (by each group's owner). */
interface Layout {
  groups: BenchGroup[];
  warmup: BenchGroup[];
  sends: BenchGroup[];
}

/**
 * Publish-to-receive latency of a group message: every member of a group subscribed over
 * graphql-ws, one member sends a message over HTTP, and the load process times from sending to
 * the frame's arrival at the first and the last subscriber. First 1,000 members of one group,
 * then 10,000 connections in groups of 10 with messages in many of them. The reference is a
 * bare `ws` server sending a frame of the same bytes to the same sockets, timed the same way.
 */
export const subscriptionFanOut: Scenario = {
  id: 5,
  title: 'subscription fan-out',
  async run(context) {
    const bigGroup = context.size(1_000, 30);
    // Each load's measured messages stop after this long (its warm-up after a quarter of it), however many went.
    const sendSeconds = context.size(40, 3);
    const smallGroups = context.size(1_000, 10);
    const people = Math.max(bigGroup, smallGroups * groupSize);
    const random = seededRandom(5);
    const needed = smallGroups * groupSize + 256;
    if (openFilesLimit('self') < needed) throw new Error(`the open-files limit (${openFilesLimit('self')}) is below the ${needed} sockets needed: raise ulimit -n`);

    const data = await createGroupsDatabase(people, [{ first: 0, size: bigGroup }, ...evenGroups(smallGroups, groupSize)]);
    const [big, ...small] = data.groups as [BenchGroup, ...BenchGroup[]];
    const oneGroup: Layout = { groups: [big], warmup: Array(context.size(5, 2)).fill(big), sends: Array(context.size(100, 8)).fill(big) };
    const manyGroups: Layout = {
      groups: small,
      warmup: Array.from({ length: context.size(50, 3) }, () => pick(random, small)),
      sends: Array.from({ length: context.size(200, 8) }, () => pick(random, small)),
    };
    try {
      const running: Program[] = [];
      let ours: [WsLoadResult, WsLoadResult];
      let reference: [WsLoadResult, WsLoadResult];
      try {
        // Both up before either is measured; the one not being measured sits idle meanwhile.
        const [server, bare] = await startSideBySide<[BenchServer, BareWsServer]>(running, [
          () => startServer({ name: 'fan-out-chorus', databaseUrl: data.url }),
          () => startBareWsServer('fan-out-bare-ws'),
        ]);
        assertNodeProcess(server.pid);
        assertNodeProcess(bare.pid);
        const chorus = { wsUrl: server.wsUrl, sendUrl: server.url, pid: server.pid, mutation: true };
        ours = [await fanOut('fan-out-one-group-chorus', sendSeconds, data, oneGroup, chorus), await fanOut('fan-out-many-groups-chorus', sendSeconds, data, manyGroups, chorus)];
        const reply = { wsUrl: bare.wsUrl, sendUrl: bare.triggerUrl, pid: bare.pid, mutation: false };
        reference = [
          await fanOut('fan-out-one-group-bare-ws', sendSeconds, data, oneGroup, reply, ours[0].sampleFrame),
          await fanOut('fan-out-many-groups-bare-ws', sendSeconds, data, manyGroups, reply, ours[1].sampleFrame),
        ];
      } finally {
        await Promise.all(running.map((program) => program.stop()));
      }

      const last = (result: WsLoadResult) => summarise(result.messages.map((message) => message.last));
      const first = (result: WsLoadResult) => summarise(result.messages.map((message) => message.first));
      const percentile = (result: WsLoadResult) => samplePercentile(result.messages.map((message) => message.last));
      const sizes = [`${bigGroup} in one group`, `${ours[1].connections} in ${smallGroups} groups of ${groupSize}`];
      writeLineChart(join(context.chartsDir, '05-subscription-fan-out.svg'), {
        title: 'Send to receipt at the last subscriber of the conversation',
        xLabel: 'percentile',
        yLabel: 'latency (ms)',
        series: [
          percentileSeries(`Chorus, ${sizes[0]}`, percentile(ours[0])),
          percentileSeries(`bare ws, ${sizes[0]}`, percentile(reference[0])),
          percentileSeries(`Chorus, ${sizes[1]}`, percentile(ours[1])),
          percentileSeries(`bare ws, ${sizes[1]}`, percentile(reference[1])),
        ],
        xTicks: percentileAxis,
      });

      return [0, 1].map((row) => {
        const o = last(ours[row]!);
        const r = last(reference[row]!);
        const share = o.p99 / r.p99;
        const frameBytes = Buffer.byteLength(ours[row]!.sampleFrame ?? '');
        return {
          scenario: `${title} (${sizes[row]})`,
          measured:
            `${ours[row]!.connections} graphql-ws connections (${sizes[row]}), each subscribed to conversationEvents with the web client's thread document; ` +
            `${ours[row]!.messages.length} messages (bare: ${reference[row]!.messages.length}) sent one after another with sendMessage over HTTP${row === 1 ? ' in randomly picked groups' : ''}, after ${ours[row]!.warmedUp} warm-up (capped at ${sendSeconds / 4} s and ${sendSeconds} s); ` +
            `time from sending to receipt at the last (and first) subscriber, on the load process's clock; bare ws sends the same ${frameBytes}-byte frame to the same sockets on a trigger`,
          ours: `last p50 ${ms(o.p50)}, p99 ${ms(o.p99)} (first p50 ${ms(first(ours[row]!).p50)})`,
          reference: `last p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (first p50 ${ms(first(reference[row]!).p50)})`,
          ratio: `${ratio(share)} at p99`,
          goal: row === 0 ? goal : '≤ 3× bare ws',
          met: row === 0 ? o.p99 <= 100 && share <= 3 : share <= 3,
        };
      });
    } finally {
      await data.drop();
    }
  },
};

/** One load run: every member of the layout's groups subscribed at `target`, then its messages. */
function fanOut(
  name: string,
  sendSeconds: number,
  data: GroupsDatabase,
  layout: Layout,
  target: { wsUrl: string; sendUrl: string; pid: number; mutation: boolean },
  frameTemplate?: string,
): Promise<WsLoadResult> {
  if (!target.mutation && !frameTemplate) throw new Error(`${name}: no frame of ours to copy (no message reached a subscriber)`);
  const send = (group: BenchGroup): WsSend => ({ url: target.sendUrl, token: data.people[group.members[0]!]!.token, conversationId: group.globalId, label: 'message' });
  return runSubscriptionLoad(name, {
    subscribers: layout.groups.flatMap((group) => group.members.map((member) => ({ url: target.wsUrl, token: data.people[member]!.token, conversationId: group.globalId }))),
    query: threadEventsSubscription,
    serverPid: target.pid,
    openConcurrency: 64,
    trigger: target.mutation ? { kind: 'mutation' } : { kind: 'bare', frameTemplate: frameTemplate! },
    warmup: layout.warmup.map(send),
    sends: layout.sends.map(send),
    gapMs: 20,
    maxSendSeconds: sendSeconds,
  });
}
