import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import type { MyEventsSubscription } from '../../generated/graphql.ts';
import { MyEvents } from '../../ui/layout.tsx';
import { When } from '../../ui/when.tsx';

const DiaryCurrentPromptQuery = graphql(`
  query DiaryCurrentPrompt {
    me { currentPrompt { id text dueAt } }
  }
`);

const DiaryRecordActivity = graphql(`
  mutation DiaryRecordActivity($input: RecordActivityInput!) {
    recordActivity(input: $input) {
      id
      text
      createdAt
      promptText
      author { id }
      prompt { id answeredAt }
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
      {error && (
        <p className="error" role="alert">
          {describeError(error)}
        </p>
      )}
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
        onEditing={() => setSaved(false)}
        onSaved={(promptId) => {
          setSaved(true);
          if (promptId) setAnswered((ids) => [...ids, promptId]);
        }}
      />
      {saved && (
        <p className="muted" role="status">
          Saved to your diary.
        </p>
      )}
    </section>
  );
}

/** The answer to `prompt`, or a free entry when there is none. */
function EntryComposer({ prompt, onEditing, onSaved }: { prompt: Prompt | null; onEditing(): void; onSaved(promptId: string | null): void }) {
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
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={fetching}>
          Save
        </button>
      </div>
    </form>
  );
}
