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

/** Prisma's codes for a database it cannot reach, lost mid-query, or too busy to hand out a connection. */
const unreachableCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** The driver adapter's kinds for the same. */
const unreachableKinds = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/**
 * True when the database could not be reached or went away: not a bug, a moment to retry.
 * PostgreSQL's own codes count too: class 08 (connection exceptions) and 57P01–57P03 (shut
 * down by an administrator, crashed, or starting up).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 8; depth += 1) {
    const candidate = current as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string; code?: string } } }; cause?: unknown };
    if (typeof candidate.code === 'string' && (unreachableCodes.has(candidate.code) || /^(08|57P0[123])/.test(candidate.code) || candidate.code === 'ECONNREFUSED' || candidate.code === 'ECONNRESET')) return true;
    const cause = candidate.meta?.driverAdapterError?.cause;
    if (cause && (unreachableKinds.has(cause.kind ?? '') || /^(08|57P0[123])/.test(cause.originalCode ?? cause.code ?? ''))) return true;
    current = candidate.cause;
  }
  return false;
}

/**
 * Expected errors pass as they are. Pothos' argument checks (e.g. a negative `first`) become
 * BAD_USER_INPUT. A database that cannot be reached is SERVICE_UNAVAILABLE (503 over HTTP):
 * a moment to retry, not a bug. Everything else is masked: in production a client sees only
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
    if (isDatabaseUnavailable(original)) {
      return new GraphQLError('A service the API depends on is unavailable at the moment: try again shortly.', {
        path: error instanceof GraphQLError ? error.path : undefined,
        extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: { 'Retry-After': '5' } } },
      });
    }
    return yogaMaskError(error, message, showDetails);
  };
}
