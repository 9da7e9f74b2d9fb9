import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../generated/gql.ts';
import type { Locale } from '../../generated/graphql.ts';
import { describeFormError } from '../../ui/field-labels.ts';

const ProfileUpdate = graphql(`
  mutation ProfileUpdate($input: UpdateProfileInput!) {
    updateProfile(input: $input) { id displayName locale timezone }
  }
`);

export interface EditedProfile {
  displayName: string;
  locale: Locale;
  timezone: string;
  telegramLinked: boolean;
  telegramNotifications: boolean;
}

const languages: Record<Locale, string> = { EN: 'English', RU: 'Русский', ES: 'Español' };

const fieldLabels = { displayName: 'Display name', locale: 'Language', timezone: 'Time zone' };

/** The browser's own zone names, offered as suggestions (any IANA name the API knows is accepted). */
const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** Display name, language (of notifications and the bot) and time zone (of check-ins). */
export function ProfileForm({ saved }: { saved: EditedProfile }) {
  const [draft, setDraft] = useState({
    displayName: saved.displayName,
    locale: saved.locale,
    timezone: saved.timezone,
    telegramNotifications: saved.telegramNotifications,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [{ fetching }, update] = useMutation(ProfileUpdate);
  const ids = { name: useId(), locale: useId(), timezone: useId(), zones: useId(), telegram: useId() };

  const change = (fields: Partial<typeof draft>) => {
    setDraft((current) => ({ ...current, ...fields }));
    setDone(false);
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!draft.displayName.trim()) return setProblem('Please check this: Display name cannot be empty.');
    if (!draft.timezone.trim()) return setProblem('Please check this: Time zone is needed, e.g. Europe/Madrid.');
    setProblem(null);
    const telegram = saved.telegramLinked ? { telegramNotifications: draft.telegramNotifications } : {};
    const result = await update({ input: { displayName: draft.displayName, locale: draft.locale, timezone: draft.timezone.trim(), ...telegram } });
    if (result.error) return setProblem(describeFormError(result.error, fieldLabels));
    setDone(true);
  };

  return (
    <form className="stack" onSubmit={save} aria-label="Profile">
      <label htmlFor={ids.name}>Display name</label>
      <input id={ids.name} value={draft.displayName} maxLength={64} autoComplete="name" onChange={(event) => change({ displayName: event.target.value })} />
      <label htmlFor={ids.locale}>Language</label>
      <select id={ids.locale} value={draft.locale} onChange={(event) => change({ locale: event.target.value as Locale })}>
        {Object.entries(languages).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor={ids.timezone}>Time zone</label>
      <input id={ids.timezone} value={draft.timezone} list={ids.zones} onChange={(event) => change({ timezone: event.target.value })} />
      <datalist id={ids.zones}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <p className="muted">Your check-in window follows this zone; notifications and the bot use your language.</p>
      {saved.telegramLinked && (
        <div className="row">
          <input
            id={ids.telegram}
            type="checkbox"
            className="profile-checkbox"
            checked={draft.telegramNotifications}
            onChange={(event) => change({ telegramNotifications: event.target.checked })}
          />
          <label htmlFor={ids.telegram}>Also send new messages and friend news to Telegram</label>
        </div>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={fetching}>
          Save profile
        </button>
        {done && (
          <span className="muted" role="status">
            Profile saved.
          </span>
        )}
      </div>
    </form>
  );
}
