import { Composer, InlineKeyboard } from 'grammy';
import { ApiError } from '../api/client.ts';
import { BroadcastProgress, PreviewBroadcast, SendBroadcast, Stats } from '../api/operations.ts';
import type { BotContext } from '../context.ts';
import { clip, maxMessageLength } from '../telegram-text.ts';
import type { BroadcastProgressSubscription } from '../generated/graphql.ts';

/** How often, at most, the progress message is edited (Telegram limits edits too). */
export const progressEditIntervalMs = 2000;

/** The API writes a broadcast's whole ledger in one transaction, allowed up to 10 minutes. */
const sendBroadcastTimeoutMs = 11 * 60_000;

type Progress = BroadcastProgressSubscription['broadcastProgress'];

/** Admin features; the API refuses them (FORBIDDEN) to anyone else whatever the bot shows. */
export const admin = new Composer<BotContext>();

admin.callbackQuery('menu:admin', async (ctx) => {
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
  const keyboard = new InlineKeyboard().text(ctx.t('broadcast-send'), 'bc:send').text(ctx.t('broadcast-cancel'), 'bc:cancel');
  const heading = ctx.t('broadcast-preview', { count: previewBroadcast.recipientCount, telegram: previewBroadcast.telegramCount });
  // The heading and a 4096-character text do not fit in one message: the preview shows what fits.
  const preview = await ctx.reply(clip(`${heading}\n\n${previewBroadcast.text}`, maxMessageLength), { reply_markup: keyboard });
  ctx.session.broadcastDraft = { text: previewBroadcast.text, previewMessageId: preview.message_id };
});

/** The draft this preview asked about, taken (a second press of either button finds none). */
function takeDraft(ctx: BotContext): string | undefined {
  const draft = ctx.session.broadcastDraft;
  if (!draft || draft.previewMessageId !== ctx.callbackQuery?.message?.message_id) return undefined;
  ctx.session.broadcastDraft = undefined;
  return draft.text;
}

admin.callbackQuery('bc:cancel', async (ctx) => {
  if (takeDraft(ctx) === undefined) return;
  await ctx.editMessageText(ctx.t('broadcast-cancelled'));
});

admin.callbackQuery('bc:send', async (ctx) => {
  // Answered now: sending may take minutes, and the button would spin all that time.
  await ctx.answerCallbackQuery();
  const text = takeDraft(ctx);
  // An old preview, or one already answered: nothing to send.
  if (text === undefined) return;
  await ctx.editMessageReplyMarkup();
  let sent;
  try {
    sent = (await ctx.as(SendBroadcast, { input: { text } }, { timeoutMs: sendBroadcastTimeoutMs })).sendBroadcast;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // No answer is not a no: the API may have sent it, and sending again would reach everyone twice.
    ctx.deps.log.warn({ err: error }, 'no answer to sendBroadcast');
    await ctx.reply(ctx.t('broadcast-unknown'));
    return;
  }
  const message = await ctx.reply(ctx.t('broadcast-progress', progressVariables(ctx, emptyProgress(sent.recipientCount))));
  followProgress(ctx, sent.id, message.message_id);
});

const emptyProgress = (total: number): Progress => ({ total, sent: 0, failed: 0, blocked: 0, pending: total, cancelled: 0, perSecond: 0, etaSeconds: null });

function progressVariables(ctx: BotContext, progress: Progress) {
  const eta = progress.etaSeconds === null ? ctx.t('broadcast-eta-unknown') : ctx.t('broadcast-eta', { seconds: progress.etaSeconds });
  const { total, sent, failed, blocked, pending, cancelled } = progress;
  return { total, sent, failed, blocked, pending, cancelled, rate: progress.perSecond.toFixed(1), eta };
}

/**
 * Edits the progress message as the broadcast goes: at most every two seconds, and once more
 * with the final counts when the broadcast is over. It runs past the update that started it,
 * and may outlive the token that update had: each connection asks for a fresh one.
 */
function followProgress(ctx: BotContext, broadcastId: string, messageId: number): void {
  const chatId = ctx.chat!.id;
  const { identities, live, log } = ctx.deps;
  const person = ctx.person;
  let latest: Progress | undefined;
  let shown = '';
  let lastEdit = 0;
  let timer: NodeJS.Timeout | undefined;
  const edit = async (text: string) => {
    if (text === shown) return;
    shown = text;
    lastEdit = Date.now();
    await ctx.api.editMessageText(chatId, messageId, text).catch((error: unknown) => log.warn({ err: error }, 'could not edit the progress message'));
  };
  const editSoon = () => {
    if (timer || !latest) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (latest) void edit(ctx.t('broadcast-progress', progressVariables(ctx, latest)));
    }, Math.max(0, lastEdit + progressEditIntervalMs - Date.now()));
  };
  const subscription = live.subscribe(BroadcastProgress, { id: broadcastId }, { token: () => identities.tokenFor(person) }, {
    next: (data) => {
      latest = data.broadcastProgress;
      editSoon();
    },
    error: (error) => {
      clearTimeout(timer);
      subscription.stop();
      log.warn({ err: error, broadcastId }, 'broadcast progress stream failed');
    },
    complete: () => {
      clearTimeout(timer);
      subscription.stop();
      // The stream also ends when the admin's sign-in does: only an empty queue is "done".
      if (latest?.pending === 0) void edit(ctx.t('broadcast-finished', progressVariables(ctx, latest)));
      else log.warn({ broadcastId }, 'broadcast progress stream ended before the broadcast did');
    },
  });
}
