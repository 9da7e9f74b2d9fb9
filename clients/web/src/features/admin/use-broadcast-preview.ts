import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import type { AdminPreviewBroadcastMutation, AudienceInput } from '../../generated/graphql.ts';

const AdminPreviewBroadcast = graphql(`
  mutation AdminPreviewBroadcast($input: BroadcastInput!) {
    previewBroadcast(input: $input) { recipientCount telegramCount }
  }
`);

/** Waits this long after the last keystroke before asking, so typing costs one request, not one per key. */
const previewDelayMs = 400;

export interface PreviewState {
  preview: AdminPreviewBroadcastMutation['previewBroadcast'] | null;
  error: string | null;
  /** A change is waiting for its answer. */
  pending: boolean;
}

/**
 * Who the broadcast would reach, asked again (debounced) whenever its text or audience
 * changes. Answers to older questions are dropped, so a slow one cannot overwrite a newer count.
 * An empty text is not asked about: the API refuses it.
 */
export function useBroadcastPreview(text: string, audience: AudienceInput): PreviewState {
  const [, previewBroadcast] = useMutation(AdminPreviewBroadcast);
  const [state, setState] = useState<PreviewState>({ preview: null, error: null, pending: false });
  const latest = useRef(0);
  const key = JSON.stringify({ text: text.trim(), audience });

  useEffect(() => {
    const asked = (latest.current += 1);
    const input = JSON.parse(key) as { text: string; audience: AudienceInput };
    if (!input.text) {
      setState({ preview: null, error: null, pending: false });
      return;
    }
    setState((current) => ({ ...current, pending: true }));
    const timer = setTimeout(async () => {
      const result = await previewBroadcast({ input });
      if (asked !== latest.current) return;
      if (result.error) setState({ preview: null, error: describeError(result.error), pending: false });
      else if (result.data) setState({ preview: result.data.previewBroadcast, error: null, pending: false });
    }, previewDelayMs);
    return () => clearTimeout(timer);
  }, [key, previewBroadcast]);

  return state;
}
