import type { ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { RateLimitedError, type RateLimiter } from './rate-limiter.ts';
import type { Decision } from './store.ts';

/**
 * Counts every operation before it runs, over HTTP, SSE and WebSocket alike (graphql-ws runs
 * Yoga's envelop). A refused operation reaches no resolver: its result is RATE_LIMITED with
 * extensions.retryAfter (over HTTP: 429 with Retry-After). HTTP answers carry RateLimit-Limit,
 * RateLimit-Remaining and RateLimit-Reset of the tightest tier the operation counted against.
 */
export function useRateLimits(limiter: RateLimiter): Plugin<Context> {
  const decisions = new WeakMap<Request, Decision>();
  const charge = async (args: ExecutionArgs, stop: (result: { errors: Error[] }) => void) => {
    const context = args.contextValue as Context & { request?: Request };
    const caller = { userId: context.viewer?.user.id ?? null, address: context.clientAddress, isService: context.isService };
    try {
      const decision = await limiter.chargeOperation(caller, args.schema, args.document, args.operationName);
      if (decision && context.request) decisions.set(context.request, decision);
    } catch (error) {
      if (error instanceof RateLimitedError && context.request) decisions.set(context.request, error.decision);
      stop({ errors: [error as Error] });
    }
  };
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      await charge(args, setResultAndStopExecution);
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      await charge(args, setResultAndStopExecution);
    },
    onResponse({ request, response }) {
      const decision = decisions.get(request);
      if (!decision) return;
      response.headers.set('RateLimit-Limit', String(decision.limit));
      response.headers.set('RateLimit-Remaining', String(decision.remaining));
      response.headers.set('RateLimit-Reset', String(decision.resetSeconds));
    },
  };
}
