import { EventEmitter } from 'node:events';
import { PubSub as InProcessEngine, type PubSubEngine } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createQueue } from './queue.ts';
import { channelOf, type Topic, type TopicMap } from './topics.ts';

/** A live stream of one topic's messages; `return()` (or breaking a for-await) unsubscribes. */
export type TopicStream<T> = AsyncIterableIterator<T> & { return(): Promise<IteratorResult<T>> };

export interface PubSub {
  publish<T extends Topic>(topic: T, id: string, payload: TopicMap[T]): Promise<void>;
  /**
   * Starts listening at once (messages published after this call are buffered until read).
   * Delivery is at most once: a message published while Redis is unreachable is lost, which is
   * why conversation streams replay and fill gaps from the database.
   */
  subscribe<T extends Topic>(topic: T, id: string): Promise<TopicStream<TopicMap[T]>>;
  /** Resolves when the pub/sub transport can be used (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface PubSubOptions {
  /** redis:// URL; without it events stay inside this process. */
  redisUrl?: string | undefined;
  /** Tag for the Redis connections' names (CLIENT LIST), e.g. an instance id. */
  name?: string;
  /** Where connection losses and recoveries are reported; without it they are not reported. */
  log?: Logger;
}

export function createPubSub(options: PubSubOptions = {}): PubSub {
  return options.redisUrl ? redisPubSub(options.redisUrl, options.name ?? 'chorus', options.log) : inProcessPubSub();
}

function wrap(engine: PubSubEngine, ping: () => Promise<void>, close: () => Promise<void>): PubSub {
  return {
    publish(topic, id, payload) {
      return engine.publish(channelOf(topic, id), payload);
    },
    async subscribe<T extends Topic>(topic: T, id: string) {
      let subscriptionId: number | undefined;
      let closed = false;
      const queue = createQueue<TopicMap[T]>(() => {
        closed = true;
        if (subscriptionId !== undefined) engine.unsubscribe(subscriptionId);
      });
      subscriptionId = await engine.subscribe(channelOf(topic, id), (message: TopicMap[T]) => queue.push(message), {});
      // Returned while SUBSCRIBE was in flight: undo it now that it has an id.
      if (closed) engine.unsubscribe(subscriptionId);
      return queue.iterator;
    },
    ping,
    close,
  };
}

function inProcessPubSub(): PubSub {
  const eventEmitter = new EventEmitter();
  // One listener per subscriber on a busy conversation is expected, not a leak.
  eventEmitter.setMaxListeners(0);
  const engine = new InProcessEngine({ eventEmitter });
  return wrap(engine, async () => {}, async () => {});
}

function redisPubSub(url: string, name: string, log: Logger | undefined): PubSub {
  const connection = (role: string) => {
    const redis = new Redis(url, {
      connectionName: `${name}-${role}`,
      // Keep retrying while Redis is away; commands wait in the offline queue meanwhile.
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
      maxRetriesPerRequest: 3,
    });
    reportOutages(redis, role, log);
    return redis;
  };
  const publisher = connection('pub');
  const subscriber = connection('sub');
  settleUnsubscribes(subscriber, log);
  // graphql-redis-subscriptions keeps one SUBSCRIBE per channel per process, reference-counted,
  // and ioredis re-subscribes every channel after a reconnect.
  const engine = new RedisPubSub({ publisher, subscriber });
  return wrap(
    engine,
    async () => {
      // Both connections: a server whose subscriber is gone would miss every live event. A lost
      // connection fails at once; one still connecting (just started) gets its PING answered.
      for (const redis of [publisher, subscriber]) {
        if (['reconnecting', 'close', 'end'].includes(redis.status)) throw new Error(`a Redis connection is ${redis.status}`);
      }
      await Promise.all([publisher.ping(), subscriber.ping()]);
    },
    async () => {
      await engine.close();
    },
  );
}

/**
 * graphql-redis-subscriptions sends UNSUBSCRIBE when a channel's last subscriber leaves and
 * drops the promise. While Redis is away that promise rejects, and an unhandled rejection
 * would stop the process, so these commands get a handler here. (Nothing is lost: the
 * channel's listeners are gone either way.)
 */
function settleUnsubscribes(subscriber: Redis, log: Logger | undefined): void {
  for (const method of ['unsubscribe', 'punsubscribe'] as const) {
    const send = subscriber[method].bind(subscriber) as (...channels: string[]) => Promise<unknown>;
    Object.assign(subscriber, {
      [method]: (...channels: string[]) => {
        const sent = send(...channels);
        sent.catch((error: unknown) => log?.debug({ err: error, channels }, `redis ${method} failed while the connection was down`));
        return sent;
      },
    });
  }
}

/**
 * One warning when a connection is lost and one line when it is back, rather than an error per
 * reconnection attempt. Listening to 'error' at all matters: without a listener ioredis prints
 * every failed attempt to stderr as an unhandled error event.
 */
function reportOutages(redis: Redis, role: string, log: Logger | undefined): void {
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log?.warn({ err: error, redis: role }, 'redis unreachable: live events are not shared with other instances until it is back');
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log?.info({ redis: role }, 'redis reachable again');
  });
}
