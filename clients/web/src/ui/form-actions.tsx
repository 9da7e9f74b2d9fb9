import type { ReactNode } from 'react';
import { ErrorAlert } from './error-alert.tsx';

/**
 * A form's last lines: why its save failed, the submit button (off while the save runs, so two
 * clicks send once), any other buttons (`children`), and `status` once it saved.
 */
export function FormActions({ problem, busy, submit, status, children }: { problem: string | null; busy: boolean; submit: string; status: string | null; children?: ReactNode }) {
  return (
    <>
      <ErrorAlert error={problem} />
      <div className="row">
        <button type="submit" disabled={busy}>
          {submit}
        </button>
        {children}
        {status && (
          <span className="muted" role="status">
            {status}
          </span>
        )}
      </div>
    </>
  );
}
