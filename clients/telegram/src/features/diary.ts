import { Composer, InlineKeyboard } from 'grammy';
import { Feed, History } from '../api/operations.ts';
import type { BotContext } from '../context.ts';
import { clip, listingLineLength } from '../telegram-text.ts';

export const diary = new Composer<BotContext>();

/** A moment as the person reads their own clock. */
const when = (iso: string, locale: string, timeZone: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short', timeZone });

async function showDiary(ctx: BotContext): Promise<void> {
  const keyboard = new InlineKeyboard().text(ctx.t('diary-history'), 'diary:history').text(ctx.t('diary-feed'), 'diary:feed');
  await ctx.reply(ctx.t('diary-title'), { reply_markup: keyboard });
}

async function showHistory(ctx: BotContext): Promise<void> {
  const { me } = await ctx.as(History, {});
  const locale = await ctx.i18n.getLocale();
  const lines = me.user.activities.edges.map(({ node }) => clip(`${when(node.createdAt, locale, me.user.timezone)}: ${node.text}`, listingLineLength));
  await ctx.reply(lines.length > 0 ? [ctx.t('history-title'), ...lines].join('\n') : ctx.t('history-none'));
}

async function showFeed(ctx: BotContext): Promise<void> {
  const { me } = await ctx.as(Feed, {});
  const locale = await ctx.i18n.getLocale();
  const lines = me.feed.edges.map(({ node }) => clip(`${when(node.createdAt, locale, me.user.timezone)} ${node.author.displayName}: ${node.text}`, listingLineLength));
  await ctx.reply(lines.length > 0 ? [ctx.t('feed-title'), ...lines].join('\n') : ctx.t('feed-none'));
}

diary.command('diary', showDiary);
diary.command('history', showHistory);
diary.command('feed', showFeed);
diary.callbackQuery('menu:diary', showDiary);
diary.callbackQuery('diary:history', showHistory);
diary.callbackQuery('diary:feed', showFeed);
