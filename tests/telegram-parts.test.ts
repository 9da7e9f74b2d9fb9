// Parts of the Telegram client on their own: its configuration, what a failed send is reported
// as, how each kind of delivery is rendered, and texts that exist in every language.
import { readFile } from 'node:fs/promises';
import { GrammyError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { BotConfigError, loadBotConfig } from '../clients/telegram/src/config.ts';
import { createI18n } from '../clients/telegram/src/i18n.ts';
import { render, type ClaimedDelivery } from '../clients/telegram/src/outbox/render.ts';
import { failureReport } from '../clients/telegram/src/outbox/worker.ts';
import { clip } from '../clients/telegram/src/telegram-text.ts';
import { createChatStateStorage } from '../clients/telegram/src/chat-state-storage.ts';
import { sendWindow } from '../clients/telegram/src/send-window.ts';

const token = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const serviceKey = 'a-service-key-of-enough-length';

describe('the bot configuration', () => {
  it('should default to polling a local API', () => {
    expect(loadBotConfig({ BOT_TOKEN: token, BOT_SERVICE_KEY: serviceKey })).toMatchObject({
      apiUrl: 'http://127.0.0.1:4000/graphql',
      mode: 'polling',
      telegramApiRoot: undefined,
      leaseSeconds: 60,
      pollSeconds: 5,
    });
  });

  it('should name every bad variable at once', () => {
    const attempt = () => loadBotConfig({ BOT_TOKEN: 'nope', BOT_SERVICE_KEY: 'short', API_URL: 'ftp://x', BOT_MODE: 'webhook' });
    expect(attempt).toThrow(BotConfigError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    for (const name of ['BOT_TOKEN', 'BOT_SERVICE_KEY', 'API_URL', 'WEBHOOK_URL', 'WEBHOOK_SECRET']) expect(message).toContain(name);
  });
});

describe('a failed send', () => {
  const telegramError = (code: number, description: string, parameters = {}) =>
    new GrammyError(description, { ok: false, error_code: code, description, parameters }, 'sendMessage', {});

  it('should be BLOCKED when the person blocked the bot', () => {
    expect(failureReport('d', telegramError(403, 'Forbidden: bot was blocked by the user'))).toMatchObject({ id: 'd', outcome: 'BLOCKED' });
  });

  it('should be BLOCKED when the chat is gone for good', () => {
    expect(failureReport('d', telegramError(400, 'Bad Request: chat not found'))).toEqual({ id: 'd', outcome: 'BLOCKED', error: 'Bad Request: chat not found' });
    expect(failureReport('d', telegramError(403, 'Forbidden: user is deactivated'))).toMatchObject({ outcome: 'BLOCKED' });
  });

  it("should be RETRY after Telegram's retry_after when flood control outlasts auto-retry", () => {
    expect(failureReport('d', telegramError(429, 'Too Many Requests: retry after 42', { retry_after: 42 }))).toMatchObject({
      outcome: 'RETRY',
      retryAfterSeconds: 42,
    });
  });

  it('should be FAILED otherwise, with the reason', () => {
    expect(failureReport('d', telegramError(400, 'Bad Request: message is too long'))).toEqual({ id: 'd', outcome: 'FAILED', error: 'Bad Request: message is too long' });
    expect(failureReport('d', new Error('socket hang up'))).toEqual({ id: 'd', outcome: 'FAILED', error: 'socket hang up' });
  });
});

describe('rendering a delivery', () => {
  const i18n = createI18n();
  const t = (locale: string, key: string, variables?: Record<string, string | number>) => i18n.t(locale, key, variables);
  const delivery = (fields: Partial<ClaimedDelivery>): ClaimedDelivery =>
    ({ id: 'd', kind: 'BROADCAST', chatId: '1', locale: 'EN', text: 'hello', subject: null, ...fields }) as ClaimedDelivery;

  it('should put Accept and Decline buttons on a friend request, in the person’s language', () => {
    const rendered = render(delivery({ kind: 'FRIEND_REQUEST', locale: 'RU', subject: { __typename: 'User', handle: 'ann', displayName: 'Ann' } }), t);
    expect(rendered.text).toBe('Ann (@ann) хочет добавить вас в друзья.');
    expect(rendered.replyMarkup).toEqual({ inline_keyboard: [[{ text: '✅ Принять', callback_data: 'fr:accept:ann' }, { text: '✖️ Отклонить', callback_data: 'fr:decline:ann' }]] });
  });

  it('should name the author, and the group, of a message', () => {
    const message = (kind: string, title: string | null) =>
      delivery({ kind: 'MESSAGE', text: 'hi', subject: { __typename: 'Message', author: { displayName: 'Ann' }, conversation: { kind, title } } as ClaimedDelivery['subject'] });
    expect(render(message('DIRECT', null), t).text).toBe('Ann: hi');
    expect(render(message('GROUP', 'Climbing'), t).text).toBe('Ann · Climbing: hi');
  });

  it("should keep a long message within Telegram's 4096 characters, cutting the message, not the name", () => {
    const long = 'x'.repeat(4000);
    const subject = { __typename: 'Message', author: { displayName: 'A'.repeat(100) }, conversation: { kind: 'GROUP', title: 'T'.repeat(100) } };
    const text = render(delivery({ kind: 'MESSAGE', text: long, subject } as Partial<ClaimedDelivery>), t).text;
    expect(text).toHaveLength(4096);
    expect(text.startsWith(`${'A'.repeat(100)} · ${'T'.repeat(100)}: xxx`)).toBe(true);
    expect(text.endsWith('x…')).toBe(true);
  });

  it('should send a broadcast exactly as the admin wrote it', () => {
    const text = 'Ünïcode 📣 and all\nlines'.padEnd(4096, '.');
    expect(render(delivery({ kind: 'BROADCAST', text }), t).text).toBe(text);
  });

  it('should ask for a reply to a check-in', () => {
    const rendered = render(delivery({ kind: 'CHECK_IN', locale: 'ES', text: '¿Qué estás haciendo?' }), t);
    expect(rendered.text).toBe('⏰ ¿Qué estás haciendo?\n(Responde a este mensaje para contestar.)');
    expect(rendered.replyMarkup).toEqual({ force_reply: true });
  });
});

describe('clipping a text', () => {
  it('should leave a text that fits as it is', () => {
    expect(clip('hello', 5)).toBe('hello');
  });

  it('should cut a longer one to the limit, ending in an ellipsis', () => {
    expect(clip('hello world', 6)).toBe('hello…');
  });

  it('should not cut an emoji in half', () => {
    expect(clip('abcd😀efgh', 6)).toBe('abcd…');
    expect(clip('😀😀😀', 4)).toBe('😀…');
  });
});

describe('chat state in memory', () => {
  let clock = 0;
  const storage = () => createChatStateStorage<{ n: number }>({ maxChats: 2, ttlMs: 1000, now: () => clock });

  it('should forget the least recently active chat beyond its bound', () => {
    const chats = storage();
    chats.write('a', { n: 1 });
    chats.write('b', { n: 2 });
    expect(chats.read('a')).toEqual({ n: 1 });
    chats.write('c', { n: 3 });
    expect([chats.read('a'), chats.read('b'), chats.read('c')]).toEqual([{ n: 1 }, undefined, { n: 3 }]);
    expect(chats.size()).toBe(2);
  });

  it('should forget a chat its time after it was last saved', () => {
    const chats = storage();
    clock = 0;
    chats.write('a', { n: 1 });
    clock = 999;
    expect(chats.read('a')).toEqual({ n: 1 });
    clock = 1000;
    expect(chats.read('a')).toBeUndefined();
    expect(chats.size()).toBe(0);
  });
});

describe('the texts', () => {
  it('should define the same messages in English, Russian and Spanish', async () => {
    const keys = async (locale: string) => {
      const source = await readFile(new URL(`../clients/telegram/locales/${locale}.ftl`, import.meta.url), 'utf8');
      return [...source.matchAll(/^([a-z][\w-]*)\s*=/gm)].map((match) => match[1]).sort();
    };
    const english = await keys('en');
    expect(english.length).toBeGreaterThan(50);
    expect(await keys('ru')).toEqual(english);
    expect(await keys('es')).toEqual(english);
  });
});

describe('the overall send limit', () => {
  it('should let through at most the limit in any second, counting each call from its sending to its answer, and calls without a chat freely', async () => {
    const window = sendWindow(5);
    /** When each call to a chat was sent and answered. */
    const spans: { sent: number; answered: number }[] = [];
    let chatless = 0;
    const prev = (async (_method: string, payload: Record<string, unknown>) => {
      if (!('chat_id' in payload)) {
        chatless += 1;
        return { ok: true, result: true };
      }
      const sent = Date.now();
      // Answers that take a while, as over a network: the limit must hold in Telegram's seconds, not ours.
      await new Promise((resolve) => setTimeout(resolve, 30));
      spans.push({ sent, answered: Date.now() });
      return { ok: true, result: true };
    }) as unknown as Parameters<typeof window>[0];
    const call = (payload: Record<string, unknown>) => window(prev, 'sendMessage' as never, payload as never);
    await Promise.all([...Array.from({ length: 12 }, (_, index) => call({ chat_id: index, text: 'hi' })), call({})]);
    expect(chatless).toBe(1);
    expect(spans).toHaveLength(12);
    // However Telegram placed each call within its span, no second of its clock holds more than 5: a call that
    // went within a second of another's answer is counted together with it.
    for (const span of spans) {
      expect(spans.filter((other) => other.answered > span.sent - 1000 && other.sent <= span.sent).length).toBeLessThanOrEqual(5);
    }
  });
});
