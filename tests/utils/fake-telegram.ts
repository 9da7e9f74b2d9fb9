import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Telegram's Bot API, for tests: no token, no network. It answers the
 * methods the bot uses, long-polls getUpdates, records everything sent, and enforces Telegram's
 * limits the way Telegram does, with 429 and retry_after: about 30 messages a second overall
 * and one a second per chat, and 4096 characters a message. It can also answer 429 of its own
 * (a flood burst) and 403 for chats that blocked the bot.
 */
export interface FakeTelegram {
  /** The Bot API root to point the bot at (TELEGRAM_API_ROOT). */
  apiRoot: string;
  token: string;
  /** Every message the bot sent, in order. */
  sent: SentMessage[];
  /** Every message text the bot edited, in order. */
  edits: { chatId: string; messageId: number; text: string }[];
  /** Messages whose buttons the bot changed, with the buttons they were left with. */
  markupEdits: { chatId: string; messageId: number; replyMarkup?: SentMessage['replyMarkup'] }[];
  /** Every Bot API call the bot made but getUpdates, in order, whatever the answer. */
  calls: { method: string; body: Record<string, unknown> }[];
  /** How many requests it refused with 429. */
  floodRefusals(): number;
  /** Chats whose person blocked the bot: sending to them answers 403. */
  blocked: Set<string>;
  /** Answer 429 (retry_after `seconds`) to every `every`th sendMessage, as Telegram does to bursts. */
  floodEvery(every: number, seconds: number): void;
  /** Answer 429 (retry_after `seconds`) to the next sendMessage to `chatId`, once. */
  floodOnce(chatId: string, seconds: number): void;
  userSays(user: FakeUser, text: string, options?: { replyTo?: number }): number;
  /** The person presses a button of `message`; the callback query's id. */
  userClicks(user: FakeUser, message: SentMessage, data: string): string;
  /** The person blocks the bot ('kicked') or unblocks it ('member'): Telegram's my_chat_member update. */
  userSetsMembership(user: FakeUser, status: 'kicked' | 'member'): void;
  /** Resolves with the first sent message (from `fromIndex` on) that `matches`; rejects after `ms`. */
  nextMessage(matches: (message: SentMessage) => boolean, ms?: number, fromIndex?: number): Promise<SentMessage>;
  /** Resolves once `check()` holds, re-checking after every call the bot makes; rejects after `ms`. */
  until(check: () => boolean, what: string, ms?: number): Promise<void>;
  close(): Promise<void>;
}

export interface FakeUser {
  id: number;
  username?: string;
  firstName: string;
  languageCode?: string;
}

export interface SentMessage {
  chatId: string;
  messageId: number;
  text: string;
  replyMarkup?: { inline_keyboard?: { text: string; callback_data?: string }[][]; force_reply?: boolean };
  at: number;
}

const botUser = { id: 999_000_001, is_bot: true, first_name: 'Chorus', username: 'chorus_test_bot' };

export async function startFakeTelegram(token = '123456:TEST-token-for-the-fake-bot-api'): Promise<FakeTelegram> {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const updates: Record<string, unknown>[] = [];
  const sent: SentMessage[] = [];
  const edits: FakeTelegram['edits'] = [];
  const markupEdits: FakeTelegram['markupEdits'] = [];
  const calls: FakeTelegram['calls'] = [];
  const blocked = new Set<string>();
  let nextUpdateId = 1;
  let nextMessageId = 1000;
  let refusals = 0;
  let sends = 0;
  let flood: { every: number; seconds: number } | undefined;
  const floodNext = new Map<string, number>();
  const recentSends: number[] = [];
  const lastSendToChat = new Map<string, number>();
  const perChatSpacingMs = 950;

  const ok = (result: unknown) => ({ ok: true, result });
  const refuse = (code: number, description: string, parameters?: Record<string, unknown>) => ({
    ok: false,
    error_code: code,
    description,
    ...(parameters ? { parameters } : {}),
  });

  /** Telegram's limit on a text, counted in UTF-16 units (the bot sends no entities to parse). */
  const tooLong = (text: unknown) => String(text).length > 4096 ? refuse(400, 'Bad Request: message is too long') : undefined;

  /**
   * Telegram's limits: 30 messages in any second overall, and about one a second per chat. The
   * second is kept exactly; "about one a second" allows the few milliseconds by which two sends
   * spaced a second apart can arrive closer than that.
   */
  function limited(chatId: string): ReturnType<typeof refuse> | undefined {
    const now = Date.now();
    while (recentSends.length > 0 && recentSends[0]! <= now - 1000) recentSends.shift();
    const last = lastSendToChat.get(chatId);
    if (recentSends.length >= 30 || (last !== undefined && now - last < perChatSpacingMs)) {
      refusals += 1;
      return refuse(429, 'Too Many Requests: retry after 1', { retry_after: 1 });
    }
    const seconds = floodNext.get(chatId) ?? (flood && ++sends % flood.every === 0 ? flood.seconds : undefined);
    if (seconds !== undefined) {
      floodNext.delete(chatId);
      refusals += 1;
      return refuse(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });
    }
    recentSends.push(now);
    lastSendToChat.set(chatId, now);
    return undefined;
  }

  async function getUpdates(body: Record<string, unknown>): Promise<unknown> {
    const offset = Number(body.offset ?? 0);
    const timeoutMs = Math.min(Number(body.timeout ?? 0), 2) * 1000;
    const pending = () => updates.filter((update) => (update.update_id as number) >= offset);
    if (pending().length === 0 && timeoutMs > 0) {
      await Promise.race([once(events, 'update'), new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
    }
    // Confirmed updates are forgotten, as Telegram does.
    while (updates.length > 0 && (updates[0]!.update_id as number) < offset) updates.shift();
    return ok(pending());
  }

  const methods: Record<string, (body: Record<string, unknown>) => unknown> = {
    getMe: () => ok(botUser),
    getUpdates,
    setMyCommands: () => ok(true),
    deleteWebhook: () => ok(true),
    setWebhook: () => ok(true),
    answerCallbackQuery: () => ok(true),
    setMessageReaction: () => ok(true),
    sendMessage(body) {
      const chatId = String(body.chat_id);
      if (blocked.has(chatId)) return refuse(403, 'Forbidden: bot was blocked by the user');
      const refusal = tooLong(body.text) ?? limited(chatId);
      if (refusal) return refusal;
      const message: SentMessage = { chatId, messageId: nextMessageId++, text: String(body.text), replyMarkup: body.reply_markup as SentMessage['replyMarkup'], at: Date.now() };
      sent.push(message);
      return ok({ message_id: message.messageId, date: Math.floor(message.at / 1000), chat: { id: Number(chatId), type: 'private' }, from: botUser, text: message.text });
    },
    editMessageText(body) {
      const refusal = tooLong(body.text);
      if (refusal) return refusal;
      const edit = { chatId: String(body.chat_id), messageId: Number(body.message_id), text: String(body.text) };
      edits.push(edit);
      return ok({ message_id: edit.messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(edit.chatId), type: 'private' }, text: edit.text });
    },
    editMessageReplyMarkup(body) {
      const edit = { chatId: String(body.chat_id), messageId: Number(body.message_id), replyMarkup: body.reply_markup as SentMessage['replyMarkup'] };
      markupEdits.push(edit);
      return ok({ message_id: edit.messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(edit.chatId), type: 'private' } });
    },
  };

  const server: Server = createServer(async (request, response) => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(request.url ?? '/', 'http://localhost').pathname);
    const answer = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (!match || match[1] !== token) return answer(404, refuse(404, 'Not Found'));
    const method = methods[match[2]!];
    const body = await readJson(request);
    const result = (await (method ? method(body) : ok(true))) as { ok: boolean; error_code?: number };
    if (match[2] !== 'getUpdates') {
      calls.push({ method: match[2]!, body });
      events.emit('call');
    }
    answer(result.ok ? 200 : result.error_code ?? 400, result);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const addUpdate = (update: Record<string, unknown>) => {
    updates.push({ update_id: nextUpdateId++, ...update });
    events.emit('update');
  };
  async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
    if (check()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        events.off('call', listener);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      const listener = () => {
        if (!check()) return;
        clearTimeout(timer);
        events.off('call', listener);
        resolve();
      };
      events.on('call', listener);
    });
  }

  const asFrom = (user: FakeUser) => ({ id: user.id, is_bot: false, first_name: user.firstName, username: user.username, language_code: user.languageCode });
  const chat = (user: FakeUser) => ({ id: user.id, type: 'private', first_name: user.firstName, username: user.username });

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    sent,
    edits,
    markupEdits,
    calls,
    blocked,
    floodRefusals: () => refusals,
    floodEvery(every, seconds) {
      flood = { every, seconds };
    },
    floodOnce(chatId, seconds) {
      floodNext.set(chatId, seconds);
    },
    userSays(user, text, options = {}) {
      const messageId = nextMessageId++;
      const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
      const replied = options.replyTo === undefined ? undefined : sent.find((message) => message.messageId === options.replyTo);
      const reply_to_message = replied
        ? { message_id: replied.messageId, date: Math.floor(replied.at / 1000), chat: chat(user), from: botUser, text: replied.text }
        : undefined;
      addUpdate({ message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: chat(user), from: asFrom(user), text, entities, reply_to_message } });
      return messageId;
    },
    userClicks(user, message, data) {
      const id = String(nextUpdateId);
      addUpdate({
        callback_query: {
          id,
          from: asFrom(user),
          chat_instance: String(user.id),
          data,
          message: { message_id: message.messageId, date: Math.floor(message.at / 1000), chat: chat(user), from: botUser, text: message.text },
        },
      });
      return id;
    },
    userSetsMembership(user, status) {
      if (status === 'kicked') blocked.add(String(user.id));
      else blocked.delete(String(user.id));
      const old = status === 'kicked' ? 'member' : 'kicked';
      addUpdate({
        my_chat_member: {
          chat: chat(user),
          from: asFrom(user),
          date: Math.floor(Date.now() / 1000),
          old_chat_member: { user: botUser, status: old },
          new_chat_member: { user: botUser, status },
        },
      });
    },
    async nextMessage(matches, ms = 15_000, fromIndex = 0) {
      const found = () => sent.slice(fromIndex).find(matches);
      await until(() => found() !== undefined, 'a matching message from the bot', ms);
      return found()!;
    },
    until,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
}
