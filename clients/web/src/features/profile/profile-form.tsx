import { useId, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../generated/gql.ts';
import type { Locale } from '../../generated/graphql.ts';
import { FormActions } from '../../ui/form-actions.tsx';
import { useFormDraft } from '../../ui/form-draft.ts';

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
  const form = useFormDraft(
    {
      displayName: saved.displayName,
      locale: saved.locale,
      timezone: saved.timezone,
      telegramNotifications: saved.telegramNotifications,
    },
    fieldLabels,
  );
  const { draft, change } = form;
  const [{ fetching }, update] = useMutation(ProfileUpdate);
  const ids = { name: useId(), locale: useId(), timezone: useId(), zones: useId(), telegram: useId() };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!draft.displayName.trim()) return form.refuse('Please check this: Display name cannot be empty.');
    if (!draft.timezone.trim()) return form.refuse('Please check this: Time zone is needed, e.g. Europe/Madrid.');
    const telegram = saved.telegramLinked ? { telegramNotifications: draft.telegramNotifications } : {};
    await form.save(update({ input: { displayName: draft.displayName, locale: draft.locale, timezone: draft.timezone.trim(), ...telegram } }));
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
      <FormActions problem={form.problem} busy={fetching} submit="Save profile" status={form.saved ? 'Profile saved.' : null} />
    </form>
  );
}
