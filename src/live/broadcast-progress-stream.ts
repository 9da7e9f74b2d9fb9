import { Repeater } from 'graphql-yoga';
import { broadcastProgress, type BroadcastProgress } from '../domain/broadcast-progress.ts';
import type { ViewerStreamOptions } from './stream-options.ts';
import { streamFailure } from './stream-failure.ts';

export interface BroadcastProgressOptions extends Omit<ViewerStreamOptions, 'pubsub'> {
  broadcastId: string;
  now: () => Date;
  /** How often progress is counted while the broadcast is SENDING (default 1000 ms). */
  intervalMs?: number;
}

/**
 * A broadcast's progress: at once, then every `intervalMs` while it is SENDING (on a fixed
 * schedule, so the time counting takes does not stretch it), and one last time when it is DONE
 * or CANCELLED, after which the stream ends; it also ends when the admin signs out. Counting
 * reads the ledger, which every instance shares, so any instance can serve it whoever sends.
 */
export function broadcastProgressStream(options: BroadcastProgressOptions): AsyncIterableIterator<BroadcastProgress> {
  const { prisma, log, broadcastId, now, intervalMs = 1000 } = options;
  return new Repeater<BroadcastProgress>(async (push, stop) => {
    const unwatch = options.access.watch({ viewerId: options.viewerId, sessionId: options.sessionId }, () => stop());
    let stopped = false;
    void stop.then(() => (stopped = true));
    try {
      for (let next = Date.now(); !stopped; ) {
        const broadcast = await prisma.broadcast.findUniqueOrThrow({ where: { id: broadcastId }, select: { id: true, createdAt: true, state: true } });
        await push(await broadcastProgress(prisma, broadcast, now()));
        if (broadcast.state !== 'SENDING') break;
        next += intervalMs;
        await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())).unref())]);
      }
    } catch (error) {
      throw streamFailure(error, log);
    } finally {
      unwatch();
      stop();
    }
  });
}
