import { useId, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../generated/gql.ts';
import type { Visibility } from '../../generated/graphql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { FormActions } from '../../ui/form-actions.tsx';
import { useFormDraft } from '../../ui/form-draft.ts';

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
      <ErrorAlert error={error} />
      {data && <SettingsForm saved={data.me.settings} timezone={data.me.user.timezone} />}
    </section>
  );
}

function SettingsForm({ saved, timezone }: { saved: Settings; timezone: string }) {
  // Picked one by one: results carry __typename, which an input type refuses.
  const form = useFormDraft(
    {
      enabled: saved.enabled,
      windowStart: saved.windowStart,
      windowEnd: saved.windowEnd,
      intervalMinutes: String(saved.intervalMinutes),
      visibility: saved.visibility,
    },
    fieldLabels,
  );
  const { draft, change } = form;
  const [{ fetching }, update] = useMutation(DiaryUpdateSettings);
  const ids = { enabled: useId(), start: useId(), end: useId(), interval: useId(), visibility: useId() };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const intervalMinutes = Number.parseInt(draft.intervalMinutes, 10);
    if (Number.isNaN(intervalMinutes)) return form.refuse('Please check this: Interval (minutes) needs a number of minutes.');
    if (!draft.windowStart || !draft.windowEnd) return form.refuse('Please check this: the window needs a start and an end time.');
    await form.save(update({ input: { ...draft, intervalMinutes } }));
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
      <FormActions problem={form.problem} busy={fetching} submit="Save settings" status={form.saved ? 'Settings saved.' : null} />
    </form>
  );
}
