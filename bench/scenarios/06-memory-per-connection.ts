import type { WsLoadResult } from '../load/ws-fan-out.ts';
import type { Scenario } from '../lib/context.ts';
import { createGroupsDatabase, evenGroups } from '../lib/group-conversations.ts';
import { kib, mib, ratio } from '../lib/results.ts';
import type { Program } from '../lib/processes.ts';
import { startServer, type BenchServer } from '../lib/server.ts';
import { assertNodeProcess, openFilesLimit, runSubscriptionLoad, startBareWsServer, startSideBySide, threadEventsSubscription, type BareWsServer } from '../lib/subscription-load.ts';

const title = '6. memory per idle connection';
const groupSize = 10;

/**
 * Resident memory of the server process with N idle graphql-ws connections, each with one live
 * conversationEvents subscription (people in groups of 10), against a bare `ws` server holding
 * the same N sockets from the same client. RSS is the median of a few samples, taken once the
 * server's CPU has been quiet for a second and then a few seconds more (no GC is forced: this
 * is what the process holds as it runs).
 */
export const memoryPerConnection: Scenario = {
  id: 6,
  title: 'memory per idle connection',
  async run(context) {
    const connections = context.size(10_000, 150);
    const memory = { samples: context.size(5, 2), settleSeconds: context.size(3, 0.5) };
    if (openFilesLimit('self') < connections + 256) throw new Error(`the open-files limit (${openFilesLimit('self')}) is below the ${connections} sockets needed: raise ulimit -n`);
    const data = await createGroupsDatabase(connections, evenGroups(connections / groupSize, groupSize));
    const subscribersAt = (wsUrl: string) =>
      data.groups.flatMap((group) => group.members.map((member) => ({ url: wsUrl, token: data.people[member]!.token, conversationId: group.globalId })));
    const hold = (name: string, wsUrl: string, pid: number) =>
      runSubscriptionLoad(name, { subscribers: subscribersAt(wsUrl), query: threadEventsSubscription, serverPid: pid, openConcurrency: 64, trigger: { kind: 'mutation' }, warmup: [], sends: [], gapMs: 0, maxSendSeconds: 0, memory });
    try {
      const running: Program[] = [];
      let ours: WsLoadResult;
      let reference: WsLoadResult;
      try {
        // Both up before either is measured; the one not being measured sits idle meanwhile.
        const [server, bare] = await startSideBySide<[BenchServer, BareWsServer]>(running, [
          () => startServer({ name: 'memory-chorus', databaseUrl: data.url }),
          () => startBareWsServer('memory-bare-ws'),
        ]);
        // RSS is read from /proc for this pid: it must be node's, not taskset's.
        assertNodeProcess(server.pid);
        assertNodeProcess(bare.pid);
        ours = await hold('memory-chorus-load', server.wsUrl, server.pid);
        reference = await hold('memory-bare-ws-load', bare.wsUrl, bare.pid);
      } finally {
        await Promise.all(running.map((program) => program.stop()));
      }

      const perConnection = (result: WsLoadResult) => (result.rssAfter! - result.rssBefore!) / result.connections;
      const share = perConnection(ours) / perConnection(reference);
      const measured = `${connections} idle graphql-ws connections (raw ws clients on the load core), each with one conversationEvents subscription (groups of ${groupSize}); server RSS median of ${memory.samples} samples before connecting and ${memory.settleSeconds} s after the server fell quiet, no forced GC`;
      return [
        {
          scenario: `${title} (total)`,
          measured,
          ours: `${mib(ours.rssAfter!)} RSS (${mib(ours.rssBefore!)} before connecting)`,
          reference: `bare ws: ${mib(reference.rssAfter!)} (${mib(reference.rssBefore!)} before)`,
          ratio: ratio(ours.rssAfter! / reference.rssAfter!),
          goal: context.smoke ? `≤ 512 MB (at 10,000)` : '≤ 512 MB',
          met: ours.rssAfter! <= 512 * 1024 * 1024,
        },
        {
          scenario: `${title} (per connection)`,
          measured: `(RSS after − RSS before) / ${connections} connections, same runs`,
          // RSS moves in steps (heap growth, GC): at small sizes the growth can vanish below them.
          ours: `${kib(perConnection(ours))} per connection${perConnection(ours) <= 0 ? ' (no growth above the RSS noise at this size)' : ''}`,
          reference: `bare ws: ${kib(perConnection(reference))} per connection`,
          ratio: ratio(share),
          goal: '≤ 2× bare ws per connection',
          met: perConnection(ours) > 0 && perConnection(reference) > 0 ? share <= 2 : null,
        },
      ];
    } finally {
      await data.drop();
    }
  },
};
