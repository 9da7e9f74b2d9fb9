// The Telegram client's answers to what people get wrong or press late: malformed commands,
// buttons of old messages, a failed link code, a cancelled broadcast, and an API that is down.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotApp, type BotApp } from '../clients/telegram/src/app.ts';
import { loadBotConfig } from '../clients/telegram/src/config.ts';
import { botEnvironment } from './utils/bot-env.ts';
import { startFakeTelegram, type FakeTelegram, type FakeUser, type SentMessage } from './utils/fake-telegram.ts';
import { createLiveTestApp, type LiveTestApp } from './utils/live-app.ts';
import { ok, serviceKey } from './utils/test-app.ts';
import { signUp } from './utils/users.ts';

let api: LiveTestApp;
let telegram: FakeTelegram;
let bot: BotApp;

beforeAll(async () => {
  api = await createLiveTestApp({ ADMIN_HANDLES: 'cmd_admin' });
  telegram = await startFakeTelegram();
  bot = await startBotApp(loadBotConfig(botEnvironment(api, telegram)), pino({ level: 'silent' }));
});

afterAll(async () => {
  await bot?.stop();
  await telegram?.close();
  await api?.close();
});

let nextId = 900;
const person = (name: string): FakeUser => ({ id: (nextId += 1), username: `cmd_${name}`, firstName: name });
const inChat = (user: FakeUser) => (message: { chatId: string }) => message.chatId === String(user.id);

/** What the bot answers `user` next after they say `text` (the first answer that `matches`, when given). */
async function answerTo(user: FakeUser, text: string, matches: (message: SentMessage) => boolean = () => true): Promise<SentMessage> {
  const from = telegram.sent.length;
  telegram.userSays(user, text);
  return telegram.nextMessage((message) => inChat(user)(message) && matches(message), 15_000, from);
}

/** Someone on Telegram who has started the bot; their user id on the API. */
async function started(user: FakeUser): Promise<{ rawId: string; handle: string }> {
  await answerTo(user, '/start');
  const row = await api.t.db.prisma.user.findUniqueOrThrow({ where: { telegramId: String(user.id) } });
  return { rawId: row.id, handle: row.handle };
}

/** How many times the bot answered the button press `queryId`. */
const answersTo = (queryId: string) =>
  telegram.calls.filter((call) => call.method === 'answerCallbackQuery' && call.body.callback_query_id === queryId).length;

const gql = (query: string, variables: Record<string, unknown>, token: string) => api.t.gql(query, variables, { token });

describe('malformed commands', () => {
  it('should explain /interval unless it is given whole minutes, and save whole minutes', async () => {
    const kim = person('kim');
    const { rawId } = await started(kim);
    for (const wrong of ['/interval', '/interval abc', '/interval 1e3', '/interval 90.5', '/interval -90']) {
      expect((await answerTo(kim, wrong)).text, wrong).toBe('Send /interval 120 (minutes, 30–1440).');
    }
    const interval = async () => (await api.t.db.prisma.user.findUniqueOrThrow({ where: { id: rawId } })).checkInIntervalMinutes;
    expect(await interval()).toBe(120);
    expect((await answerTo(kim, '/interval 90')).text).toBe('Saved.');
    expect(await interval()).toBe(90);
    // Out of the API's range: its refusal, in words, and nothing saved.
    expect((await answerTo(kim, '/interval 5')).text).toMatch(/^That did not work: .*intervalMinutes/);
    expect(await interval()).toBe(90);
  });

  it('should explain /window, /timezone and /add when what follows them is missing or wrong', async () => {
    const lea = person('lea');
    const { rawId } = await started(lea);
    expect((await answerTo(lea, '/window 9')).text).toBe('Send /window 09:00 22:00 (local time).');
    expect((await answerTo(lea, '/timezone')).text).toBe('Send /timezone Europe/Madrid (an IANA time zone).');
    expect((await answerTo(lea, '/timezone Nowhere/Special')).text).toMatch(/^That did not work: /);
    expect((await api.t.db.prisma.user.findUniqueOrThrow({ where: { id: rawId } })).timezone).not.toBe('Nowhere/Special');
    expect((await answerTo(lea, '/add @')).text).toBe('Send /add @handle to ask someone to be your friend.');
    expect((await answerTo(lea, '/add')).text).toBe('Send /add @handle to ask someone to be your friend.');
  });

  it('should say why a /start link code did not work, and still greet the person', async () => {
    const max = person('max');
    const from = telegram.sent.length;
    telegram.userSays(max, '/start BADCODE');
    const failure = await telegram.nextMessage(inChat(max), 15_000, from);
    expect(failure.text).toMatch(/^That link code did not work: /);
    const welcome = await telegram.nextMessage(inChat(max), 15_000, from + 1);
    expect(welcome.text).toContain('max');
    // Greeted as a Telegram-only account of their own, linked to nobody else.
    expect(await api.t.db.prisma.user.count({ where: { telegramId: String(max.id) } })).toBe(1);
  });
});

describe('buttons', () => {
  it('should answer every pressed button exactly once: handled, unknown, or failing', async () => {
    const ned = person('ned');
    await started(ned);
    const menu = await answerTo(ned, '/menu');

    const handled = telegram.userClicks(ned, menu, 'menu:diary');
    const unknown = telegram.userClicks(ned, menu, 'no:such:button');
    // Accepting a request nobody made: the API refuses, and the person is told so.
    const from = telegram.sent.length;
    const failing = telegram.userClicks(ned, menu, 'fr:accept:nobody_asked');
    await telegram.until(() => [handled, unknown, failing].every((id) => answersTo(id) > 0), 'every button to be answered');
    expect((await telegram.nextMessage((message) => inChat(ned)(message) && message.text.startsWith('That'), 15_000, from)).text).not.toBe('');
    // Another update goes through the same chat after them: by then, each was answered once.
    await answerTo(ned, '/menu');
    expect([handled, unknown, failing].map(answersTo)).toEqual([1, 1, 1]);
  });

  it('should open a chat only from the latest list, and list the chats again for a button of an older one', async () => {
    const oli = person('oli');
    const { handle } = await started(oli);
    const [first, second] = [await signUp(api.t, 'cmd_first'), await signUp(api.t, 'cmd_second')];
    const telegramToken = ok(
      await api.t.gql(
        `mutation($i: TelegramSignInInput!) { telegramSignIn(input: $i) { accessToken } }`,
        { i: { telegramId: String(oli.id), chatId: String(oli.id), firstName: oli.firstName, username: oli.username } },
        { serviceKey },
      ),
    ).telegramSignIn.accessToken;
    for (const web of [first, second]) {
      ok(await gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: web.handle }, telegramToken));
      ok(await gql(`mutation($h: String!) { acceptFriendRequest(input: { handle: $h }) { handle } }`, { h: handle }, web.token));
      const { id } = ok(await gql(`mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: handle }, web.token))
        .openDirectConversation;
      ok(await gql(`mutation($id: ID!) { sendMessage(input: { conversationId: $id, text: "hello" }) { id } }`, { id }, web.token));
    }

    // The pushes of the requests' acceptance and of the messages may still be arriving.
    const isList = (message: SentMessage) => message.text === 'Your chats:';
    const older = await answerTo(oli, '/chats', isList);
    const latest = await answerTo(oli, '/chats', isList);
    const from = telegram.sent.length;
    telegram.userClicks(oli, older, older.replyMarkup!.inline_keyboard![0]![0]!.callback_data!);
    const relisted = await telegram.nextMessage((message) => inChat(oli)(message) && (isList(message) || message.text.startsWith('💬')), 15_000, from);
    expect(relisted.text).toBe('Your chats:');

    const opened = await (async () => {
      const at = telegram.sent.length;
      const button = relisted.replyMarkup!.inline_keyboard![1]![0]!;
      telegram.userClicks(oli, relisted, button.callback_data!);
      const message = await telegram.nextMessage((sent) => inChat(oli)(sent) && sent.text.startsWith('💬'), 15_000, at);
      return { message, title: button.text };
    })();
    // The button opened the chat it names (titles carry an unread count after the name).
    expect(opened.message.text.startsWith(`💬 ${opened.title.replace(/ \(\d+\)$/, '')}.`)).toBe(true);
    expect(latest.messageId).not.toBe(relisted.messageId);
  });
});

describe('an admin cancelling a broadcast', () => {
  it('should say "Not sent." and create no broadcast', async () => {
    const admin = await signUp(api.t, 'cmd_admin');
    const code = ok(await gql(`mutation { createTelegramLinkCode }`, {}, admin.token)).createTelegramLinkCode;
    const pia = person('pia');
    await answerTo(pia, `/start ${code}`, (message) => message.text.startsWith('Hi'));
    const preview = await answerTo(pia, '/broadcast Never sent');
    expect(preview.text).toMatch(/^This goes to \d+ people/);
    const cancel = preview.replyMarkup!.inline_keyboard![0]![1]!;
    expect(cancel.text).toBe('Cancel');
    telegram.userClicks(pia, preview, cancel.callback_data!);
    await telegram.until(() => telegram.edits.some((edit) => edit.messageId === preview.messageId), 'the preview to be answered');
    expect(telegram.edits.find((edit) => edit.messageId === preview.messageId)!.text).toBe('Not sent.');
    // The Send button of the cancelled preview sends nothing either.
    telegram.userClicks(pia, preview, preview.replyMarkup!.inline_keyboard![0]![0]!.callback_data!);
    await answerTo(pia, '/menu');
    expect(await api.t.db.prisma.broadcast.count()).toBe(0);
  });
});

describe('an API that is down', () => {
  it('should tell the person something went wrong, and log the failure', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const lonely = await startFakeTelegram();
    // Nothing listens on port 9 of loopback here: every request to the API is refused.
    const config = loadBotConfig(botEnvironment(api, lonely, { API_URL: 'http://127.0.0.1:9/graphql' }));
    const down = await startBotApp(config, pino({ level: 'error' }, sink));
    try {
      const quinn = person('quinn');
      const from = lonely.sent.length;
      lonely.userSays(quinn, '/start');
      expect((await lonely.nextMessage(inChat(quinn), 15_000, from)).text).toBe('Something went wrong; please try again.');
      const failures = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'the bot failed to handle an update');
      expect(failures).toHaveLength(1);
      expect(failures[0].err.message).not.toBe('');
    } finally {
      await down.stop();
      await lonely.close();
    }
  });
});
