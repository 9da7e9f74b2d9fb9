import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import type { MyEventsSubscription } from '../../generated/graphql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { MyEvents } from '../../ui/layout.tsx';
import { When } from '../../ui/when.tsx';

const DiaryCurrentPromptQuery = graphql(`
  query DiaryCurrentPrompt {
    me { currentPrompt { id text dueAt } }
  }
`);

// Only what the document cache needs: the Activity refetches the lists that hold entries, the
// author (a User) "My entries" while it is still empty, the prompt the current prompt.
const DiaryRecordActivity = graphql(`
  mutation DiaryRecordActivity($input: RecordActivityInput!) {
    recordActivity(input: $input) {
      id
      author { id }
      prompt { id }
    }
  }
`);

interface Prompt {
  id: string;
  text: string;
  dueAt: string;
}

/** The newest check-in that came due while this screen was open (myEvents' CheckInDue). */
function latestDue(latest: Prompt | null = null, event: MyEventsSubscription): Prompt | null {
  const item = event.myEvents;
  if (item.__typename !== 'CheckInDue') return latest;
  return !latest || item.prompt.dueAt >= latest.dueAt ? item.prompt : latest;
}

/**
 * "Current prompt": the newest unanswered check-in, including one that comes due while the
 * screen is open, with a box to answer it; without one, a box for a free entry.
 */
export function CurrentPrompt() {
  const [{ data, error }] = useQuery({ query: DiaryCurrentPromptQuery });
  const [due] = useSubscription({ query: MyEvents }, latestDue);
  const [answered, setAnswered] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);

  const open = [due.data, data?.me.currentPrompt].filter((prompt): prompt is Prompt => !!prompt && !answered.includes(prompt.id));
  const prompt = open.sort((a, b) => b.dueAt.localeCompare(a.dueAt))[0] ?? null;

  return (
    <section className="card stack" aria-labelledby="diary-current-prompt">
      <h2 id="diary-current-prompt">Current prompt</h2>
      <ErrorAlert error={error} />
      {prompt ? (
        <p className="diary-question">
          <strong>{prompt.text}</strong>{' '}
          <span className="muted">
            (asked <When iso={prompt.dueAt} />)
          </span>
        </p>
      ) : (
        <p className="muted">No question waiting. Write whatever is on your mind.</p>
      )}
      <EntryComposer
        key={prompt?.id ?? 'free'}
        prompt={prompt}
        saved={saved}
        onEditing={() => setSaved(false)}
        onSaved={(promptId) => {
          setSaved(true);
          if (promptId) setAnswered((ids) => [...ids, promptId]);
        }}
      />
    </section>
  );
}

/**
 * The answer to `prompt`, or a free entry when there is none. Whether the last one was `saved`
 * is kept by the section: answering a prompt replaces this form with a fresh one.
 */
function EntryComposer({ prompt, saved, onEditing, onSaved }: { prompt: Prompt | null; saved: boolean; onEditing(): void; onSaved(promptId: string | null): void }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [{ fetching }, record] = useMutation(DiaryRecordActivity);
  const id = useId();

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!text.trim()) return setProblem('Please write something first.');
    setProblem(null);
    const result = await record({ input: { text, promptId: prompt?.id } });
    if (result.error) return setProblem(describeError(result.error));
    setText('');
    onSaved(prompt?.id ?? null);
  };

  return (
    <form className="stack" onSubmit={save}>
      <label htmlFor={id}>{prompt ? 'Your answer' : 'Write an entry'}</label>
      <textarea id={id} rows={3} value={text} onChange={(event) => {
          setText(event.target.value);
          onEditing();
        }} maxLength={2000} />
      <FormActions problem={problem} busy={fetching} submit="Save" status={saved ? 'Saved to your diary.' : null} />
    </form>
  );
}
