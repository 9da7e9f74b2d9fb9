import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createMemoryStore } from './memory-store.ts';
import { createRedisStore } from './redis-store.ts';
import type { RateLimitStore } from './store.ts';

/**
 * Counts in Redis when there is one (every instance then shares them), else in this process.
 * The Redis connection is its own, failing fast while Redis is away: a rate-limit check must
 * never keep an operation waiting for Redis to come back.
 */
export function createRateLimitStore(options: { redisUrl: string | undefined; log: Logger; name?: string; keyPrefix?: string }): RateLimitStore {
  if (!options.redisUrl) return createMemoryStore();
  const redis = new Redis(options.redisUrl, {
    connectionName: `${options.name ?? 'chorus'}-rate-limits`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  // Without a listener ioredis prints every failed reconnection attempt; the store logs the outage once.
  redis.on('error', () => {});
  return createRedisStore(redis, options.log, options.keyPrefix);
}
