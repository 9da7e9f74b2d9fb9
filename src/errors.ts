import { GraphQLError } from 'graphql';

/** The stable codes clients may rely on (extensions.code). */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'RATE_LIMITED';

/**
 * An expected failure. Being a GraphQLError, it passes Yoga's error masking untouched;
 * anything else that escapes a resolver is masked in production.
 */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }

  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export const unauthenticated = (message = 'Sign in first: this operation needs a valid access token.') =>
  new AppError('UNAUTHENTICATED', message);

export const forbidden = (message: string) => new AppError('FORBIDDEN', message);

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);

/** A bad argument; `field` is the input path, e.g. "input.handle". */
export const badInput = (field: string, message: string) =>
  new AppError('BAD_USER_INPUT', `${field}: ${message}`, { field });

export const conflict = (message: string) => new AppError('CONFLICT', message);
