import { randomUUID } from 'node:crypto';
import { PothosValidationError } from '@pothos/core';
import type { Plugin } from 'graphql-yoga';
import type { Context } from './context.ts';
import { isExpected, originalOf } from './errors-masking.ts';

/**
 * One structured log line per operation (name, type, duration, error count), tagged with the
 * request id that is also returned in the x-request-id header; unexpected errors are logged
 * in full, so a masked "Unexpected error." can be traced.
 */
export function useOperationLogging(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const context = args.contextValue;
      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result && result.errors ? result.errors : [];
          for (const error of errors) {
            const original = originalOf(error);
            if (isExpected(error) || original instanceof PothosValidationError) continue;
            context.log.error({ err: original, path: error.path }, 'unexpected error in a resolver');
          }
          context.log.info(
            {
              operation: args.operationName ?? null,
              ms: Math.round((performance.now() - started) * 10) / 10,
              errors: errors.length,
            },
            'operation',
          );
        },
      };
    },
  };
}

/**
 * Request ids: the caller's x-request-id when it sends a sane one, else a new UUID; the same
 * id goes into the context (and so every log line of the request) and the response header.
 */
export function createRequestIds() {
  const ids = new WeakMap<Request, string>();
  const idFor = (request: Request): string => {
    let id = ids.get(request);
    if (!id) {
      const given = request.headers.get('x-request-id');
      id = given && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
      ids.set(request, id);
    }
    return id;
  };
  const plugin: Plugin<Context> = {
    onResponse({ request, response }) {
      response.headers.set('x-request-id', idFor(request));
    },
  };
  return { idFor, plugin };
}
