import { useState } from 'react';
import type { OperationResult } from 'urql';
import { describeFormError } from './field-labels.ts';

export interface FormDraft<Draft> {
  draft: Draft;
  /** Edits some fields; "saved" goes, as it no longer describes what the form shows. */
  change(fields: Partial<Draft>): void;
  /** Puts other values in the form (a blank one after adding), keeping "saved". */
  replace(draft: Draft): void;
  /** Why the last save did not happen, in the form's words; null once one is under way. */
  problem: string | null;
  /** True from a save until the next change. */
  saved: boolean;
  /** Refuses to send, saying why (input the form can check itself). */
  refuse(problem: string): void;
  /**
   * Waits for the mutation `sending`: true when it saved; otherwise false, and `problem` says why,
   * the API's field names replaced by `labels` (what the person sees on the form).
   * The values stay in the form either way, so a refused one can be corrected.
   */
  save(sending: Promise<OperationResult>): Promise<boolean>;
}

/** The values a form edits and how its last save went, for forms that send them with one mutation. */
export function useFormDraft<Draft extends object>(initial: Draft, labels: Record<string, string>): FormDraft<Draft> {
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const change = (fields: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...fields }));
    setSaved(false);
  };

  const refuse = (message: string) => {
    setProblem(message);
    setSaved(false);
  };

  const save = async (sending: Promise<OperationResult>) => {
    setProblem(null);
    setSaved(false);
    const result = await sending;
    if (result.error) {
      setProblem(describeFormError(result.error, labels));
      return false;
    }
    setSaved(true);
    return true;
  };

  return { draft, change, replace: setDraft, problem, saved, refuse, save };
}
