import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { excerpt, type ThreadMessage } from './message-fields.ts';

const SendMessage = graphql(`
  mutation ConversationsSendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) { id seq }
  }
`);

const SetTyping = graphql(`
  mutation ConversationsSetTyping($input: ConversationInput!) {
    setTyping(input: $input)
  }
`);

const typingEveryMs = 2000;

interface ComposerProps {
  conversationId: string;
  replyTo: ThreadMessage | null;
  onCancelReply(): void;
  /** The message went out (it shows when its MessageAdded event arrives, like everyone else's). */
  onSent(): void;
  error: string | null;
  onError(message: string | null): void;
}

/** Writes a message: Enter sends, Shift+Enter starts a new line. */
export function Composer({ conversationId, replyTo, onCancelReply, onSent, error, onError }: ComposerProps) {
  const [text, setText] = useState('');
  const [sending, send] = useMutation(SendMessage);
  const typing = useTypingSignal(conversationId, onError);
  // Two quick Enters arrive before a re-render could disable anything.
  const inFlight = useRef(false);
  const inputId = useId();

  const submit = async () => {
    if (inFlight.current) return;
    if (!text.trim()) return onError('Please check this: write something first.');
    inFlight.current = true;
    const result = await send({ input: { conversationId, text, replyToId: replyTo?.id ?? null } });
    inFlight.current = false;
    if (result.error) return onError(describeError(result.error));
    onError(null);
    setText('');
    typing.keystroke(false);
    onSent();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void submit();
  };

  const onChange = (value: string) => {
    setText(value);
    typing.keystroke(value.trim() !== '');
  };

  return (
    <form
      className="composer-box"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void submit();
      }}
    >
      {replyTo && (
        <p className="replying">
          <span>
            Replying to <strong>{replyTo.author.displayName}</strong>: {excerpt(replyTo.text)}
          </span>
          <button type="button" className="link-button" onClick={onCancelReply}>
            Cancel reply
          </button>
        </p>
      )}
      <ErrorAlert error={error} />
      <label htmlFor={inputId} className="composer-label">
        Message
      </label>
      <div className="composer">
        <textarea id={inputId} rows={2} value={text} onChange={(event) => onChange(event.target.value)} onKeyDown={onKeyDown} maxLength={4000} />
        <button type="submit" disabled={sending.fetching}>
          Send
        </button>
      </div>
    </form>
  );
}

/**
 * Tells the others we are typing, at most every 2 s: a keystroke inside the window is
 * announced when it ends, unless the text was sent or cleared by then.
 */
function useTypingSignal(conversationId: string, onError: (message: string) => void) {
  const [, setTyping] = useMutation(SetTyping);
  const lastSent = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const hasText = useRef(false);
  useEffect(() => () => clearTimeout(pending.current ?? undefined), []);

  const announce = () => {
    pending.current = null;
    if (!hasText.current) return;
    lastSent.current = Date.now();
    void setTyping({ input: { conversationId } }).then((result) => {
      if (result.error) onError(describeError(result.error));
    });
  };

  return {
    keystroke(typed: boolean) {
      hasText.current = typed;
      if (!typed || pending.current) return;
      const wait = lastSent.current + typingEveryMs - Date.now();
      if (wait <= 0) announce();
      else pending.current = setTimeout(announce, wait);
    },
  };
}
