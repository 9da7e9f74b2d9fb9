// The Telegram client end to end: the bot (clients/telegram) runs against a real API server and
// a local fake of Telegram's Bot API, and people "talk" to it through the fake.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotApp, type BotApp } from '../clients/telegram/src/app.ts';
import { loadBotConfig } from '../clients/telegram/src/config.ts';
import { botEnvironment } from './utils/bot-env.ts';
import { startFakeTelegram, type FakeTelegram, type FakeUser } from './utils/fake-telegram.ts';
import { createLiveTestApp, type LiveTestApp } from './utils/live-app.ts';
import { ok, serviceKey } from './utils/test-app.ts';
import { signUp } from './utils/users.ts';
import { pollUntil } from './utils/waiting.ts';

const decodeId = (globalId: string) => decodeGlobalID(globalId).id;

/** Polls `check` until it holds (for state that sends no event: rows in the database). */
const waitFor = (check: () => Promise<boolean>, what: string, ms = 15_000) => pollUntil(ms, what, check);

let api: LiveTestApp;
let telegram: FakeTelegram;
let bot: BotApp;
/**
 * The API's clock runs ahead of real time by this much (check-ins come due when it moves). It
 * starts at the next 10:00 UTC, so the check-ins these tests make come due inside the default
 * window (09:00–22:00 in the people's zone, UTC), whatever the hour the suite runs at.
 */
let clockOffset = (((10 * 3600_000 - (Date.now() % 86_400_000)) % 86_400_000) + 86_400_000) % 86_400_000;

beforeAll(async () => {
  api = await createLiveTestApp({ ADMIN_HANDLES: 'tg_admin' }, { now: () => new Date(Date.now() + clockOffset) });
  telegram = await startFakeTelegram();
  const config = loadBotConfig(botEnvironment(api, telegram));
  bot = await startBotApp(config, pino({ level: 'silent' }));
});

afterAll(async () => {
  await bot?.stop();
  await telegram?.close();
  await api?.close();
});

let nextId = 500;
const person = (name: string, extra: Partial<FakeUser> = {}): FakeUser => ({ id: (nextId += 1), username: `tg_${name}`, firstName: name, ...extra });
const inChat = (user: FakeUser) => (message: { chatId: string }) => message.chatId === String(user.id);

describe('first contact', () => {
  it('should register someone who says /start and greet them in their language, with the main menu', async () => {
    const alice = person('alice', { languageCode: 'es' });
    telegram.userSays(alice, '/start');
    const welcome = await telegram.nextMessage(inChat(alice));
    expect(welcome.text).toContain('¡Hola, alice!');
    expect(welcome.replyMarkup?.inline_keyboard?.flat().map((button) => button.text)).toEqual(['👥 Amigos', '💬 Chats', '📔 Diario', '⚙️ Ajustes']);
    const row = await api.t.db.prisma.user.findUniqueOrThrow({ where: { telegramId: String(alice.id) } });
    expect(row).toMatchObject({ handle: 'tg_alice', locale: 'ES', telegramChatId: String(alice.id) });
  });
});

/** Someone on Telegram who has started the bot; resolves once the bot greeted them. */
async function started(user: FakeUser) {
  const from = telegram.sent.length;
  telegram.userSays(user, '/start');
  await telegram.nextMessage(inChat(user), 15_000, from);
  const row = await api.t.db.prisma.user.findUniqueOrThrow({ where: { telegramId: String(user.id) } });
  return { handle: row.handle, rawId: row.id };
}

let webCounter = 0;
const webUser = async () => signUp(api.t, `web_${(webCounter += 1)}`);

const gql = (query: string, variables: Record<string, unknown>, token: string) => api.t.gql(query, variables, { token });

describe('friends', () => {
  it('should push a friend request made through the API to the chat, and accept it with its button', async () => {
    const bob = person('bob');
    const { handle } = await started(bob);
    const web = await webUser();
    ok(await gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: handle }, web.token));
    const pushed = await telegram.nextMessage((message) => inChat(bob)(message) && message.text.includes('wants to be your friend'));
    expect(pushed.text).toBe(`${web.handle.toUpperCase()} (@${web.handle}) wants to be your friend.`);
    const accept = pushed.replyMarkup!.inline_keyboard![0]![0]!;
    expect(accept.text).toBe('✅ Accept');
    telegram.userClicks(bob, pushed, accept.callback_data!);
    await telegram.until(() => telegram.edits.some((edit) => edit.messageId === pushed.messageId), 'the request message to be answered');
    expect(telegram.edits.find((edit) => edit.messageId === pushed.messageId)!.text).toBe(`You and ${web.handle.toUpperCase()} (@${web.handle}) are friends now.`);
    const state = ok(await gql(`query($h: String!) { user(handle: $h) { friendship } }`, { h: handle }, web.token));
    expect(state.user.friendship).toBe('FRIENDS');
  });

  it('should send a request with /add, and decline one with its button, leaving them strangers', async () => {
    const ivy = person('ivy');
    const { handle } = await started(ivy);
    const [wanted, asker] = [await webUser(), await webUser()];
    let from = telegram.sent.length;
    telegram.userSays(ivy, `/add @${wanted.handle}`);
    const answer = await telegram.nextMessage(inChat(ivy), 15_000, from);
    expect(answer.text).toBe(`Friend request sent to ${wanted.handle.toUpperCase()} (@${wanted.handle}).`);
    expect(ok(await gql(`query($h: String!) { user(handle: $h) { friendship } }`, { h: handle }, wanted.token)).user.friendship).toBe('REQUESTED_BY_THEM');

    ok(await gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: handle }, asker.token));
    const pushed = await telegram.nextMessage((message) => inChat(ivy)(message) && message.text.includes('wants to be your friend'));
    const decline = pushed.replyMarkup!.inline_keyboard![0]![1]!;
    expect(decline.text).toBe('✖️ Decline');
    telegram.userClicks(ivy, pushed, decline.callback_data!);
    await telegram.until(() => telegram.edits.some((edit) => edit.messageId === pushed.messageId), 'the request message to be answered');
    expect(telegram.edits.find((edit) => edit.messageId === pushed.messageId)!.text).toBe(`You declined ${asker.handle.toUpperCase()} (@${asker.handle}).`);
    expect(ok(await gql(`query($h: String!) { user(handle: $h) { friendship } }`, { h: handle }, asker.token)).user.friendship).toBe('NONE');

    from = telegram.sent.length;
    telegram.userSays(ivy, '/add @nobody_by_this_name');
    expect((await telegram.nextMessage(inChat(ivy), 15_000, from)).text).toBe('That is no longer there.');
  });
});

describe('chats', () => {
  it('should push a message from another person, and send a reply to it into that conversation', async () => {
    const carol = person('carol');
    const { handle } = await started(carol);
    const web = await webUser();
    ok(await gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: handle }, web.token));
    const request = await telegram.nextMessage((message) => inChat(carol)(message) && message.text.includes('wants to be your friend'));
    telegram.userClicks(carol, request, request.replyMarkup!.inline_keyboard![0]![0]!.callback_data!);
    await telegram.until(() => telegram.edits.some((edit) => edit.messageId === request.messageId), 'the acceptance');
    const conversation = ok(await gql(`mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: handle }, web.token))
      .openDirectConversation.id;
    ok(await gql(`mutation($id: ID!) { sendMessage(input: { conversationId: $id, text: "are you there?" }) { id } }`, { id: conversation }, web.token));

    const pushed = await telegram.nextMessage((message) => inChat(carol)(message) && message.text.endsWith('are you there?'));
    expect(pushed.text).toBe(`${web.handle.toUpperCase()}: are you there?`);
    telegram.userSays(carol, 'yes, on Telegram', { replyTo: pushed.messageId });
    const messages = async () =>
      ok(await gql(`query($id: ID!) { conversation(id: $id) { messages(last: 5) { edges { node { text author { handle } } } } } }`, { id: conversation }, web.token))
        .conversation.messages.edges.map((edge: any) => `${edge.node.author.handle}: ${edge.node.text}`);
    await waitFor(async () => (await messages()).length === 2, 'the reply to land');
    expect(await messages()).toEqual([`${web.handle}: are you there?`, `${handle}: yes, on Telegram`]);
  });

  it('should send what someone types into a chat opened from the list there, until a command leaves it', async () => {
    const jill = person('jill');
    const { handle, rawId } = await started(jill);
    const web = await webUser();
    ok(await gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: web.handle }, await telegramToken(jill)));
    ok(await gql(`mutation($h: String!) { acceptFriendRequest(input: { handle: $h }) { handle } }`, { h: handle }, web.token));
    const conversation = ok(await gql(`mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: handle }, web.token)).openDirectConversation.id;
    ok(await gql(`mutation($id: ID!) { sendMessage(input: { conversationId: $id, text: "hi jill" }) { id } }`, { id: conversation }, web.token));
    await telegram.nextMessage((message) => inChat(jill)(message) && message.text.endsWith('hi jill'));

    let from = telegram.sent.length;
    telegram.userSays(jill, '/chats');
    const list = await telegram.nextMessage((message) => inChat(jill)(message) && message.text === 'Your chats:', 15_000, from);
    from = telegram.sent.length;
    telegram.userClicks(jill, list, list.replyMarkup!.inline_keyboard![0]![0]!.callback_data!);
    const opened = await telegram.nextMessage(inChat(jill), 15_000, from);
    const name = web.handle.toUpperCase();
    expect(opened.text).toBe(`💬 ${name}. What you write now goes here; /menu to leave.\n${name}: hi jill`);

    telegram.userSays(jill, 'typed into the open chat');
    const messages = async () =>
      ok(await gql(`query($id: ID!) { conversation(id: $id) { messages(last: 5) { edges { node { text author { handle } } } } } }`, { id: conversation }, web.token))
        .conversation.messages.edges.map((edge: any) => `${edge.node.author.handle}: ${edge.node.text}`);
    await waitFor(async () => (await messages()).length === 2, 'the typed message to land');
    expect(await messages()).toEqual([`${web.handle}: hi jill`, `${handle}: typed into the open chat`]);

    from = telegram.sent.length;
    telegram.userSays(jill, '/history');
    await telegram.nextMessage(inChat(jill), 15_000, from);
    from = telegram.sent.length;
    telegram.userSays(jill, 'a note for myself');
    expect((await telegram.nextMessage(inChat(jill), 15_000, from)).text).toBe('📝 Saved to your diary.');
    expect(await messages()).toHaveLength(2);
    expect(await api.t.db.prisma.activity.count({ where: { authorId: rawId, text: 'a note for myself' } })).toBe(1);
  });
});

describe('deliveries Telegram refuses', () => {
  it('should mark someone who blocked the bot unreachable, and reach them again once they unblock it', async () => {
    const kim = person('kim');
    const { handle, rawId } = await started(kim);
    telegram.userSetsMembership(kim, 'kicked');
    const first = await webUser();
    ok(await gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: handle }, first.token));
    await waitFor(async () => (await api.t.db.prisma.user.findUniqueOrThrow({ where: { id: rawId } })).telegramBlockedAt !== null, 'kim to be marked unreachable');
    const refused = await api.t.db.prisma.delivery.findFirstOrThrow({ where: { userId: rawId, kind: 'FRIEND_REQUEST', channel: 'TELEGRAM' } });
    expect(refused).toMatchObject({ status: 'BLOCKED', error: 'Forbidden: bot was blocked by the user' });

    telegram.userSetsMembership(kim, 'member');
    await waitFor(async () => (await api.t.db.prisma.user.findUniqueOrThrow({ where: { id: rawId } })).telegramBlockedAt === null, 'kim to be reachable again');
    const second = await webUser();
    ok(await gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: handle }, second.token));
    const pushed = await telegram.nextMessage((message) => inChat(kim)(message) && message.text.includes('wants to be your friend'));
    expect(pushed.text).toContain(`@${second.handle}`);
    expect(telegram.sent.filter((message) => inChat(kim)(message) && message.text.includes(`@${first.handle}`))).toHaveLength(0);
  });

  it("should send again after Telegram's retry_after when flood control asks for longer than auto-retry waits", async () => {
    const lou = person('lou');
    const { handle, rawId } = await started(lou);
    const web = await webUser();
    // Six seconds: more than the five auto-retry waits out by itself, so the outbox takes over.
    telegram.floodOnce(String(lou.id), 6);
    const before = Date.now();
    ok(await gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: handle }, web.token));
    const pushed = await telegram.nextMessage((message) => inChat(lou)(message) && message.text.includes('wants to be your friend'), 30_000);
    expect(pushed.at - before).toBeGreaterThanOrEqual(6000);
    const delivery = () => api.t.db.prisma.delivery.findFirstOrThrow({ where: { userId: rawId, kind: 'FRIEND_REQUEST', channel: 'TELEGRAM' } });
    // The worker reports a send just after Telegram accepted it.
    await waitFor(async () => (await delivery()).status !== 'PENDING', 'the send to be reported');
    expect(await delivery()).toMatchObject({ status: 'SENT', claims: 2, attempts: 1, externalId: String(pushed.messageId) });
    expect(telegram.sent.filter((message) => inChat(lou)(message) && message.text.includes('wants to be your friend'))).toHaveLength(1);
  });
});

describe('menus', () => {
  it('should show friends of friends as add buttons with their mutual friends, and add one with a click', async () => {
    const gina = person('gina');
    const { handle } = await started(gina);
    const [hub, far] = [await webUser(), await webUser()];
    // gina — hub — far: far is a friend of gina's friend.
    ok(await gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: hub.handle }, (await telegramToken(gina))));
    ok(await gql(`mutation($h: String!) { acceptFriendRequest(input: { handle: $h }) { handle } }`, { h: handle }, hub.token));
    ok(await gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: far.handle }, hub.token));
    ok(await gql(`mutation($h: String!) { acceptFriendRequest(input: { handle: $h }) { handle } }`, { h: hub.handle }, far.token));
    const from = telegram.sent.length;
    telegram.userSays(gina, '/discover');
    const shown = await telegram.nextMessage((message) => inChat(gina)(message) && message.text.startsWith('People you may know'), 15_000, from);
    expect(shown.text).toBe(`People you may know:\n${far.handle.toUpperCase()}: via @${hub.handle}`);
    const [button] = shown.replyMarkup!.inline_keyboard!.flat();
    expect(button!.text).toBe(`➕ ${far.handle.toUpperCase()} (1 mutual)`);
    telegram.userClicks(gina, shown, button!.callback_data!);
    await waitFor(
      async () => ok(await gql(`query($h: String!) { user(handle: $h) { friendship } }`, { h: handle }, far.token)).user.friendship === 'REQUESTED_BY_THEM',
      'the request to reach far',
    );
  });

  it('should list chats with unread counts, and switch to Russian from Settings', async () => {
    const hana = person('hana');
    const { handle } = await started(hana);
    const web = await webUser();
    ok(await gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: web.handle }, await telegramToken(hana)));
    ok(await gql(`mutation($h: String!) { acceptFriendRequest(input: { handle: $h }) { handle } }`, { h: handle }, web.token));
    const conversation = ok(await gql(`mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: handle }, web.token)).openDirectConversation.id;
    for (const text of ['one', 'two']) ok(await gql(`mutation($id: ID!, $t: String!) { sendMessage(input: { conversationId: $id, text: $t }) { id } }`, { id: conversation, t: text }, web.token));

    let from = telegram.sent.length;
    telegram.userSays(hana, '/chats');
    const list = await telegram.nextMessage((message) => inChat(hana)(message) && message.text === 'Your chats:', 15_000, from);
    expect(list.replyMarkup!.inline_keyboard!.flat().map((button) => button.text)).toEqual([`${web.handle.toUpperCase()} (2)`]);

    from = telegram.sent.length;
    telegram.userSays(hana, '/settings');
    const shown = await telegram.nextMessage((message) => inChat(hana)(message) && message.text.startsWith('⚙️'), 15_000, from);
    const russian = shown.replyMarkup!.inline_keyboard!.flat().find((button) => button.text === 'Русский')!;
    from = telegram.sent.length;
    telegram.userClicks(hana, shown, russian.callback_data!);
    const again = await telegram.nextMessage((message) => inChat(hana)(message) && message.text.startsWith('⚙️'), 15_000, from);
    expect(again.text.split('\n')[0]).toBe('⚙️ Настройки');
    expect((await api.t.db.prisma.user.findUniqueOrThrow({ where: { telegramId: String(hana.id) } })).locale).toBe('RU');
  });
});

/** A fresh access token for a Telegram user, as the bot would get it. */
async function telegramToken(user: FakeUser): Promise<string> {
  const input = { telegramId: String(user.id), chatId: String(user.id), firstName: user.firstName, username: user.username };
  return ok(await api.t.gql(`mutation($i: TelegramSignInInput!) { telegramSignIn(input: $i) { accessToken } }`, { i: input }, { serviceKey })).telegramSignIn.accessToken;
}

describe('the diary', () => {
  it('should push a due check-in, and record a reply to it as an activity that answers it', async () => {
    const dave = person('dave');
    const { rawId } = await started(dave);
    // Dave's default question is first due two hours after he signed up.
    clockOffset += 2 * 3600_000 + 60_000;
    await api.t.app.jobs.checkIns.tick();
    const prompt = await telegram.nextMessage((message) => inChat(dave)(message) && message.text.startsWith('⏰'));
    expect(prompt.text).toBe('⏰ What are you doing?\n(Reply to this message to answer.)');
    expect(prompt.replyMarkup?.force_reply).toBe(true);
    telegram.userSays(dave, 'Writing the bot', { replyTo: prompt.messageId });
    await telegram.nextMessage((message) => inChat(dave)(message) && message.text.startsWith('📝'));
    const activity = await api.t.db.prisma.activity.findFirstOrThrow({ where: { authorId: rawId }, include: { prompt: true } });
    expect(activity.text).toBe('Writing the bot');
    expect(activity.prompt?.text).toBe('What are you doing?');
  });

  it('should take a plain message, not a reply, as the answer to the latest open check-in', async () => {
    const mia = person('mia');
    const { rawId } = await started(mia);
    clockOffset += 2 * 3600_000 + 60_000;
    await api.t.app.jobs.checkIns.tick();
    await telegram.nextMessage((message) => inChat(mia)(message) && message.text.startsWith('⏰'));
    const from = telegram.sent.length;
    telegram.userSays(mia, 'Reading on the train');
    expect((await telegram.nextMessage(inChat(mia), 15_000, from)).text).toBe('📝 Saved to your diary.');
    const activity = await api.t.db.prisma.activity.findFirstOrThrow({ where: { authorId: rawId }, include: { prompt: true } });
    expect(activity).toMatchObject({ text: 'Reading on the train', prompt: { text: 'What are you doing?', userId: rawId } });
  });
});

describe('linking a web account', () => {
  it('should link the Telegram account to the web account that made the code, with /start CODE', async () => {
    const web = await webUser();
    const code = ok(await gql(`mutation { createTelegramLinkCode }`, {}, web.token)).createTelegramLinkCode;
    const erin = person('erin');
    const from = telegram.sent.length;
    telegram.userSays(erin, `/start ${code}`);
    const linked = await telegram.nextMessage(inChat(erin), 15_000, from);
    expect(linked.text).toBe(`Your Telegram is now linked to @${web.handle}.`);
    expect(ok(await gql(`{ me { telegramLinked } }`, {}, web.token)).me.telegramLinked).toBe(true);
    expect(await api.t.db.prisma.user.count({ where: { telegramId: String(erin.id) } })).toBe(1);
  });
});

describe('broadcasts', () => {
  it('should reach 100 linked people exactly once, within 30 messages a second, through 429 bursts', async () => {
    const people = Array.from({ length: 100 }, (_, index) => String(800_000 + index));
    for (const id of people) {
      ok(await api.t.gql(`mutation($i: TelegramSignInInput!) { telegramSignIn(input: $i) { accessToken } }`, { i: { telegramId: id, chatId: id, firstName: `P${id}` } }, { serviceKey }));
    }
    const admin = await signUp(api.t, 'tg_admin');
    telegram.floodEvery(25, 1);
    const refusedBefore = telegram.floodRefusals();
    const sent = ok(await gql(`mutation { sendBroadcast(input: { text: "Hello, all of you", audience: { telegramLinkedOnly: true } }) { id } }`, {}, admin.token))
      .sendBroadcast;
    const received = () => telegram.sent.filter((message) => message.text === 'Hello, all of you');
    const reached = () => new Set(received().map((message) => message.chatId));
    await telegram.until(() => people.every((id) => reached().has(id)), 'the broadcast to reach all 100', 60_000);
    await waitFor(async () => (await api.t.db.prisma.broadcast.findUniqueOrThrow({ where: { id: decodeId(sent.id) } })).state === 'DONE', 'the broadcast to be done');
    telegram.floodEvery(Number.MAX_SAFE_INTEGER, 1);

    const ours = received().filter((message) => people.includes(message.chatId));
    const times = ours.map((message) => message.at).sort((a, b) => a - b);
    const busiestSecond = Math.max(...times.map((start) => times.filter((at) => at >= start && at < start + 1000).length));
    const rate = ((times.length - 1) * 1000) / (times.at(-1)! - times[0]!);
    console.info(`[broadcast] 100 chats reached, ${ours.length} messages, ${(rate).toFixed(1)}/s overall, busiest second ${busiestSecond}, 429s answered: ${telegram.floodRefusals() - refusedBefore}`);
    expect(ours).toHaveLength(100);
    expect(reached().size).toBe(received().length);
    expect(busiestSecond).toBeLessThanOrEqual(30);
    expect(telegram.floodRefusals() - refusedBefore).toBeGreaterThan(0);
  });
});

describe('several bot processes', () => {
  it('should share the sending of a broadcast without sending anything twice', async () => {
    const extra = await startBotApp(loadBotConfig(botEnvironment(api, telegram, { BOT_MODE: 'worker', BOT_SEND_RATE: '15' })), pino({ level: 'silent' }));
    try {
      const token = ok(await api.t.gql(`mutation { signIn(input: { handle: "tg_admin", password: "password-123" }) { accessToken } }`)).signIn.accessToken;
      const sent = ok(await gql(`mutation { sendBroadcast(input: { text: "Two workers", audience: { telegramLinkedOnly: true } }) { id } }`, {}, token)).sendBroadcast;
      await waitFor(
        async () => (await api.t.db.prisma.broadcast.findUniqueOrThrow({ where: { id: decodeId(sent.id) } })).state === 'DONE',
        'the broadcast to be done',
        60_000,
      );
      const received = telegram.sent.filter((message) => message.text === 'Two workers');
      const telegramDeliveries = await api.t.db.prisma.delivery.count({ where: { broadcastId: decodeId(sent.id), channel: 'TELEGRAM' } });
      expect(received).toHaveLength(telegramDeliveries);
      expect(new Set(received.map((message) => message.chatId)).size).toBe(received.length);
    } finally {
      await extra.stop();
    }
  });
});

describe('an admin on Telegram', () => {
  it('should compose, preview, send and follow a broadcast, the progress message edited live', async () => {
    // The admin signed up on the web (ADMIN_HANDLES) and linked Telegram with a code.
    const admin = await api.t.db.prisma.user.findUniqueOrThrow({ where: { handle: 'tg_admin' } });
    const token = ok(await api.t.gql(`mutation { signIn(input: { handle: "tg_admin", password: "password-123" }) { accessToken } }`)).signIn.accessToken;
    const code = ok(await gql(`mutation { createTelegramLinkCode }`, {}, token)).createTelegramLinkCode;
    const boss = person('boss');
    let from = telegram.sent.length;
    telegram.userSays(boss, `/start ${code}`);
    await telegram.nextMessage((message) => inChat(boss)(message) && message.text.startsWith('Hi'), 15_000, from);

    // A first draft, replaced by a second before it was sent: its Send button sends nothing.
    from = telegram.sent.length;
    telegram.userSays(boss, '/broadcast A first draft');
    const replaced = await telegram.nextMessage(inChat(boss), 15_000, from);
    from = telegram.sent.length;
    telegram.userSays(boss, '/broadcast Maintenance tonight at 22:00');
    const preview = await telegram.nextMessage(inChat(boss), 15_000, from);
    const broadcasts = await api.t.db.prisma.broadcast.count();
    from = telegram.sent.length;
    telegram.userClicks(boss, replaced, replaced.replyMarkup!.inline_keyboard![0]![0]!.callback_data!);
    telegram.userSays(boss, '/menu');
    await telegram.nextMessage(inChat(boss), 15_000, from);
    expect(telegram.sent.slice(from).filter(inChat(boss))).toHaveLength(1);
    expect(await api.t.db.prisma.broadcast.count()).toBe(broadcasts);

    const linked = await api.t.db.prisma.user.count({ where: { telegramChatId: { not: null }, telegramBlockedAt: null } });
    const everyone = await api.t.db.prisma.user.count();
    expect(preview.text).toBe(`This goes to ${everyone} people (${linked} on Telegram):\n\nMaintenance tonight at 22:00`);
    const [send, cancel] = preview.replyMarkup!.inline_keyboard![0]!;
    expect([send!.text, cancel!.text]).toEqual(['📣 Send', 'Cancel']);

    from = telegram.sent.length;
    telegram.userClicks(boss, preview, send!.callback_data!);
    const progress = await telegram.nextMessage((message) => inChat(boss)(message) && message.text.includes(' sent, '), 15_000, from);
    await telegram.until(
      () => telegram.edits.some((edit) => edit.messageId === progress.messageId && edit.text.startsWith('📣 Done')),
      'the final progress',
      60_000,
    );
    const last = telegram.edits.filter((edit) => edit.messageId === progress.messageId).at(-1)!;
    expect(last.text).toBe(`📣 Done: ${everyone + linked} of ${everyone + linked} sent, 0 failed, 0 blocked, 0 cancelled.`);
    expect(admin.role).toBe('ADMIN');

    expect(await api.t.db.prisma.broadcast.count()).toBe(broadcasts + 1);
    expect(await api.t.db.prisma.broadcast.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })).toMatchObject({ text: 'Maintenance tonight at 22:00' });

    // The preview lost its buttons when it was sent; pressing Send on it again sends nothing.
    expect(telegram.markupEdits.filter((edit) => edit.messageId === preview.messageId).map((edit) => edit.replyMarkup?.inline_keyboard ?? [])).toEqual([[]]);
    from = telegram.sent.length;
    telegram.userClicks(boss, preview, send!.callback_data!);
    telegram.userSays(boss, '/menu');
    await telegram.nextMessage(inChat(boss), 15_000, from);
    expect(await api.t.db.prisma.broadcast.count()).toBe(broadcasts + 1);
    expect(telegram.sent.slice(from).filter(inChat(boss))).toHaveLength(1);
  });
});

describe('webhook mode', () => {
  it('should handle an update that carries the secret, and refuse one that does not', async () => {
    const webhook = { BOT_MODE: 'webhook', WEBHOOK_URL: 'https://bot.example.org/telegram/hook', WEBHOOK_SECRET: 'the-right-secret', BOT_PORT: '0' };
    const hooked = await startBotApp(loadBotConfig(botEnvironment(api, telegram, webhook)), pino({ level: 'silent' }));
    try {
      const url = `http://127.0.0.1:${hooked.webhookAddress!.port}/telegram/hook`;
      const frank = person('frank');
      const update = {
        update_id: 990_001,
        message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: frank.id, type: 'private' }, from: { id: frank.id, is_bot: false, first_name: 'frank' }, text: '/start', entities: [{ type: 'bot_command', offset: 0, length: 6 }] },
      };
      const post = (secret: string) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(update) });
      expect((await post('a-wrong-secret')).status).toBe(401);
      expect(await api.t.db.prisma.user.count({ where: { telegramId: String(frank.id) } })).toBe(0);
      const from = telegram.sent.length;
      expect((await post('the-right-secret')).status).toBe(200);
      await telegram.nextMessage(inChat(frank), 15_000, from);
      // Telegram sending the same update again (its answer came late) is handled once.
      expect((await post('the-right-secret')).status).toBe(200);
      expect(telegram.sent.slice(from).filter(inChat(frank))).toHaveLength(1);
      expect(await api.t.db.prisma.user.count({ where: { telegramId: String(frank.id) } })).toBe(1);
    } finally {
      await hooked.stop();
    }
  });
});
