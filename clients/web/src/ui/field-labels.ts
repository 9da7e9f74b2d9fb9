import type { CombinedError } from 'urql';
import { describeError } from '../api/errors.ts';

/**
 * describeError, with the API's field name ("intervalMinutes: at least 30 minutes") replaced by
 * the label the person sees on the form, so they know which input to fix.
 */
export function describeFormError(error: CombinedError, labels: Record<string, string>): string {
  let message = describeError(error);
  for (const [field, label] of Object.entries(labels)) {
    message = message.replace(new RegExp(`\\b${field}:`), `${label}:`);
  }
  return message;
}
