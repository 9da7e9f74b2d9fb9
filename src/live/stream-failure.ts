import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { isExpected } from '../errors-masking.ts';

/**
 * What a live stream that failed tells its subscriber. graphql-ws sends the message of an
 * error thrown by the stream as it is (Yoga masks results, not the source stream), so anything
 * unexpected (a database or Redis failure) is logged here and replaced by the same masked error
 * HTTP gives; expected errors (ours, with a code) pass.
 */
export function streamFailure(error: unknown, log: Logger): GraphQLError {
  if (isExpected(error)) return error as GraphQLError;
  log.error({ err: error }, 'a live stream failed');
  return new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
