import { autoRetry } from '@grammyjs/auto-retry';
import type { I18n } from '@grammyjs/i18n';
import { sequentialize } from '@grammyjs/runner';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Bot, session, type Api, type BotError, type NextFunction } from 'grammy';
import { ApiError } from './api/client.ts';
import { createChatStateStorage } from './chat-state-storage.ts';
import type { BotContext, BotDeps, ChatState } from './context.ts';
import { admin } from './features/admin.ts';
import { chats } from './features/chats.ts';
import { diary } from './features/diary.ts';
import { friends } from './features/friends.ts';
import { identify } from './features/identify.ts';
import { menu } from './features/menu.ts';
import { settings } from './features/settings.ts';
import { text } from './features/text.ts';
import { sendWindow } from './send-window.ts';

export interface CreateBotOptions {
  token: string;
  deps: BotDeps;
  i18n: I18n<BotContext>;
  /** Telegram's Bot API root (a local fake in tests). */
  apiRoot?: string;
  /** Auto-retry waits out a 429 this short in place; a longer one fails the send (default 5 s). */
  maxRetryDelaySeconds?: number;
  /** Messages a second this process may send overall (default 30, Telegram's limit per bot). */
  sendRate?: number;
}

/** The bot: every feature is a Composer, installed here in this order behind one error boundary. */
export function createBot({ token, deps, i18n, apiRoot, maxRetryDelaySeconds = 5, sendRate = 30 }: CreateBotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, apiRoot ? { client: { apiRoot } } : {});
  installLimits(bot.api, { maxRetryDelaySeconds, sendRate });
  const storage = createChatStateStorage<ChatState>({ maxChats: 10_000, ttlMs: 24 * 3600_000 });
  // Nothing escapes the boundary (handleError does not throw): a webhook answered before its
  // update finished must not leave a rejection behind.
  bot
    .errorBoundary((error) => handleError(error, deps))
    .use(
      onceEachUpdate(),
      (ctx, next) => {
        ctx.deps = deps;
        return next();
      },
      answerEveryButton,
      // One update of a chat at a time, so its state is never written by two at once.
      sequentialize((ctx) => ctx.chat?.id.toString()),
      session({ initial: (): ChatState => ({}), storage }),
      i18n,
      identify,
      leaveChatOnOtherActions,
      menu,
      friends,
      chats,
      diary,
      settings,
      admin,
      text,
    );
  return bot;
}

/**
 * Telegram's limits: the throttler queues calls to a chat (1/s per chat, 20/min per group: its
 * defaults), then `sendRate` calls to chats in any second overall are let through (sendWindow,
 * in place of the throttler's overall limit, which lets `sendRate` go at the start of each of
 * our seconds and so meets the end of the one before in Telegram's), and auto-retry, outside
 * both, waits out a short 429 and sends again through them. Network and server errors are not
 * retried here (auto-retry would back off for up to an hour): the outbox retries them with its
 * own backoff, and an update's answer simply fails.
 */
export function installLimits(api: Api, { maxRetryDelaySeconds, sendRate }: { maxRetryDelaySeconds: number; sendRate: number }): void {
  // Installed first, so it is the innermost: a call counts from when it really goes out.
  api.config.use(sendWindow(sendRate));
  api.config.use(apiThrottler({ global: {} }));
  api.config.use(autoRetry({ maxDelaySeconds: maxRetryDelaySeconds, maxRetryAttempts: 3, rethrowHttpErrors: true, rethrowInternalServerErrors: true }));
}

/**
 * An open chat is left by any command or button, so a diary entry never goes to a friend (a
 * chat's own button opens it again once this has run).
 */
async function leaveChatOnOtherActions(ctx: BotContext, next: NextFunction): Promise<void> {
  if (ctx.message?.text?.startsWith('/') || ctx.callbackQuery) ctx.session.openConversationId = undefined;
  await next();
}

/**
 * Every pressed button stops spinning, once the update is done: whatever no feature answered
 * (an old menu, a failure half-way) is answered here. Features answer only to show a text, or
 * to stop the spinning before slow work.
 */
async function answerEveryButton(ctx: BotContext, next: NextFunction): Promise<void> {
  if (!ctx.callbackQuery) return next();
  let answered = false;
  const answer = ctx.answerCallbackQuery.bind(ctx);
  ctx.answerCallbackQuery = (...args) => {
    answered = true;
    return answer(...args);
  };
  try {
    await next();
  } finally {
    // A failure to answer is not the update's failure: the error boundary has that one, if any.
    if (!answered) await answer().catch(() => undefined);
  }
}

/** Telegram may deliver an update twice (a webhook answer that came late): handle it once. */
function onceEachUpdate(remember = 10_000) {
  const seen = new Set<number>();
  return async (ctx: BotContext, next: NextFunction) => {
    if (seen.has(ctx.update.update_id)) return;
    seen.add(ctx.update.update_id);
    if (seen.size > remember) seen.delete(seen.values().next().value!);
    await next();
  };
}

type Text = { key: string; variables?: Record<string, string | number> };

/**
 * An expected refusal is told to the person in their language. Anything else (the API down, a
 * code the bot has no words for, a bug) is logged, and the person hears that it went wrong.
 */
async function handleError(error: BotError<BotContext>, deps: BotDeps): Promise<void> {
  const { ctx } = error;
  const cause = error.error;
  const refusal = cause instanceof ApiError ? refusalText(cause) : undefined;
  if (!refusal) deps.log.error({ err: cause, update: ctx.update.update_id }, 'the bot failed to handle an update');
  const { key, variables } = refusal ?? { key: 'error-generic' };
  // Before i18n ran (a failure of the chat state, say) there is no language to answer in.
  if (ctx.t) await ctx.reply(ctx.t(key, variables)).catch(() => undefined);
}

/** What to tell the person of a refusal they can do something about; undefined for any other error. */
function refusalText(error: ApiError): Text | undefined {
  switch (error.code) {
    case 'BAD_USER_INPUT':
    case 'CONFLICT':
      return { key: 'error-input', variables: { message: error.message } };
    case 'RATE_LIMITED':
      return { key: 'error-rate', variables: { seconds: error.retryAfter ?? 1 } };
    case 'FORBIDDEN':
      return { key: 'error-forbidden' };
    case 'NOT_FOUND':
      return { key: 'error-not-found' };
    default:
      return undefined;
  }
}
