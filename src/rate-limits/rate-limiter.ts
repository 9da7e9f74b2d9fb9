import type { DocumentNode, GraphQLSchema } from 'graphql';
import { foldOperation } from '../limits/fold-selections.ts';
import { AppError } from '../errors.ts';
import type { Decision, RateLimitStore } from './store.ts';
import { tierOfField, type TierName, type Tiers } from './tiers.ts';

/** Who is counted: the signed-in user, or else the client's address. */
export interface Caller {
  userId: string | null;
  address: string;
  /** The bot service is one client acting for many people; each of them is counted on their own token. */
  isService: boolean;
}

export interface RateLimiter {
  /**
   * Counts one operation against `general` and every tier its fields belong to. Returns the
   * tightest decision (fewest remaining), or throws RATE_LIMITED when any tier is spent.
   */
  chargeOperation(caller: Caller, schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): Promise<Decision | null>;
  /** Counts one operation against one tier for `subject` (e.g. sign-in attempts for a handle). */
  charge(tier: TierName, subject: string): Promise<Decision>;
}

/** RATE_LIMITED, with the decision behind it for the response's headers. */
export class RateLimitedError extends AppError {
  constructor(
    readonly decision: Decision,
    tier: TierName,
  ) {
    super('RATE_LIMITED', `Too many requests (${tier}): try again in ${decision.retryAfterSeconds} s.`, {
      retryAfter: decision.retryAfterSeconds,
      tier,
    });
  }
}

export function createRateLimiter(tiers: Tiers, store: RateLimitStore): RateLimiter {
  const consume = async (tier: TierName, subject: string, cost = 1) => {
    const decision = await store.consume(`${tier}:${subject}`, tiers[tier], cost);
    if (!decision.allowed) throw new RateLimitedError(decision, tier);
    return decision;
  };
  return {
    async chargeOperation(caller, schema, document, operationName) {
      if (caller.isService && caller.userId === null) return null;
      const subject = caller.userId ? `user:${caller.userId}` : `address:${caller.address}`;
      const charges = new Map<TierName, number>([['general', 1]]);
      for (const [tier, count] of limitedSelections(schema, document, operationName)) charges.set(tier, count);
      const decisions = await Promise.all([...charges].map(([tier, cost]) => consume(tier, subject, cost)));
      return decisions.reduce((tightest, decision) => (decision.remaining < tightest.remaining ? decision : tightest));
    },
    charge: (tier, subject) => consume(tier, subject),
  };
}

/** How often the operation selects each limited field, fragments counted where they are spread. */
function limitedSelections(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): Map<TierName, number> {
  const sum = (parts: Map<TierName, number>[]) => {
    const total = new Map<TierName, number>();
    for (const part of parts) for (const [tier, count] of part) total.set(tier, Math.min(maxCount, (total.get(tier) ?? 0) + count));
    return total;
  };
  const counts = foldOperation(schema, document, operationName, {
    empty: new Map(),
    combine: sum,
    field: (parent, node, _definition, below) => {
      const tier = tierOfField[`${parent.name}.${node.name.value}`];
      return tier ? sum([new Map([[tier, 1]]), below]) : below;
    },
  });
  return counts ?? new Map();
}

/** More selections than this of one tier are refused anyway; the cap keeps the sums finite. */
const maxCount = 1_000_000;
