import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import type { Visibility } from '../../generated/graphql.ts';
import { describeFormError } from '../../ui/field-labels.ts';

const DiarySettingsQuery = graphql(`
  query DiarySettings {
    me {
      user { id timezone }
      settings { enabled windowStart windowEnd intervalMinutes visibility }
    }
  }
`);

const DiaryUpdateSettings = graphql(`
  mutation DiaryUpdateSettings($input: CheckInSettingsInput!) {
    updateCheckInSettings(input: $input) { enabled windowStart windowEnd intervalMinutes visibility }
  }
`);

interface Settings {
  enabled: boolean;
  windowStart: string;
  windowEnd: string;
  intervalMinutes: number;
  visibility: Visibility;
}

const visibilityLabels: Record<Visibility, string> = { ONLY_ME: 'Only me', FRIENDS: 'Friends', EVERYONE: 'Everyone' };

const fieldLabels = {
  windowStart: 'Window start',
  windowEnd: 'Window end',
  intervalMinutes: 'Interval (minutes)',
  visibility: 'Who can see my entries',
};

/** "Check-in settings": when questions come (in the person's own time zone) and who reads the answers. */
export function CheckInSettingsSection() {
  const [{ data, error }] = useQuery({ query: DiarySettingsQuery });
  return (
    <section className="card stack" aria-labelledby="diary-settings">
      <h2 id="diary-settings">Check-in settings</h2>
      {error && (
        <p className="error" role="alert">
          {describeError(error)}
        </p>
      )}
      {data && <SettingsForm saved={data.me.settings} timezone={data.me.user.timezone} />}
    </section>
  );
}

function SettingsForm({ saved, timezone }: { saved: Settings; timezone: string }) {
  // Picked one by one: results carry __typename, which an input type refuses.
  const [draft, setDraft] = useState({
    enabled: saved.enabled,
    windowStart: saved.windowStart,
    windowEnd: saved.windowEnd,
    intervalMinutes: String(saved.intervalMinutes),
    visibility: saved.visibility,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [{ fetching }, update] = useMutation(DiaryUpdateSettings);
  const ids = { enabled: useId(), start: useId(), end: useId(), interval: useId(), visibility: useId() };

  const change = (fields: Partial<typeof draft>) => {
    setDraft((current) => ({ ...current, ...fields }));
    setDone(false);
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const intervalMinutes = Number.parseInt(draft.intervalMinutes, 10);
    if (Number.isNaN(intervalMinutes)) return setProblem('Please check this: Interval (minutes) needs a number of minutes.');
    if (!draft.windowStart || !draft.windowEnd) return setProblem('Please check this: the window needs a start and an end time.');
    setProblem(null);
    const result = await update({ input: { ...draft, intervalMinutes } });
    if (result.error) return setProblem(describeFormError(result.error, fieldLabels));
    setDone(true);
  };

  return (
    <form className="stack" onSubmit={save} aria-label="Check-in settings">
      <p className="muted">Times are in your time zone ({timezone}); change it on your profile.</p>
      <div className="row">
        <input id={ids.enabled} type="checkbox" className="diary-checkbox" checked={draft.enabled} onChange={(event) => change({ enabled: event.target.checked })} />
        <label htmlFor={ids.enabled}>Ask me check-in questions</label>
      </div>
      <div className="diary-fields">
        <div className="stack">
          <label htmlFor={ids.start}>Window start</label>
          <input id={ids.start} type="time" value={draft.windowStart} onChange={(event) => change({ windowStart: event.target.value })} />
        </div>
        <div className="stack">
          <label htmlFor={ids.end}>Window end</label>
          <input id={ids.end} type="time" value={draft.windowEnd} onChange={(event) => change({ windowEnd: event.target.value })} />
        </div>
        <div className="stack">
          <label htmlFor={ids.interval}>Interval (minutes)</label>
          <input id={ids.interval} type="number" inputMode="numeric" step={1} value={draft.intervalMinutes} onChange={(event) => change({ intervalMinutes: event.target.value })} />
        </div>
      </div>
      <p className="muted">From 30 minutes to a day (1440). A window ending before it starts runs past midnight; the same start and end mean all day.</p>
      <label htmlFor={ids.visibility}>Who can see my entries</label>
      <select id={ids.visibility} value={draft.visibility} onChange={(event) => change({ visibility: event.target.value as Visibility })}>
        {Object.entries(visibilityLabels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={fetching}>
          Save settings
        </button>
        {done && (
          <span className="muted" role="status">
            Settings saved.
          </span>
        )}
      </div>
    </form>
  );
}
