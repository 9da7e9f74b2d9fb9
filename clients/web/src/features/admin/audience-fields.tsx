import { useId } from 'react';
import type { Locale } from '../../generated/graphql.ts';

const locales: Locale[] = ['EN', 'RU', 'ES'];

/** The audience as the form holds it: the days stay text until sent, so a half-typed number is kept. */
export interface AudienceDraft {
  locales: Locale[];
  activeWithinDays: string;
  telegramLinkedOnly: boolean;
}

export const everyone: AudienceDraft = { locales: [], activeWithinDays: '', telegramLinkedOnly: false };

/** The AudienceInput for a draft: only the conditions given (none means everyone). */
export function audienceInput(draft: AudienceDraft) {
  const days = draft.activeWithinDays.trim();
  return {
    ...(draft.locales.length > 0 ? { locales: draft.locales } : {}),
    ...(days ? { activeWithinDays: Number(days) } : {}),
    ...(draft.telegramLinkedOnly ? { telegramLinkedOnly: true } : {}),
  };
}

/** Who a broadcast is for: languages, recent activity, Telegram. */
export function AudienceFields({ value, onChange, disabled }: { value: AudienceDraft; onChange: (next: AudienceDraft) => void; disabled: boolean }) {
  const daysId = useId();
  const toggleLocale = (locale: Locale, checked: boolean) => {
    const chosen = checked ? [...value.locales, locale] : value.locales.filter((other) => other !== locale);
    // Keep the order of the list, whatever the order of the clicks.
    onChange({ ...value, locales: locales.filter((each) => chosen.includes(each)) });
  };
  return (
    <fieldset className="admin-audience stack" disabled={disabled}>
      <legend>Audience</legend>
      <fieldset className="admin-locales">
        <legend>Languages</legend>
        <div className="row">
          {locales.map((locale) => (
            <label key={locale} className="admin-check">
              <input type="checkbox" checked={value.locales.includes(locale)} onChange={(event) => toggleLocale(locale, event.target.checked)} />
              {locale}
            </label>
          ))}
        </div>
        <p className="muted admin-hint">None ticked: every language.</p>
      </fieldset>
      <label htmlFor={daysId}>Active within days</label>
      <input
        id={daysId}
        type="number"
        inputMode="numeric"
        min={1}
        max={3650}
        placeholder="Any time"
        value={value.activeWithinDays}
        onChange={(event) => onChange({ ...value, activeWithinDays: event.target.value })}
      />
      <label className="admin-check">
        <input type="checkbox" checked={value.telegramLinkedOnly} onChange={(event) => onChange({ ...value, telegramLinkedOnly: event.target.checked })} />
        Telegram-linked only
      </label>
    </fieldset>
  );
}
