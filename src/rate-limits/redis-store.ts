import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Decision, RateLimitStore } from './store.ts';
import type { Tier } from './tiers.ts';

/**
 * The same algorithm as gcraStep, run inside Redis so that every instance shares one count
 * and one clock (Redis' own TIME): KEYS[1] the key, ARGV limit, window in ms and cost.
 * Returns { allowed, remaining, resetMs, retryAfterMs }.
 */
const gcraScript = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local interval = window / limit
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local candidate = tat + interval * tonumber(ARGV[3])
local allowAt = candidate - window
if now < allowAt then
  return { 0, 0, tat - now, allowAt - now }
end
redis.call('SET', KEYS[1], tostring(candidate), 'PX', math.ceil(candidate - now))
return { 1, math.floor((window - (candidate - now)) / interval), candidate - now, 0 }
`;

interface GcraRedis extends Redis {
  chorusGcra(key: string, limit: number, windowMs: number, cost: number): Promise<[number, number, number, number]>;
}

/**
 * Counters in Redis, shared by every instance. The connection fails fast while Redis is
 * away (no offline queue, one try), and then an operation is let through: the limits protect
 * the service, and refusing everyone while Redis restarts would be the outage they guard
 * against. Such lapses are logged once per outage.
 */
export function createRedisStore(redis: Redis, log: Logger, prefix = 'chorus:rate:'): RateLimitStore {
  const client = redis as GcraRedis;
  client.defineCommand('chorusGcra', { numberOfKeys: 1, lua: gcraScript });
  let failing = false;
  return {
    async consume(key: string, tier: Tier, cost = 1): Promise<Decision> {
      try {
        const [allowed, remaining, resetMs, retryAfterMs] = await client.chorusGcra(prefix + key, tier.limit, tier.windowSeconds * 1000, cost);
        if (failing) log.info('rate limits counted in redis again');
        failing = false;
        return {
          allowed: allowed === 1,
          limit: tier.limit,
          remaining: Number(remaining),
          resetSeconds: Math.ceil(Number(resetMs) / 1000),
          retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil(Number(retryAfterMs) / 1000)),
        };
      } catch (error) {
        if (!failing) log.warn({ err: error }, 'rate limits cannot be counted while redis is unreachable: operations are let through');
        failing = true;
        return { allowed: true, limit: tier.limit, remaining: tier.limit, resetSeconds: 0, retryAfterSeconds: 0 };
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
