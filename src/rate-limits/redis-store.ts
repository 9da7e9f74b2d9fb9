import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createMemoryStore } from './memory-store.ts';
import type { Charge, Decision, RateLimitStore } from './store.ts';

/**
 * gcraStep for several keys at once, run inside Redis so that every instance shares one count
 * and one clock (Redis' own TIME). KEYS are the keys; ARGV holds limit, window (ms) and cost
 * for each. Nothing is written unless every key allows. Returns four numbers per key:
 * allowed, remaining, reset (ms), retry after (ms). Times are stored with three decimals of a
 * millisecond (tostring would round them to 14 digits, losing fast tiers' steps).
 */
const gcraScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local results, writes, allowedAll = {}, {}, true
for i, key in ipairs(KEYS) do
  local limit, window, cost = tonumber(ARGV[i * 3 - 2]), tonumber(ARGV[i * 3 - 1]), tonumber(ARGV[i * 3])
  local interval = window / limit
  local tat = tonumber(redis.call('GET', key) or now)
  if tat < now then tat = now end
  local candidate = tat + interval * cost
  local allowAt = candidate - window
  if now < allowAt then
    allowedAll = false
    for _, value in ipairs({ 0, 0, math.ceil(tat - now), math.ceil(allowAt - now) }) do table.insert(results, value) end
  else
    table.insert(writes, { key, candidate })
    for _, value in ipairs({ 1, math.floor((window - (candidate - now)) / interval), math.ceil(candidate - now), 0 }) do table.insert(results, value) end
  end
end
if allowedAll then
  for _, write in ipairs(writes) do
    redis.call('SET', write[1], string.format('%.3f', write[2]), 'PX', math.ceil(write[2] - now))
  end
end
return results
`;

interface GcraRedis extends Redis {
  chorusGcra(keyCount: number, ...keysThenArgs: (string | number)[]): Promise<number[]>;
}

/**
 * Counters in Redis, shared by every instance. While Redis cannot be reached (its connection
 * fails fast: no offline queue), operations are counted in this process instead: each
 * instance then allows its own share, looser than one shared count but never unlimited, so
 * sign-in guessing stays slow through an outage. The switch is logged once each way.
 */
export function createRedisStore(redis: Redis, log: Logger, prefix = 'chorus:rate:'): RateLimitStore {
  const client = redis as GcraRedis;
  client.defineCommand('chorusGcra', { lua: gcraScript });
  const fallback = createMemoryStore();
  let reachedOnce = false;
  let failing = false;
  // The first operations after a start wait (up to a second) for the connection, rather than
  // being counted in one process while the other instances count in Redis.
  const firstConnection = new Promise<void>((resolve) => {
    redis.once('ready', () => {
      reachedOnce = true;
      resolve();
    });
    setTimeout(resolve, 1000).unref();
  });
  return {
    async consume(charges: Charge[]): Promise<Decision[]> {
      if (!reachedOnce) await firstConnection;
      try {
        const args = charges.flatMap(({ tier, cost }) => [tier.limit, tier.windowSeconds * 1000, cost]);
        const flat = await client.chorusGcra(charges.length, ...charges.map((charge) => prefix + charge.key), ...args);
        if (failing) log.info('rate limits counted in redis again');
        failing = false;
        return charges.map(({ tier }, index) => {
          const [allowed, remaining, resetMs, retryAfterMs] = flat.slice(index * 4, index * 4 + 4).map(Number) as [number, number, number, number];
          return {
            allowed: allowed === 1,
            limit: tier.limit,
            remaining,
            resetSeconds: Math.ceil(resetMs / 1000),
            retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil(retryAfterMs / 1000)),
          };
        });
      } catch (error) {
        if (!failing && reachedOnce) log.warn({ err: error }, 'rate limits cannot be counted in redis: counting in this process until it is back');
        failing = reachedOnce;
        return fallback.consume(charges);
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
