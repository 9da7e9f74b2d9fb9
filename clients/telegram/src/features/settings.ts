import { Composer, InlineKeyboard } from 'grammy';
import { Settings, UpdateCheckInSettings, UpdateProfile } from '../api/operations.ts';
import type { BotContext } from '../context.ts';
import type { Locale, Visibility } from '../generated/graphql.ts';

export const settings = new Composer<BotContext>();

const visibilities: Visibility[] = ['FRIENDS', 'EVERYONE', 'ONLY_ME'];
const locales: Locale[] = ['EN', 'RU', 'ES'];
const languageNames: Record<Locale, string> = { EN: 'English', RU: 'Русский', ES: 'Español' };

async function showSettings(ctx: BotContext): Promise<void> {
  const { me } = await ctx.as(Settings, {});
  const onOff = (on: boolean) => ctx.t(on ? 'settings-on' : 'settings-off');
  const visibility = ctx.t(`visibility-${me.settings.visibility}`);
  const text = ctx.t('settings-title', {
    enabled: onOff(me.settings.enabled),
    start: me.settings.windowStart,
    end: me.settings.windowEnd,
    interval: me.settings.intervalMinutes,
    timezone: me.user.timezone,
    visibility,
    notifications: onOff(me.telegramNotifications),
  });
  const next = visibilities[(visibilities.indexOf(me.settings.visibility) + 1) % visibilities.length]!;
  const keyboard = new InlineKeyboard()
    .text(ctx.t('settings-notifications', { state: onOff(me.telegramNotifications) }), `set:notify:${me.telegramNotifications ? 'off' : 'on'}`)
    .row()
    .text(ctx.t('settings-checkins', { state: onOff(me.settings.enabled) }), `set:checkins:${me.settings.enabled ? 'off' : 'on'}`)
    .row()
    .text(ctx.t('settings-visibility', { visibility }), `set:visibility:${next}`)
    .row();
  for (const locale of locales) keyboard.text(languageNames[locale], `set:locale:${locale}`);
  await ctx.reply(text, { reply_markup: keyboard });
}

settings.command('settings', showSettings);
settings.callbackQuery('menu:settings', showSettings);

settings.callbackQuery(/^set:(notify|checkins):(on|off)$/, async (ctx) => {
  const on = ctx.match[2] === 'on';
  if (ctx.match[1] === 'notify') await ctx.as(UpdateProfile, { input: { telegramNotifications: on } });
  else await ctx.as(UpdateCheckInSettings, { input: { enabled: on } });
  await ctx.answerCallbackQuery(ctx.t('settings-saved'));
  await showSettings(ctx);
});

settings.callbackQuery(/^set:visibility:(ONLY_ME|FRIENDS|EVERYONE)$/, async (ctx) => {
  await ctx.as(UpdateCheckInSettings, { input: { visibility: ctx.match[1] as Visibility } });
  await ctx.answerCallbackQuery(ctx.t('settings-saved'));
  await showSettings(ctx);
});

settings.callbackQuery(/^set:locale:(EN|RU|ES)$/, async (ctx) => {
  const locale = ctx.match[1] as Locale;
  await ctx.as(UpdateProfile, { input: { locale } });
  // The account may have been renewed during this update: the cached one is the one to change.
  ctx.account = await ctx.deps.identities.update(ctx.person, { locale });
  await ctx.i18n.renegotiateLocale();
  await ctx.answerCallbackQuery(ctx.t('settings-saved'));
  await showSettings(ctx);
});

settings.command('window', async (ctx) => {
  const [windowStart, windowEnd] = ctx.match.trim().split(/\s+/);
  if (!windowStart || !windowEnd) {
    await ctx.reply(ctx.t('window-usage'));
    return;
  }
  await ctx.as(UpdateCheckInSettings, { input: { windowStart, windowEnd } });
  await ctx.reply(ctx.t('settings-saved'));
});

settings.command('interval', async (ctx) => {
  // Digits only: Number('') is 0 and Number('1e3') is 1000, neither of them what was meant.
  const minutes = ctx.match.trim();
  if (!/^\d+$/.test(minutes)) {
    await ctx.reply(ctx.t('interval-usage'));
    return;
  }
  await ctx.as(UpdateCheckInSettings, { input: { intervalMinutes: Number(minutes) } });
  await ctx.reply(ctx.t('settings-saved'));
});

settings.command('timezone', async (ctx) => {
  const timezone = ctx.match.trim();
  if (!timezone) {
    await ctx.reply(ctx.t('timezone-usage'));
    return;
  }
  await ctx.as(UpdateProfile, { input: { timezone } });
  await ctx.reply(ctx.t('settings-saved'));
});
