import { Repeater } from 'graphql-yoga';
import type { Logger } from 'pino';
import { broadcastProgress, type BroadcastProgress } from '../domain/broadcast-progress.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { streamFailure } from './stream-failure.ts';

export interface BroadcastProgressOptions {
  prisma: PrismaClient;
  log: Logger;
  broadcastId: string;
  now: () => Date;
  /** How often progress is counted while the broadcast is SENDING (default 1000 ms). */
  intervalMs?: number;
}

/**
 * A broadcast's progress: at once, then every `intervalMs` while it is SENDING, and one last
 * time when it is DONE or CANCELLED, after which the stream ends. Counting reads the ledger,
 * which every instance shares, so any instance can serve it whoever sends the messages.
 */
export function broadcastProgressStream({ prisma, log, broadcastId, now, intervalMs = 1000 }: BroadcastProgressOptions): AsyncIterableIterator<BroadcastProgress> {
  return new Repeater<BroadcastProgress>(async (push, stop) => {
    let stopped = false;
    void stop.then(() => (stopped = true));
    try {
      while (!stopped) {
        const broadcast = await prisma.broadcast.findUniqueOrThrow({ where: { id: broadcastId }, select: { id: true, createdAt: true, state: true } });
        await push(await broadcastProgress(prisma, broadcast, now()));
        if (broadcast.state !== 'SENDING') break;
        await Promise.race([stop, new Promise((resolve) => setTimeout(resolve, intervalMs).unref())]);
      }
    } catch (error) {
      throw streamFailure(error, log);
    } finally {
      stop();
    }
  });
}
