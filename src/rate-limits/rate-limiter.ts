import type { DocumentNode, GraphQLSchema } from 'graphql';
import { AppError, badInput } from '../errors.ts';
import { foldOperation } from '../limits/fold-selections.ts';
import type { Charge, Decision, RateLimitStore } from './store.ts';
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
   * Counts one operation against `general` and every tier its fields belong to, all or
   * nothing. Returns the tightest decision (fewest remaining), null for an uncounted caller;
   * throws RATE_LIMITED when any tier is spent.
   */
  chargeOperation(caller: Caller, schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): Promise<Decision | null>;
  /** Counts one operation against one tier for `subject` (e.g. sign-in attempts for a handle). */
  charge(tier: TierName, subject: string): Promise<Decision>;
}

/**
 * RATE_LIMITED, with the decision behind it for the response's headers. Over HTTP it answers
 * 429 with Retry-After (Yoga reads extensions.http and strips it; the socket server strips it too).
 */
export class RateLimitedError extends AppError {
  constructor(
    readonly decision: Decision,
    tier: TierName,
  ) {
    super('RATE_LIMITED', `Too many requests (${tier}): try again in ${decision.retryAfterSeconds} s.`, {
      retryAfter: decision.retryAfterSeconds,
      tier,
      http: { status: 429, headers: { 'Retry-After': String(decision.retryAfterSeconds) } },
    });
  }
}

export function createRateLimiter(tiers: Tiers, store: RateLimitStore): RateLimiter {
  const consume = async (charges: Map<TierName, number>, subject: string): Promise<Decision> => {
    for (const [tier, cost] of charges) {
      // No wait would let it through: say so rather than name a time.
      if (cost > tiers[tier].limit) throw badInput('operation', `it asks for ${cost} operations of the ${tier} tier at once; at most ${tiers[tier].limit} are allowed`);
    }
    const named = [...charges.keys()];
    const decisions = await store.consume(named.map((tier): Charge => ({ key: `${tier}:${subject}`, tier: tiers[tier], cost: charges.get(tier)! })));
    const refused = decisions
      .map((decision, index) => ({ decision, tier: named[index]! }))
      .filter(({ decision }) => !decision.allowed)
      .sort((a, b) => b.decision.retryAfterSeconds - a.decision.retryAfterSeconds);
    if (refused.length > 0) throw new RateLimitedError(refused[0]!.decision, refused[0]!.tier);
    return decisions.reduce((tightest, decision) => (decision.remaining < tightest.remaining ? decision : tightest));
  };
  // The tiers a document selects do not depend on its variables: Yoga's parse cache hands the
  // same document object to every request with the same text, so they are counted once.
  const selectionsOf = new WeakMap<DocumentNode, Map<string, Map<TierName, number>>>();
  const limitedSelectionsCached = (schema: GraphQLSchema, document: DocumentNode, operationName?: string | null) => {
    let byOperation = selectionsOf.get(document);
    if (!byOperation) selectionsOf.set(document, (byOperation = new Map()));
    let counts = byOperation.get(operationName ?? '');
    if (!counts) byOperation.set(operationName ?? '', (counts = limitedSelections(schema, document, operationName)));
    return counts;
  };
  return {
    async chargeOperation(caller, schema, document, operationName) {
      if (caller.isService && caller.userId === null) return null;
      const subject = caller.userId ? `user:${caller.userId}` : `address:${caller.address}`;
      const charges = new Map<TierName, number>([['general', 1], ...limitedSelectionsCached(schema, document, operationName)]);
      return consume(charges, subject);
    },
    charge: (tier, subject) => consume(new Map([[tier, 1]]), subject),
  };
}

/**
 * How often the operation selects each limited field, fragments counted where they are spread.
 * A selection counts once, however many items the lists above it return: the cost limit
 * bounds those, and a page of people each with their mutual friends is one look at people.
 */
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
