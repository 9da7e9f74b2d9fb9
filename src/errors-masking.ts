import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError, type Plugin } from 'graphql-yoga';
import type { Context } from './context.ts';

function originalOf(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? originalOf(error.originalError) : error;
}

/** True for errors that carry a stable code of ours (or graphql-js' own validation errors). */
function isExpected(error: unknown): boolean {
  return error instanceof GraphQLError && (error.originalError === undefined || error.originalError === null || isExpected(error.originalError));
}

/**
 * Expected errors pass as they are. Pothos' argument checks (e.g. a negative `first`) become
 * BAD_USER_INPUT. Everything else is masked: in production a client sees only
 * "Unexpected error." with code INTERNAL_SERVER_ERROR, never a stack, SQL or Prisma text.
 */
export function createMaskError(showDetails: boolean) {
  return (error: unknown, message: string): Error => {
    const original = originalOf(error);
    if (original instanceof PothosValidationError) {
      return new GraphQLError(original.message, {
        path: error instanceof GraphQLError ? error.path : undefined,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return yogaMaskError(error, message, showDetails);
  };
}

/** Logs every unexpected error with the request id, so a masked error can be found in the logs. */
export function useUnexpectedErrorLogging(): Plugin<Context> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result }) {
          if (!('errors' in result) || !result.errors) return;
          for (const error of result.errors) {
            const original = originalOf(error);
            if (isExpected(error) || original instanceof PothosValidationError) continue;
            args.contextValue.log.error({ err: original, path: error.path }, 'unexpected error in a resolver');
          }
        },
      };
    },
  };
}
