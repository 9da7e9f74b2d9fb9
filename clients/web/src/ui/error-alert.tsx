import type { CombinedError } from 'urql';
import { describeError } from '../api/errors.ts';

/**
 * Why something failed, announced (role="alert"): an API error in words (describeError), or a
 * form's own message. Nothing when there is no error.
 */
export function ErrorAlert({ error }: { error: CombinedError | string | null | undefined }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {typeof error === 'string' ? error : describeError(error)}
    </p>
  );
}
