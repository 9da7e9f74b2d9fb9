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

/** `cost` operations of `tier` counted under `key`. */
export interface Charge {
  key: string;
  tier: Tier;
  cost: number;
}

/**
 * Counts operations per key. Both stores use the generic cell rate algorithm (a token bucket
 * kept as one timestamp per key): `limit` operations may come at once, after which they are
 * allowed again at one per windowSeconds/limit. Unlike fixed windows it never lets twice the
 * limit through around a window's edge.
 */
export interface RateLimitStore {
  /**
   * Counts several charges as one: when any of them is refused, none is counted, so an
   * operation refused by one tier spends nothing of the others. One decision per charge.
   */
  consume(charges: Charge[]): Promise<Decision[]>;
  close(): Promise<void>;
}

/**
 * One step of the algorithm, shared by the memory store (and mirrored by the Redis script):
 * `tat` is the stored theoretical arrival time (ms), null when the key is unknown.
 */
export function gcraStep(tat: number | null, now: number, { tier, cost }: Charge): { decision: Decision; nextTat: number } {
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
      nextTat: base,
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
