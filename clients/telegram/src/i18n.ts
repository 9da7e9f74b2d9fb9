import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';
import type { BotContext } from './context.ts';

const directory = fileURLToPath(new URL('../locales', import.meta.url));

/** The language of anyone whose own the bot does not know, or has no texts in. */
export const defaultLocale = 'en';

/**
 * Texts in en, ru and es (Fluent files in clients/telegram/locales). The language is the
 * person's locale on the API, which starts from Telegram's language_code and is changed in
 * Settings.
 */
export function createI18n(): I18n<BotContext> {
  return new I18n<BotContext>({
    defaultLocale,
    directory,
    // Telegram shows plain text: no Unicode isolation marks around names and numbers.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => ctx.account?.user.locale.toLowerCase() ?? ctx.from?.language_code,
  });
}
