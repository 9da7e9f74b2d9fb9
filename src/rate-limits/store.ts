import type { Tier } from './tiers.ts';

/** The outcome of counting one operation against one tier for one caller. */
export interface Decision {
  allowed: boolean;
  limit: number;
  /** Operations still allowed right now after this one. */
  remaining: number;
  /** Seconds until the caller has the whole limit again. */
  resetSeconds: number;
  /** Seconds to wait before this operation would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

/**
 * Counts operations per key. Both stores use the generic cell rate algorithm (a token bucket
 * kept as one timestamp per key): `limit` operations may come at once, after which they are
 * allowed again at one per windowSeconds/limit. Unlike fixed windows it never lets twice the
 * limit through around a window's edge.
 */
export interface RateLimitStore {
  /** Counts `cost` operations at once (one per selection of a limited field). */
  consume(key: string, tier: Tier, cost?: number): Promise<Decision>;
  close(): Promise<void>;
}

/**
 * One step of the algorithm, shared by the memory store (and mirrored by the Redis script):
 * `tat` is the stored theoretical arrival time (ms), null when the key is unknown.
 */
export function gcraStep(tat: number | null, now: number, tier: Tier, cost = 1): { decision: Decision; nextTat: number | null } {
  const windowMs = tier.windowSeconds * 1000;
  const interval = windowMs / tier.limit;
  const base = Math.max(tat ?? now, now);
  const candidate = base + interval * cost;
  const allowAt = candidate - windowMs;
  if (now < allowAt) {
    return {
      decision: {
        allowed: false,
        limit: tier.limit,
        remaining: 0,
        resetSeconds: Math.ceil((base - now) / 1000),
        retryAfterSeconds: Math.max(1, Math.ceil((allowAt - now) / 1000)),
      },
      nextTat: null,
    };
  }
  return {
    decision: {
      allowed: true,
      limit: tier.limit,
      remaining: Math.max(0, Math.floor((windowMs - (candidate - now)) / interval)),
      resetSeconds: Math.ceil((candidate - now) / 1000),
      retryAfterSeconds: 0,
    },
    nextTat: candidate,
  };
}
