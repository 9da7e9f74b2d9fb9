import { gcraStep, type RateLimitStore } from './store.ts';

/**
 * Counters in this process: right for one instance (and the embedded database). Keys whose
 * bucket has refilled are dropped now and then, so the map holds only recent callers.
 */
export function createMemoryStore(now: () => number = Date.now): RateLimitStore {
  const arrivals = new Map<string, number>();
  let lastSweep = now();
  const sweep = (at: number) => {
    if (at - lastSweep < 60_000) return;
    lastSweep = at;
    for (const [key, tat] of arrivals) if (tat <= at) arrivals.delete(key);
  };
  return {
    async consume(charges) {
      const at = now();
      sweep(at);
      const steps = charges.map((charge) => gcraStep(arrivals.get(charge.key) ?? null, at, charge));
      if (steps.every((step) => step.decision.allowed)) charges.forEach((charge, index) => arrivals.set(charge.key, steps[index]!.nextTat));
      return steps.map((step) => step.decision);
    },
    async close() {
      arrivals.clear();
    },
  };
}
