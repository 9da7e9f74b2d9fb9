import { useId, useMemo, useState } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { AudienceFields, audienceInput, everyone, type AudienceDraft } from './audience-fields.tsx';
import { people } from './progress-numbers.ts';
import { useBroadcastPreview, type PreviewState } from './use-broadcast-preview.ts';

const AdminSendBroadcast = graphql(`
  mutation AdminSendBroadcast($input: BroadcastInput!) {
    sendBroadcast(input: $input) { ...AdminBroadcastFields }
  }
`);

/** Telegram's limit, which the API keeps too. */
const maxLength = 4096;

/**
 * Writes a broadcast: its text, who it is for, how many that reaches (asked as you type), and
 * sending it, which takes a second, explicit step.
 */
export function BroadcastComposer({ onSent }: { onSent: (broadcastId: string) => void }) {
  const textId = useId();
  const [text, setText] = useState('');
  const [audience, setAudience] = useState<AudienceDraft>(everyone);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, sendBroadcast] = useMutation(AdminSendBroadcast);
  const input = useMemo(() => audienceInput(audience), [audience]);
  const preview = useBroadcastPreview(text, input);

  // Whatever changes after "Send broadcast" needs confirming again.
  const edit = (change: () => void) => {
    change();
    setConfirming(false);
    setError(null);
  };

  const askToConfirm = () => {
    if (!text.trim()) return setError('Please write the text of the broadcast first.');
    setError(null);
    setConfirming(true);
  };

  const send = async () => {
    const result = await sendBroadcast({ input: { text, audience: input } });
    if (result.error) return setError(describeError(result.error));
    setConfirming(false);
    setText('');
    setAudience(everyone);
    if (result.data) onSent(result.data.sendBroadcast.id);
  };

  return (
    <section className="card stack" aria-labelledby={`${textId}-heading`}>
      <h2 id={`${textId}-heading`}>New broadcast</h2>
      <label htmlFor={textId}>Broadcast text</label>
      <textarea id={textId} rows={4} maxLength={maxLength} value={text} onChange={(event) => edit(() => setText(event.target.value))} />
      <AudienceFields value={audience} onChange={(next) => edit(() => setAudience(next))} disabled={sending.fetching} />
      <PreviewLine state={preview} hasText={text.trim() !== ''} />
      <ErrorAlert error={error} />
      {confirming ? (
        <div className="admin-confirm stack">
          <p>
            Send this to {preview.preview && !preview.pending ? people(preview.preview.recipientCount) : 'everyone in the audience'}? It cannot be taken back, only
            cancelled while it is being sent.
          </p>
          <div className="row">
            <button type="button" onClick={send} disabled={sending.fetching}>
              {sending.fetching ? 'Sending…' : 'Confirm send'}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={sending.fetching}>
              Back
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          <button type="button" onClick={askToConfirm}>
            Send broadcast
          </button>
        </div>
      )}
    </section>
  );
}

/** "Will reach 12 people", or why it cannot say yet. */
function PreviewLine({ state, hasText }: { state: PreviewState; hasText: boolean }) {
  if (state.error) return <ErrorAlert error={state.error} />;
  let message = 'Write the text to see how many people it will reach.';
  if (state.preview) {
    const { recipientCount, telegramCount } = state.preview;
    message = `Will reach ${people(recipientCount)}` + (telegramCount > 0 ? ` (${telegramCount} also on Telegram)` : '');
  } else if (hasText) {
    message = 'Counting…';
  }
  return (
    <p className={state.pending ? 'admin-preview stale' : 'admin-preview'} role="status" aria-busy={state.pending}>
      {message}
    </p>
  );
}
