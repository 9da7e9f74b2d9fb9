import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../generated/gql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { QuestionForm, type EditedQuestion } from './question-form.tsx';

const DiaryQuestionsQuery = graphql(`
  query DiaryQuestions {
    me { questions { id name text isDefault active intervalMinutes } }
  }
`);

/** "Questions": what check-ins ask, each editable in place, and a form to add one. */
export function QuestionsSection() {
  const [{ data, error }] = useQuery({ query: DiaryQuestionsQuery });
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <section className="card stack" aria-labelledby="diary-questions">
      <h2 id="diary-questions">Questions</h2>
      <ErrorAlert error={error} />
      <ul className="plain" aria-label="Questions">
        {data?.me.questions.map((question) => (
          <li key={question.id}>
            {editing === question.id ? (
              <QuestionForm question={question} onDone={() => setEditing(null)} />
            ) : (
              <QuestionSummary question={question} onEdit={() => setEditing(question.id)} />
            )}
          </li>
        ))}
      </ul>
      <details className="diary-add-question">
        <summary>Add a question</summary>
        <QuestionForm question={null} />
      </details>
    </section>
  );
}

function QuestionSummary({ question, onEdit }: { question: EditedQuestion; onEdit(): void }) {
  const interval = question.intervalMinutes === null ? 'interval from your settings' : `every ${question.intervalMinutes} min`;
  return (
    <div className="row diary-question-summary">
      <div className="diary-grow">
        <p>
          <strong>{question.name}</strong>
          {question.isDefault && <span className="muted"> (default)</span>}
        </p>
        <p>{question.text}</p>
        <p className="muted">
          {question.active ? 'Active' : 'Inactive'} · {interval}
        </p>
      </div>
      <button type="button" className="secondary" onClick={onEdit} aria-label={`Edit ${question.name}`}>
        Edit
      </button>
    </div>
  );
}
