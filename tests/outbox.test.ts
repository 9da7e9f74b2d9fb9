// The Telegram outbox: what gets queued (each kind, linked people only), how it is handed out
// (leases, one chat in order, two claimers never overlapping), how reports land (idempotent,
// RETRY's delay, FAILED's backoff, BLOCKED), replies routed back, workers woken, and who may
// do any of it (the bot service only).
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelBroadcast, sendBroadcast } from '../src/domain/broadcasts.ts';
import { claimDeliveries, maxAttempts, reportDeliveries } from '../src/domain/outbox.ts';
import { shareTestDatabase } from './utils/database.ts';
import { createLiveTestApp, type LiveTestApp } from './utils/live-app.ts';
import { errorCode, ok, serviceKey, type GraphQLResult, type TestApp } from './utils/test-app.ts';
import { befriend, directConversation, signUp, type TestUser } from './utils/users.ts';

let clock = new Date('2026-06-01T12:00:00Z');
let app: LiveTestApp;
let t: TestApp;

beforeAll(async () => {
  app = await createLiveTestApp({ ADMIN_HANDLES: 'outbox_admin' }, { now: () => clock });
  t = app.t;
});
afterAll(() => app.close());

const later = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

const claimQuery = `mutation($input: ClaimInput!) {
  claimDeliveries(input: $input) { id kind chatId locale text attempts leaseExpiresAt subject { __typename id } }
}`;
type Claimed = { id: string; kind: string; chatId: string; locale: string; text: string; attempts: number; leaseExpiresAt: string; subject: any };

const claim = async (limit = 100, leaseSeconds = 60): Promise<Claimed[]> =>
  ok(await t.gql(claimQuery, { input: { channel: 'TELEGRAM', limit, leaseSeconds } }, { serviceKey })).claimDeliveries;

/** Reports with the service key (or, given `{ key: null }`, without any). */
const report = (reports: Record<string, unknown>[], { key = serviceKey as string | null } = {}) =>
  t.gql(`mutation($r: [DeliveryReportInput!]!) { reportDeliveries(input: { reports: $r }) }`, { r: reports }, { serviceKey: key ?? undefined });

/** Claims everything due and reports it SENT, so each test starts with an empty outbox. */
async function drain(): Promise<void> {
  for (let claimed = await claim(500); claimed.length > 0; claimed = await claim(500)) {
    ok(await report(claimed.map((delivery, index) => ({ id: delivery.id, outcome: 'SENT', externalId: String(900_000 + index) }))));
  }
}

let telegramCounter = 1_000;
/** Someone who talks to the bot: an account linked to a Telegram chat of their own. */
async function telegramUser(extra: Record<string, unknown> = {}): Promise<TestUser & { chatId: string }> {
  const chatId = String((telegramCounter += 1));
  const input = { telegramId: chatId, chatId, firstName: `Tg${chatId}`, ...extra };
  const data = ok(await t.gql(`mutation($i: TelegramSignInInput!) { telegramSignIn(input: $i) { accessToken refreshToken user { id handle } } }`, { i: input }, { serviceKey }));
  const { accessToken, refreshToken, user } = data.telegramSignIn;
  return { id: user.id, rawId: decodeGlobalID(user.id).id, handle: user.handle, token: accessToken, refreshToken, chatId };
}

let webCounter = 0;
const webUser = () => signUp(t, `web_${(webCounter += 1)}`);

const send = async (from: TestUser, conversationId: string, text: string) =>
  ok(await t.gql(`mutation($id: ID!, $text: String!) { sendMessage(input: { conversationId: $id, text: $text }) { id } }`, { id: conversationId, text }, { token: from.token }))
    .sendMessage.id as string;

/** The delivery a claimed id names (`Delivery:<uuid>.<claim>`), whichever claim it came from. */
const deliveryOf = (claimedId: string) => decodeGlobalID(claimedId).id.split('.')[0]!;
const deliveryRow = (claimedId: string) => t.db.prisma.delivery.findUniqueOrThrow({ where: { id: deliveryOf(claimedId) } });

/** A broadcast whose Telegram audience is exactly these people (everyone else linked is marked unreachable). */
async function sendBroadcastTo(userIds: string[], audience: { telegramLinkedOnly: boolean }) {
  await t.db.prisma.user.updateMany({ where: { telegramChatId: { not: null }, id: { notIn: userIds } }, data: { telegramBlockedAt: clock } });
  const sender = await t.db.prisma.user.findFirstOrThrow();
  return sendBroadcast(t.db.prisma, sender.id, 'race', audience, clock);
}

describe('what is queued', () => {
  it('should queue a Telegram delivery for each kind of news, for people linked to Telegram only', async () => {
    await drain();
    const [web, tg] = [await webUser(), await telegramUser({ languageCode: 'es' })];
    ok(await t.gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: tg.handle }, { token: web.token }));
    ok(await t.gql(`mutation($h: String!) { acceptFriendRequest(input: { handle: $h }) { handle } }`, { h: web.handle }, { token: tg.token }));
    const conversation = ok(await t.gql(`mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: tg.handle }, { token: web.token }))
      .openDirectConversation.id;
    const messageId = await send(web, conversation, 'hola');
    await send(tg, conversation, 'the web user is not on Telegram: no delivery for this one');
    // Its default question is first due two hours after sign-up.
    later(2 * 3600);
    const prompts = (await t.app.jobs.checkIns.tick(clock)).filter((prompt) => prompt.userId === tg.rawId);

    // One chat's deliveries go out one at a time, each in the person's language, in order.
    const kinds: string[] = [];
    for (let next = await claim(); next.length > 0; next = await claim()) {
      expect(next).toHaveLength(1);
      expect(next[0]).toMatchObject({ chatId: tg.chatId, locale: 'ES' });
      kinds.push(next[0]!.kind);
      ok(await report([{ id: next[0]!.id, outcome: 'SENT', externalId: '1' }]));
    }
    expect(kinds).toEqual(['FRIEND_REQUEST', 'MESSAGE', 'CHECK_IN']);
    const rows = await t.db.prisma.delivery.findMany({ where: { userId: tg.rawId }, orderBy: { position: 'asc' } });
    expect(rows.map((row) => [row.kind, row.subjectType, row.subjectId])).toEqual([
      ['FRIEND_REQUEST', 'USER', web.rawId],
      ['MESSAGE', 'MESSAGE', decodeGlobalID(messageId).id],
      ['CHECK_IN', 'PROMPT', prompts[0]!.promptId],
    ]);
    // The web user accepted nothing and is not linked: nothing for them.
    expect(await t.db.prisma.delivery.count({ where: { userId: web.rawId } })).toBe(0);
  });

  it('should leave messages and friend news in the app for someone who turned Telegram notifications off, but not check-ins', async () => {
    await drain();
    const [web, tg] = [await webUser(), await telegramUser()];
    const off = ok(await t.gql(`mutation { updateProfile(input: { telegramNotifications: false }) { handle } }`, {}, { token: tg.token }));
    expect(off.updateProfile.handle).toBe(tg.handle);
    expect(ok(await t.gql(`{ me { telegramNotifications } }`, {}, { token: tg.token })).me.telegramNotifications).toBe(false);
    const conversation = await directConversation(t, web, tg);
    await send(web, conversation, 'stays in the app');
    later(2 * 3600);
    await t.app.jobs.checkIns.tick(clock);
    const kinds = (await t.db.prisma.delivery.findMany({ where: { userId: tg.rawId }, orderBy: { position: 'asc' } })).map((row) => row.kind);
    expect(kinds).toEqual(['CHECK_IN']);
    await drain();
  });

  it('should tell the requester on Telegram when their request is accepted', async () => {
    await drain();
    const [tg, web] = [await telegramUser(), await webUser()];
    await befriend(t, tg, web);
    const [delivery] = await claim();
    expect(delivery).toMatchObject({ kind: 'FRIEND_ACCEPTED', chatId: tg.chatId, subject: { __typename: 'User', id: web.id } });
    ok(await report([{ id: delivery!.id, outcome: 'SENT', externalId: '2' }]));
  });
});

describe('claiming', () => {
  it("should hand one chat's deliveries out one at a time, in the order they were made", async () => {
    await drain();
    const [web, tg] = [await webUser(), await telegramUser()];
    const conversation = await directConversation(t, web, tg);
    await drain();
    for (const text of ['one', 'two', 'three']) await send(web, conversation, text);
    const order: string[] = [];
    for (let next = await claim(); next.length > 0; next = await claim()) {
      expect(next).toHaveLength(1);
      order.push(next[0]!.text);
      // While it is out, nothing else of this chat is.
      expect(await claim()).toEqual([]);
      ok(await report([{ id: next[0]!.id, outcome: 'SENT', externalId: '7' }]));
    }
    expect(order).toEqual(['one', 'two', 'three']);
  });

  it('should hand a delivery out again once its lease has run out, and not before', async () => {
    await drain();
    const [web, tg] = [await webUser(), await telegramUser()];
    const conversation = await directConversation(t, web, tg);
    await drain();
    await send(web, conversation, 'leased');
    const [first] = await claim(10, 30);
    expect(first!.attempts).toBe(1);
    later(29);
    expect(await claim()).toEqual([]);
    later(2);
    const [again] = await claim(10, 30);
    expect(deliveryOf(again!.id)).toBe(deliveryOf(first!.id));
    expect(again!.attempts).toBe(2);
    // The first worker's late report still lands (it was sent); the second's changes nothing more.
    expect(ok(await report([{ id: first!.id, outcome: 'SENT', externalId: '8' }])).reportDeliveries).toBe(1);
    expect(ok(await report([{ id: again!.id, outcome: 'SENT', externalId: '8' }])).reportDeliveries).toBe(0);
  });

  it('should keep a chat waiting while a delivery of it is out with a worker, even one cancelled meanwhile', async () => {
    await drain();
    const [admin, web, tg] = [await signUp(t, 'outbox_admin'), await webUser(), await telegramUser()];
    const conversation = await directConversation(t, web, tg);
    await drain();
    const broadcast = ok(await t.gql(`mutation { sendBroadcast(input: { text: "To everyone" }) { id } }`, {}, { token: admin.token })).sendBroadcast;
    const everyone = await claim(500);
    const out = everyone.filter((claimed) => claimed.chatId === tg.chatId);
    expect(out.map((claimed) => claimed.kind)).toEqual(['BROADCAST']);
    // Everyone else linked got it too: those go out now; tg's stays with the worker.
    const others = everyone.filter((claimed) => claimed.chatId !== tg.chatId);
    if (others.length > 0) ok(await report(others.map((claimed) => ({ id: claimed.id, outcome: 'SENT', externalId: '76' }))));
    await send(web, conversation, 'after the broadcast');
    ok(await t.gql(`mutation($id: ID!) { cancelBroadcast(input: { broadcastId: $id }) { state } }`, { id: broadcast.id }, { token: admin.token }));
    // The broadcast is cancelled but its message may still be going out: the chat waits.
    expect((await claim(500)).filter((claimed) => claimed.chatId === tg.chatId)).toEqual([]);
    ok(await report([{ id: out[0]!.id, outcome: 'SENT', externalId: '77' }]));
    const next = (await claim(500)).filter((claimed) => claimed.chatId === tg.chatId);
    expect(next.map((claimed) => claimed.text)).toEqual(['after the broadcast']);
    ok(await report([{ id: next[0]!.id, outcome: 'SENT', externalId: '78' }]));
  });

  it('should never give two claimers running at once the same delivery, over thousands', async () => {
    await drain();
    const total = 3000;
    // Thousands of people on Telegram, one delivery each (separate chats, so all are due at once).
    await t.db.prisma.$executeRawUnsafe(`
      INSERT INTO "User" (handle, "displayName", "telegramId", "telegramChatId")
      SELECT 'many_' || i, 'Many ' || i, 'many' || i, (5000000 + i)::text FROM generate_series(1, ${total}) i`);
    await t.db.prisma.$executeRawUnsafe(`
      INSERT INTO "Delivery" (kind, channel, "userId", "chatId", text, "availableAt")
      SELECT 'FRIEND_REQUEST', 'TELEGRAM', id, "telegramChatId", 'hello', '2000-01-01' FROM "User" WHERE handle LIKE 'many\\_%' ORDER BY handle`);
    const other = await shareTestDatabase(t);
    try {
      const worker = async (prisma: typeof t.db.prisma) => {
        const mine: string[] = [];
        for (let batch = await claimDeliveries(prisma, 'TELEGRAM', 50, 60, clock); batch.length > 0; batch = await claimDeliveries(prisma, 'TELEGRAM', 50, 60, clock)) {
          mine.push(...batch.map((delivery) => delivery.id));
          await reportDeliveries(prisma, batch.map((delivery) => ({ id: delivery.id, claim: delivery.claim, outcome: 'SENT' as const, externalId: '1' })), clock);
        }
        return mine;
      };
      const [a, b] = await Promise.all([worker(t.db.prisma), worker(other.db.prisma)]);
      const overlap = a.filter((id) => new Set(b).has(id));
      console.info(`[two claimers] ${total} deliveries: ${a.length} + ${b.length} claimed, ${overlap.length} by both`);
      expect(overlap).toEqual([]);
      expect(new Set([...a, ...b]).size).toBe(total);
      expect(a.length + b.length).toBe(total);
    } finally {
      await other.drop();
    }
  });
});

describe('reports', () => {
  /** A linked person with one fresh message waiting, claimed: the delivery as the worker sees it. */
  async function oneClaimed(text = 'news'): Promise<{ delivery: Claimed; tg: TestUser & { chatId: string } }> {
    const [web, tg] = [await webUser(), await telegramUser()];
    const conversation = await directConversation(t, web, tg);
    await drain();
    await send(web, conversation, text);
    const [delivery] = await claim();
    return { delivery: delivery!, tg };
  }

  it('should be idempotent: the same report twice changes the delivery once', async () => {
    await drain();
    const { delivery } = await oneClaimed();
    expect(ok(await report([{ id: delivery.id, outcome: 'SENT', externalId: '42' }])).reportDeliveries).toBe(1);
    expect(ok(await report([{ id: delivery.id, outcome: 'SENT', externalId: '43' }])).reportDeliveries).toBe(0);
    expect(ok(await report([{ id: delivery.id, outcome: 'FAILED', error: 'late' }])).reportDeliveries).toBe(0);
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: 'SENT', externalId: '42', leaseExpiresAt: null });
  });

  it('should not let a report from a claim whose lease ran out undo the claim that holds the delivery now', async () => {
    await drain();
    const { delivery: first } = await oneClaimed();
    later(61);
    const [second] = await claim();
    expect(deliveryOf(second!.id)).toBe(deliveryOf(first.id));
    // The first worker gives up late: its FAILED and RETRY change nothing; the second's SENT lands.
    expect(ok(await report([{ id: first.id, outcome: 'FAILED', error: 'timeout' }])).reportDeliveries).toBe(0);
    expect(ok(await report([{ id: first.id, outcome: 'RETRY', retryAfterSeconds: 5 }])).reportDeliveries).toBe(0);
    expect(ok(await report([{ id: second!.id, outcome: 'SENT', externalId: '88' }])).reportDeliveries).toBe(1);
    expect(await deliveryRow(first.id)).toMatchObject({ status: 'SENT', externalId: '88' });
  });

  it('should refuse SENT without the Telegram message id, which replies are routed by', async () => {
    const result = await report([{ id: encodeGlobalID('Delivery', '00000000-0000-4000-8000-000000000000.1'), outcome: 'SENT' }]);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reports.0.externalId' });
  });

  it('should keep a RETRY back for the delay Telegram asked for, without counting it as an attempt', async () => {
    await drain();
    const { delivery } = await oneClaimed();
    ok(await report([{ id: delivery.id, outcome: 'RETRY', retryAfterSeconds: 120, error: 'Too Many Requests' }]));
    later(119);
    expect(await claim()).toEqual([]);
    later(2);
    const [again] = await claim();
    expect(deliveryOf(again!.id)).toBe(deliveryOf(delivery.id));
    expect(again!.attempts).toBe(1);
    ok(await report([{ id: again!.id, outcome: 'SENT', externalId: '3' }]));
  });

  it('should retry a FAILED delivery after a growing delay, and give up after the last attempt', async () => {
    await drain();
    const { delivery, tg } = await oneClaimed();
    const delays: number[] = [];
    let current: Claimed | undefined = delivery;
    while (current) {
      ok(await report([{ id: current.id, outcome: 'FAILED', error: 'Bad Gateway' }]));
      const row = await deliveryRow(current.id);
      if (row.status === 'FAILED') break;
      delays.push((row.availableAt.getTime() - clock.getTime()) / 1000);
      clock = row.availableAt;
      [current] = (await claim()).filter((claimed) => claimed.chatId === tg.chatId);
    }
    expect(delays).toEqual([10, 20, 40, 80]);
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: 'FAILED', attempts: maxAttempts, error: 'Bad Gateway' });
    expect(await claim()).toEqual([]);
  });

  it('should mark someone who blocked the bot unreachable: their other pending deliveries end, nothing new is queued until they talk to it again', async () => {
    await drain();
    const [web, tg] = [await webUser(), await telegramUser()];
    const conversation = await directConversation(t, web, tg);
    await drain();
    await send(web, conversation, 'first');
    await send(web, conversation, 'second, still waiting');
    const [delivery] = await claim();
    expect(ok(await report([{ id: delivery!.id, outcome: 'BLOCKED', error: 'Forbidden: bot was blocked by the user' }])).reportDeliveries).toBe(1);
    const rows = await t.db.prisma.delivery.findMany({ where: { userId: tg.rawId, kind: 'MESSAGE' }, orderBy: { position: 'asc' } });
    expect(rows.map((row) => row.status)).toEqual(['BLOCKED', 'BLOCKED']);
    await send(web, conversation, 'not queued');
    expect(await t.db.prisma.delivery.count({ where: { userId: tg.rawId, kind: 'MESSAGE' } })).toBe(2);

    await telegramUser({ telegramId: tg.chatId, chatId: tg.chatId });
    await send(web, conversation, 'queued again');
    expect((await claim()).map((claimed) => claimed.text)).toEqual(['queued again']);
  });

  it.each([
    [{ outcome: 'RETRY' }, 'input.reports.0.retryAfterSeconds'],
    [{ outcome: 'RETRY', retryAfterSeconds: 0 }, 'input.reports.0.retryAfterSeconds'],
    [{ outcome: 'SENT', externalId: 'x'.repeat(65) }, 'input.reports.0.externalId'],
    [{ outcome: 'FAILED', error: 'e'.repeat(1001) }, 'input.reports.0.error'],
  ])('should refuse a malformed report %j as BAD_USER_INPUT naming %s', async (fields, field) => {
    const result = await report([{ id: encodeGlobalID('Delivery', '00000000-0000-4000-8000-000000000000.1'), ...fields }]);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('should refuse an id that is not a delivery', async () => {
    const result = await report([{ id: encodeGlobalID('User', '00000000-0000-4000-8000-000000000000'), outcome: 'SENT' }]);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reports.0.id' });
  });

  it.each(['FAILED', 'RETRY'] as const)('should free a chat at once when a delivery cancelled while out is reported %s', async (outcome) => {
    await drain();
    const [web, tg] = [await webUser(), await telegramUser()];
    const conversation = await directConversation(t, web, tg);
    await drain();
    try {
      const { broadcast } = await sendBroadcastTo([tg.rawId], { telegramLinkedOnly: true });
      const [out] = (await claimDeliveries(t.db.prisma, 'TELEGRAM', 500, 60, clock)).filter((delivery) => delivery.broadcastId === broadcast.id);
      await send(web, conversation, 'after the cancel');
      await cancelBroadcast(t.db.prisma, broadcast.id, clock);
      await reportDeliveries(t.db.prisma, [{ id: out!.id, claim: out!.claim, outcome, retryAfterSeconds: 30, error: 'Too Many Requests' }], clock);
      // No lease to wait out: the chat's next delivery goes now.
      const next = await claimDeliveries(t.db.prisma, 'TELEGRAM', 500, 60, clock);
      expect(next.filter((delivery) => delivery.chatId === tg.chatId).map((delivery) => delivery.text)).toEqual(['after the cancel']);
      expect(await t.db.prisma.delivery.findUniqueOrThrow({ where: { id: out!.id } })).toMatchObject({ status: 'CANCELLED', leaseExpiresAt: null });
    } finally {
      await t.db.prisma.user.updateMany({ data: { telegramBlockedAt: null } });
    }
  });

  it('should finish a broadcast whose last delivery ends because its person blocked the bot over another message', async () => {
    await drain();
    const [web, tg] = [await webUser(), await telegramUser()];
    const conversation = await directConversation(t, web, tg);
    await drain();
    try {
      await send(web, conversation, 'ahead of the broadcast');
      const { broadcast } = await sendBroadcastTo([tg.rawId], { telegramLinkedOnly: true });
      // The chat's message goes first; the broadcast's delivery waits behind it.
      const claimed = await claimDeliveries(t.db.prisma, 'TELEGRAM', 500, 60, clock);
      expect(claimed.map((delivery) => delivery.kind)).toEqual(['MESSAGE']);
      await reportDeliveries(t.db.prisma, [{ id: claimed[0]!.id, claim: claimed[0]!.claim, outcome: 'BLOCKED', error: 'Forbidden: bot was blocked by the user' }], clock);
      expect(await t.db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcast.id } })).toMatchObject({ state: 'DONE' });
      expect(await t.db.prisma.delivery.findMany({ where: { broadcastId: broadcast.id, channel: 'TELEGRAM' }, select: { status: true } })).toEqual([{ status: 'BLOCKED' }]);
    } finally {
      await t.db.prisma.user.updateMany({ data: { telegramBlockedAt: null } });
    }
  });
});

describe('taking back what no longer stands', () => {
  it("should cancel a deleted message's pending delivery and erase its text from the ledger", async () => {
    await drain();
    const [web, tg] = [await webUser(), await telegramUser()];
    const conversation = await directConversation(t, web, tg);
    await drain();
    const sentId = await send(web, conversation, 'sent before it was deleted');
    const [out] = await claim();
    ok(await report([{ id: out!.id, outcome: 'SENT', externalId: '61' }]));
    const pendingId = await send(web, conversation, 'deleted before it went out');
    for (const id of [sentId, pendingId]) ok(await t.gql(`mutation($id: ID!) { deleteMessage(input: { messageId: $id }) }`, { id }, { token: web.token }));
    const rows = await t.db.prisma.delivery.findMany({ where: { userId: tg.rawId, kind: 'MESSAGE' }, orderBy: { position: 'asc' } });
    expect(rows.map((row) => [row.status, row.text])).toEqual([
      ['SENT', null],
      ['CANCELLED', null],
    ]);
    expect(await claim()).toEqual([]);
  });

  it('should cancel the Telegram delivery of a friend request withdrawn before it went out', async () => {
    await drain();
    const [web, tg] = [await webUser(), await telegramUser()];
    ok(await t.gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: tg.handle }, { token: web.token }));
    ok(await t.gql(`mutation($h: String!) { cancelFriendRequest(input: { handle: $h }) { handle } }`, { h: tg.handle }, { token: web.token }));
    expect((await t.db.prisma.delivery.findMany({ where: { userId: tg.rawId } })).map((row) => [row.kind, row.status])).toEqual([
      ['FRIEND_REQUEST', 'CANCELLED'],
    ]);
    expect(await claim()).toEqual([]);
  });
});

describe('reports and cancels racing', () => {
  // Real parallelism needs a second connection pool (PostgreSQL); repeated, since a race need not
  // happen on every try. On PGlite the transactions take turns and this shows the plain outcome.
  async function broadcastToTwo(trial: number) {
    const users = await t.db.prisma.$queryRawUnsafe<{ id: string }[]>(`
      INSERT INTO "User" (handle, "displayName", "telegramId", "telegramChatId")
      SELECT 'race_${trial}_' || i, 'Race', 'race${trial}_' || i, (7000000 + ${trial} * 10 + i)::text FROM generate_series(1, 2) i
      RETURNING id::text AS id`);
    const audience = { telegramLinkedOnly: true };
    const { broadcast } = await sendBroadcastTo(users.map((user) => user.id), audience);
    const claimed = (await claimDeliveries(t.db.prisma, 'TELEGRAM', 500, 60, clock)).filter((delivery) => delivery.broadcastId === broadcast.id);
    return { broadcast, claimed };
  }

  it('should finish a broadcast whose last two deliveries are reported at the same moment', async () => {
    await drain();
    const other = await shareTestDatabase(t);
    try {
      for (let trial = 0; trial < 8; trial++) {
        const { broadcast, claimed } = await broadcastToTwo(trial);
        expect(claimed).toHaveLength(2);
        await Promise.all(
          claimed.map((delivery, index) =>
            reportDeliveries(index === 0 ? t.db.prisma : other.db.prisma, [{ id: delivery.id, claim: delivery.claim, outcome: 'SENT', externalId: '1' }], clock),
          ),
        );
        expect((await t.db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcast.id } })).state).toBe('DONE');
      }
    } finally {
      await other.drop();
      await t.db.prisma.user.updateMany({ data: { telegramBlockedAt: null } });
    }
  });

  it('should let a cancel and the last reports meet without either failing', async () => {
    await drain();
    const other = await shareTestDatabase(t);
    try {
      for (let trial = 10; trial < 18; trial++) {
        const { broadcast, claimed } = await broadcastToTwo(trial);
        const [reported, cancelled] = await Promise.allSettled([
          reportDeliveries(t.db.prisma, claimed.map((delivery) => ({ id: delivery.id, claim: delivery.claim, outcome: 'SENT' as const, externalId: '1' })), clock),
          cancelBroadcast(other.db.prisma, broadcast.id, clock),
        ]);
        expect(reported.status).toBe('fulfilled');
        // The cancel either came first (CANCELLED, the sends still count) or found it DONE (CONFLICT).
        const state = (await t.db.prisma.broadcast.findUniqueOrThrow({ where: { id: broadcast.id } })).state;
        if (cancelled.status === 'rejected') {
          expect((cancelled.reason as { extensions?: { code?: string } }).extensions?.code).toBe('CONFLICT');
          expect(state).toBe('DONE');
        } else {
          expect(state).toBe('CANCELLED');
        }
        expect(await t.db.prisma.delivery.count({ where: { broadcastId: broadcast.id, channel: 'TELEGRAM', status: 'SENT' } })).toBe(2);
      }
    } finally {
      await other.drop();
      await t.db.prisma.user.updateMany({ data: { telegramBlockedAt: null } });
    }
  });
});

describe('replies to what the bot sent', () => {
  const target = (chatId: string, externalId: string, key: string | undefined = serviceKey) =>
    t.gql(
      `query($c: String!, $e: String!) { deliveryTarget(chatId: $c, externalId: $e) {
        __typename id ... on Message { messageText: text conversation { id } } ... on CheckInPrompt { promptText: text } } }`,
      { c: chatId, e: externalId },
      { serviceKey: key },
    );

  it('should lead from a sent message back to the Message and its conversation, and from a prompt to the CheckInPrompt', async () => {
    await drain();
    const [web, tg] = [await webUser(), await telegramUser()];
    const conversation = await directConversation(t, web, tg);
    await drain();
    const messageId = await send(web, conversation, 'reply to me');
    const [delivery] = await claim();
    ok(await report([{ id: delivery!.id, outcome: 'SENT', externalId: '31337' }]));
    expect(ok(await target(tg.chatId, '31337')).deliveryTarget).toEqual({
      __typename: 'Message',
      id: messageId,
      messageText: 'reply to me',
      conversation: { id: conversation },
    });
    expect(ok(await target(tg.chatId, '404')).deliveryTarget).toBeNull();
    expect(ok(await target('999', '31337')).deliveryTarget).toBeNull();

    // A check-in prompt sent as another Telegram message: a reply to it answers the prompt.
    later(2 * 3600);
    const [prompt] = (await t.app.jobs.checkIns.tick(clock)).filter((due) => due.userId === tg.rawId);
    const asked = (await claim()).filter((claimed) => claimed.chatId === tg.chatId);
    expect(asked.map((claimed) => claimed.kind)).toEqual(['CHECK_IN']);
    ok(await report([{ id: asked[0]!.id, outcome: 'SENT', externalId: '31338' }]));
    await drain();
    expect(ok(await target(tg.chatId, '31338')).deliveryTarget).toEqual({
      __typename: 'CheckInPrompt',
      id: encodeGlobalID('CheckInPrompt', prompt!.promptId),
      promptText: 'What are you doing?',
    });
  });

  it('should not let the service read what it was not handed', async () => {
    await drain();
    const [web, tg] = [await webUser(), await telegramUser()];
    const conversation = await directConversation(t, web, tg);
    const messageId = await send(web, conversation, 'private');
    const read = await t.gql(`query($id: ID!) { node(id: $id) { ... on Message { text } } }`, { id: messageId }, { serviceKey });
    expect(read.data?.node ?? null).toBeNull();
    expect(JSON.stringify(read)).not.toContain('private');
  });

  it('should refuse chat and message ids that are not numbers', async () => {
    expect((await target('abc', '1')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'chatId' });
    expect((await target('1', '1.5')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'externalId' });
  });
});

describe('waking the workers', () => {
  it('should tell a worker how much is pending when it starts, then how much each change queued', async () => {
    await drain();
    const [web, tg] = [await webUser(), await telegramUser()];
    const conversation = await directConversation(t, web, tg);
    const waiting = await t.db.prisma.delivery.count({ where: { channel: 'TELEGRAM', status: 'PENDING' } });
    // The bot presents its key in connection_init, as it would a header.
    const ready = app.liveWith({ 'x-service-key': serviceKey }).subscribe(`subscription { deliveriesReady(channel: TELEGRAM) }`);
    await ready.waitFor(1);
    expect(ready.results[0]!.data).toEqual({ deliveriesReady: waiting });
    await send(web, conversation, 'wake up');
    await ready.waitFor(2);
    expect(ready.results[1]!.data).toEqual({ deliveriesReady: 1 });
  });
});

describe('who may use the outbox', () => {
  it('should refuse every outbox operation without the service key, even to a signed-in user', async () => {
    const user = await webUser();
    const attempts: GraphQLResult[] = [
      await t.gql(claimQuery, { input: { channel: 'TELEGRAM', limit: 1 } }, { token: user.token }),
      await t.gql(claimQuery, { input: { channel: 'TELEGRAM', limit: 1 } }, { serviceKey: 'not-the-key-0123456789' }),
      await report([{ id: encodeGlobalID('Delivery', '00000000-0000-4000-8000-000000000000.1'), outcome: 'SENT' }], { key: null }),
      await t.gql(`{ deliveryTarget(chatId: "1", externalId: "1") { id } }`, {}, { token: user.token }),
    ];
    expect(attempts.map(errorCode)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    const ready = app.live(user).subscribe(`subscription { deliveriesReady(channel: TELEGRAM) }`);
    await ready.ended;
    expect(ready.results[0]!.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('should refuse claim sizes and leases out of range', async () => {
    for (const [input, field] of [
      [{ limit: 0 }, 'input.limit'],
      [{ limit: 501 }, 'input.limit'],
      [{ limit: 1, leaseSeconds: 4 }, 'input.leaseSeconds'],
    ] as const) {
      const result = await t.gql(claimQuery, { input: { channel: 'TELEGRAM', ...input } }, { serviceKey });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('should have nothing to hand out on the in-app channel, which delivers at once', async () => {
    expect(ok(await t.gql(claimQuery, { input: { channel: 'IN_APP', limit: 10 } }, { serviceKey })).claimDeliveries).toEqual([]);
  });
});
