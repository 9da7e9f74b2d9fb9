import type { CombinedError } from 'urql';

/**
 * What to tell a person about a failed operation, by the API's stable error code: when to try
 * again for RATE_LIMITED, which field for BAD_USER_INPUT (the API names it in the message).
 */
export function describeError(error: CombinedError): string {
  if (error.networkError) return 'Cannot reach the server. Check your connection; we keep trying.';
  const first = error.graphQLErrors[0];
  if (!first) return 'Something went wrong. Please try again.';
  const { code, retryAfter } = first.extensions as { code?: string; retryAfter?: number };
  switch (code) {
    case 'RATE_LIMITED':
      return `Too many requests. Try again in ${Math.max(1, Math.ceil(retryAfter ?? 1))} s.`;
    case 'BAD_USER_INPUT':
      return `Please check this: ${readableField(first.message)}`;
    case 'UNAUTHENTICATED':
      return first.message.includes('password') || first.message.includes('handle') ? first.message : 'Your session has ended. Please sign in again.';
    case 'FORBIDDEN':
      return `Not allowed: ${first.message}`;
    case 'NOT_FOUND':
      return `Not found: ${first.message}`;
    case 'CONFLICT':
      return first.message;
    default:
      return 'Something went wrong on our side. Please try again.';
  }
}

/** "input.displayName: too long" reads as "displayName: too long". */
function readableField(message: string): string {
  return message.replace(/^input\./, '');
}
