import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import { FormActions } from '../../ui/form-actions.tsx';
import type { ThreadMessage } from './message-fields.ts';

const EditMessage = graphql(`
  mutation ConversationsEditMessage($input: EditMessageInput!) {
    editMessage(input: $input) { id text editedAt }
  }
`);

/**
 * Edits a message in place. The new text shows when its MessageEdited event arrives, in seq
 * order with everything else.
 */
export function MessageEditor({ message, onDone }: { message: ThreadMessage; onDone(): void }) {
  const [text, setText] = useState(message.text ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, save] = useMutation(EditMessage);
  const inputId = useId();

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (saving.fetching) return;
    if (!text.trim()) return setError('Please check this: the text cannot be empty (delete the message instead).');
    const result = await save({ input: { messageId: message.id, text } });
    if (result.error) return setError(describeError(result.error));
    onDone();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') return onDone();
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void submit();
  };

  return (
    <form className="stack editor" onSubmit={submit}>
      <label htmlFor={inputId}>Edited text</label>
      <textarea id={inputId} rows={2} value={text} onChange={(event) => setText(event.target.value)} onKeyDown={onKeyDown} maxLength={4000} autoFocus />
      <FormActions problem={error} busy={saving.fetching} submit="Save" status={null}>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </FormActions>
    </form>
  );
}
