import { useId, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../generated/gql.ts';
import { FormActions } from '../../ui/form-actions.tsx';
import { useFormDraft } from '../../ui/form-draft.ts';

const DiaryUpsertQuestion = graphql(`
  mutation DiaryUpsertQuestion($input: QuestionInput!) {
    upsertQuestion(input: $input) { id name text isDefault active intervalMinutes }
  }
`);

export interface EditedQuestion {
  id: string;
  name: string;
  text: string;
  isDefault: boolean;
  active: boolean;
  intervalMinutes: number | null;
}

const fieldLabels = { name: 'Name', text: 'Question', active: 'Active', intervalMinutes: 'Interval (minutes, optional)' };

/** Changes `question`, or adds a new one when it is null (then clears itself for the next). */
export function QuestionForm({ question, onDone }: { question: EditedQuestion | null; onDone?(): void }) {
  const blank = { name: '', text: '', active: true, interval: '' };
  const form = useFormDraft(
    question ? { name: question.name, text: question.text, active: question.active, interval: question.intervalMinutes?.toString() ?? '' } : blank,
    fieldLabels,
  );
  const { draft, change } = form;
  const [{ fetching }, upsert] = useMutation(DiaryUpsertQuestion);
  const ids = { name: useId(), text: useId(), active: useId(), interval: useId() };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!draft.name.trim() || !draft.text.trim()) return form.refuse('Please check this: a question needs a name and its text.');
    const intervalMinutes = draft.interval.trim() === '' ? null : Number.parseInt(draft.interval, 10);
    if (Number.isNaN(intervalMinutes)) return form.refuse('Please check this: Interval (minutes, optional) is a number of minutes, or empty.');
    const saved = await form.save(upsert({ input: { id: question?.id, name: draft.name, text: draft.text, active: draft.active, intervalMinutes } }));
    if (!saved) return;
    if (question) onDone?.();
    else form.replace(blank);
  };

  return (
    <form className="stack" onSubmit={save} aria-label={question ? `Edit question ${question.name}` : 'New question'}>
      <label htmlFor={ids.name}>Name</label>
      <input id={ids.name} value={draft.name} maxLength={100} onChange={(event) => change({ name: event.target.value })} />
      <label htmlFor={ids.text}>Question</label>
      <input id={ids.text} value={draft.text} maxLength={500} onChange={(event) => change({ text: event.target.value })} />
      <div className="row">
        <input
          id={ids.active}
          type="checkbox"
          className="diary-checkbox"
          checked={draft.active}
          disabled={question?.isDefault}
          onChange={(event) => change({ active: event.target.checked })}
        />
        <label htmlFor={ids.active}>Active</label>
        {question?.isDefault && <span className="muted">(the default question is always asked)</span>}
      </div>
      <label htmlFor={ids.interval}>Interval (minutes, optional)</label>
      <input
        id={ids.interval}
        type="number"
        inputMode="numeric"
        step={1}
        value={draft.interval}
        placeholder="From your settings"
        onChange={(event) => change({ interval: event.target.value })}
      />
      <FormActions
        problem={form.problem}
        busy={fetching}
        submit={question ? 'Save question' : 'Add question'}
        status={form.saved && !question ? 'Question added.' : null}
      >
        {question && (
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
        )}
      </FormActions>
    </form>
  );
}
