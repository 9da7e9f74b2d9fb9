import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';

/** The innermost error: graphql-js wraps what a resolver throws. */
export function originalOf(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? originalOf(error.originalError) : error;
}

/** True for errors that carry a stable code of ours (or graphql-js' own validation errors). */
export function isExpected(error: unknown): boolean {
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
