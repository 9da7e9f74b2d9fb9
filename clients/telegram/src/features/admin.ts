import { Composer, InlineKeyboard } from 'grammy';
import { BroadcastProgress, PreviewBroadcast, SendBroadcast, Stats } from '../api/operations.ts';
import type { BotContext } from '../context.ts';
import type { BroadcastProgressSubscription } from '../generated/graphql.ts';

/** How often, at most, the progress message is edited (Telegram limits edits too). */
export const progressEditIntervalMs = 2000;

type Progress = BroadcastProgressSubscription['broadcastProgress'];

/** Admin features; the API refuses them (FORBIDDEN) to anyone else whatever the bot shows. */
export const admin = new Composer<BotContext>();

admin.callbackQuery('menu:admin', async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t('admin-title'));
});

admin.command('stats', async (ctx) => {
  const { stats } = await ctx.as(Stats, {});
  await ctx.reply(
    ctx.t('stats', {
      users: stats.users,
      active: stats.activeLast7Days,
      new: stats.newLast7Days,
      telegram: stats.telegramLinked,
      messages: stats.messagesLast24h,
      activities: stats.activitiesLast24h,
    }),
  );
});

admin.command('broadcast', async (ctx) => {
  const text = ctx.match.trim();
  if (!text) {
    await ctx.reply(ctx.t('broadcast-usage'));
    return;
  }
  const { previewBroadcast } = await ctx.as(PreviewBroadcast, { input: { text } });
  ctx.session.broadcastDraft = previewBroadcast.text;
  const keyboard = new InlineKeyboard().text(ctx.t('broadcast-send'), 'bc:send').text(ctx.t('broadcast-cancel'), 'bc:cancel');
  const heading = ctx.t('broadcast-preview', { count: previewBroadcast.recipientCount, telegram: previewBroadcast.telegramCount });
  await ctx.reply(`${heading}\n\n${previewBroadcast.text}`, { reply_markup: keyboard });
});

admin.callbackQuery('bc:cancel', async (ctx) => {
  ctx.session.broadcastDraft = undefined;
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('broadcast-cancelled'));
});

admin.callbackQuery('bc:send', async (ctx) => {
  const text = ctx.session.broadcastDraft;
  ctx.session.broadcastDraft = undefined;
  await ctx.answerCallbackQuery();
  if (!text) {
    await ctx.editMessageText(ctx.t('broadcast-cancelled'));
    return;
  }
  const { sendBroadcast } = await ctx.as(SendBroadcast, { input: { text } });
  const message = await ctx.reply(ctx.t('broadcast-progress', progressVariables(ctx, emptyProgress(sendBroadcast.recipientCount))));
  followProgress(ctx, sendBroadcast.id, message.message_id);
});

const emptyProgress = (total: number): Progress => ({ total, sent: 0, failed: 0, blocked: 0, pending: total, cancelled: 0, perSecond: 0, etaSeconds: null });

function progressVariables(ctx: BotContext, progress: Progress) {
  const eta = progress.etaSeconds === null ? ctx.t('broadcast-eta-unknown') : ctx.t('broadcast-eta', { seconds: progress.etaSeconds });
  const { total, sent, failed, blocked, pending, cancelled } = progress;
  return { total, sent, failed, blocked, pending, cancelled, rate: progress.perSecond.toFixed(1), eta };
}

/**
 * Edits the progress message as the broadcast goes: at most every two seconds, and once more
 * with the final counts when the stream ends. It runs past the update that started it.
 */
function followProgress(ctx: BotContext, broadcastId: string, messageId: number): void {
  const chatId = ctx.chat!.id;
  let latest: Progress | undefined;
  let shown = '';
  let lastEdit = 0;
  let timer: NodeJS.Timeout | undefined;
  const edit = async (text: string) => {
    if (text === shown) return;
    shown = text;
    lastEdit = Date.now();
    await ctx.api.editMessageText(chatId, messageId, text).catch((error: unknown) => ctx.deps.log.warn({ err: error }, 'could not edit the progress message'));
  };
  const editSoon = () => {
    if (timer || !latest) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (latest) void edit(ctx.t('broadcast-progress', progressVariables(ctx, latest)));
    }, Math.max(0, lastEdit + progressEditIntervalMs - Date.now()));
  };
  const subscription = ctx.deps.live.subscribe(BroadcastProgress, { id: broadcastId }, { token: ctx.account.accessToken }, {
    next: (data) => {
      latest = data.broadcastProgress;
      editSoon();
    },
    error: (error) => ctx.deps.log.warn({ err: error, broadcastId }, 'broadcast progress stream failed'),
    complete: () => {
      clearTimeout(timer);
      subscription.stop();
      if (latest) void edit(ctx.t('broadcast-finished', progressVariables(ctx, latest)));
    },
  });
}
