import { Repeater } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Channel, PrismaClient } from '../generated/prisma/client.ts';
import type { PubSub, TopicStream } from '../pubsub/pubsub.ts';
import type { TopicMap } from '../pubsub/topics.ts';
import { streamFailure } from './stream-failure.ts';

/**
 * Wakes an outbox worker: first with how many deliveries are pending now (a worker that was
 * away starts at once), then with the number queued by each change as it commits. A wake-up may
 * be lost like any publish: workers also look every few seconds, and deliveries wait for them
 * in the ledger meanwhile.
 */
export function outboxStream(prisma: PrismaClient, pubsub: PubSub, log: Logger, channel: Channel): AsyncIterableIterator<number> {
  return new Repeater<number>(async (push, stop) => {
    // In-app deliveries are delivered when they are made: that outbox is always empty.
    if (channel !== 'TELEGRAM') {
      await push(0);
      await stop;
      return;
    }
    let live: TopicStream<TopicMap['outbox']> | undefined;
    try {
      live = await pubsub.subscribe('outbox', 'TELEGRAM');
      const stream = live;
      void stop.then(() => stream.return());
      await push(await prisma.delivery.count({ where: { channel: 'TELEGRAM', status: 'PENDING' } }));
      for await (const { queued } of live) await push(queued);
    } catch (error) {
      throw streamFailure(error, log);
    } finally {
      await live?.return();
      stop();
    }
  });
}
