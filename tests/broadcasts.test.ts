// Broadcasts: who may send them (admins), who they reach (the audience; Telegram for the linked,
// not blocked), the ledger they write (one delivery per person and channel, in a few statements
// whatever the audience), how their progress adds up while the bot drains the outbox, cancelling,
// the history, the live progress stream, and people who blocked the bot.
import { randomUUID } from 'node:crypto';
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLiveTestApp, type LiveTestApp } from './utils/live-app.ts';
import { createTestApp, errorCode, ok, serviceKey, type GraphQLResult, type TestApp } from './utils/test-app.ts';
import { signUp, type TestUser } from './utils/users.ts';

const day = 86_400_000;

/** An app with an admin ("boss") and a clock of its own that tests move by hand. */
interface World {
  t: TestApp;
  boss: TestUser;
  clock: { now: Date };
  later(seconds: number): void;
  live?: LiveTestApp;
}
const opened: World[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((w) => (w.live ? w.live.close() : w.t.close())));
});

/** A fresh world, closed after the test (or, with `shared`, by the caller). */
async function world(options: { live?: boolean; shared?: boolean } = {}): Promise<World> {
  const clock = { now: new Date('2031-03-01T09:00:00Z') };
  const appOptions = { now: () => clock.now };
  const live = options.live ? await createLiveTestApp({ ADMIN_HANDLES: 'boss' }, appOptions) : undefined;
  const t = live?.t ?? (await createTestApp({ ADMIN_HANDLES: 'boss' }, appOptions));
  const w: World = { t, boss: await signUp(t, 'boss'), clock, live, later: (s) => (clock.now = new Date(clock.now.getTime() + s * 1000)) };
  if (!options.shared) opened.push(w);
  return w;
}

let telegramCounter = 5_550_000;
type TelegramUser = TestUser & { telegramId: string };
const telegramSignInMutation = `mutation($i: TelegramSignInInput!) { telegramSignIn(input: $i) { accessToken refreshToken user { id handle } } }`;
/** Someone who talks to the bot (again, given their telegramId): an account linked to their own chat. */
async function telegramUser(w: World, extra: { telegramId?: string; languageCode?: string } = {}): Promise<TelegramUser> {
  const telegramId = extra.telegramId ?? String((telegramCounter += 1));
  const input = { telegramId, chatId: telegramId, firstName: 'Tele', languageCode: extra.languageCode };
  const { accessToken, refreshToken, user } = ok(await w.t.gql(telegramSignInMutation, { i: input }, { serviceKey })).telegramSignIn;
  return { id: user.id, rawId: decodeGlobalID(user.id).id, handle: user.handle, token: accessToken, refreshToken, telegramId };
}

const progressFields = 'total sent failed blocked pending cancelled perSecond etaSeconds';
type Progress = { total: number; sent: number; failed: number; blocked: number; pending: number; cancelled: number; perSecond: number; etaSeconds: number | null };
const broadcastFields = `id text state recipientCount createdAt finishedAt cancelledAt audience createdBy { handle } progress { ${progressFields} }`;
type BroadcastView = { id: string; text: string; state: string; recipientCount: number; createdAt: string; finishedAt: string | null; cancelledAt: string | null; audience: string; createdBy: { handle: string }; progress: Progress };

type Audience = { locales?: string[]; activeWithinDays?: number; telegramLinkedOnly?: boolean };
const previewMutation = `mutation($input: BroadcastInput!) { previewBroadcast(input: $input) { recipientCount telegramCount text } }`;
const sendMutation = `mutation($input: BroadcastInput!) { sendBroadcast(input: $input) { ${broadcastFields} } }`;
const cancelMutation = `mutation($id: ID!) { cancelBroadcast(input: { broadcastId: $id }) { ${broadcastFields} } }`;
const historyQuery = `query($first: Int, $after: String) { broadcasts(first: $first, after: $after) { edges { cursor node { ${broadcastFields} } } pageInfo { hasNextPage endCursor } } }`;
const progressSubscription = `subscription($id: ID!) { broadcastProgress(id: $id) { ${progressFields} } }`;

const preview = (w: World, text: string, audience?: Audience, token = w.boss.token) => w.t.gql(previewMutation, { input: { text, audience } }, { token });
const previewOf = async (w: World, audience?: Audience): Promise<{ recipientCount: number; telegramCount: number }> => {
  const { recipientCount, telegramCount } = ok(await preview(w, 'hi', audience)).previewBroadcast;
  return { recipientCount, telegramCount };
};
const send = async (w: World, text = 'Hello, everyone', audience?: Audience): Promise<BroadcastView> =>
  ok(await w.t.gql(sendMutation, { input: { text, audience } }, { token: w.boss.token })).sendBroadcast;
const cancel = (w: World, id: string, token = w.boss.token) => w.t.gql(cancelMutation, { id }, { token });
const current = async (w: World, id: string): Promise<BroadcastView> =>
  ok(await w.t.gql(`query($id: ID!) { node(id: $id) { ... on Broadcast { ${broadcastFields} } } }`, { id }, { token: w.boss.token })).node;

/** The broadcast's progress, checked to add up. */
async function progressOf(w: World, id: string): Promise<Progress> {
  const { progress } = await current(w, id);
  expect(progress.total).toBe(progress.sent + progress.failed + progress.blocked + progress.pending + progress.cancelled);
  return progress;
}
const counts = ({ total, sent, failed, blocked, pending, cancelled }: Progress) => ({ total, sent, failed, blocked, pending, cancelled });
const rate = ({ perSecond, etaSeconds }: Progress) => ({ perSecond, etaSeconds });

type Claimed = { id: string; chatId: string; text: string; attempts: number; broadcastId: string };
const claim = async (w: World, limit = 500): Promise<Claimed[]> =>
  ok(await w.t.gql(`mutation($l: Int!) { claimDeliveries(input: { channel: TELEGRAM, limit: $l, leaseSeconds: 60 }) { id chatId text attempts broadcastId } }`, { l: limit }, { serviceKey }))
    .claimDeliveries;
const report = async (w: World, reports: Record<string, unknown>[]): Promise<number> =>
  ok(await w.t.gql(`mutation($r: [DeliveryReportInput!]!) { reportDeliveries(input: { reports: $r }) }`, { r: reports }, { serviceKey })).reportDeliveries;
const sentReport = (delivery: Claimed, index = 0) => ({ id: delivery.id, outcome: 'SENT', externalId: String(100 + index) });
/** Claims everything due and reports it SENT, until nothing is due. */
async function drain(w: World): Promise<void> {
  for (let claimed = await claim(w); claimed.length > 0; claimed = await claim(w)) await report(w, claimed.map(sentReport));
}

/** The broadcast's ledger as "CHANNEL:STATUS" -> how many deliveries. */
async function ledger(w: World, id: string): Promise<Record<string, number>> {
  const rows = await w.t.db.prisma.delivery.groupBy({ by: ['channel', 'status'], where: { broadcastId: decodeGlobalID(id).id }, _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [`${row.channel}:${row.status}`, row._count._all]));
}
/** Who has a notification of the broadcast, and who has a Telegram delivery of it (database ids, sorted). */
async function reached(w: World, id: string) {
  const broadcastId = decodeGlobalID(id).id;
  const notified = await w.t.db.prisma.notification.findMany({ where: { kind: 'BROADCAST', subjectId: broadcastId }, select: { userId: true } });
  const telegram = await w.t.db.prisma.delivery.findMany({ where: { broadcastId, channel: 'TELEGRAM' }, select: { userId: true } });
  return { notified: notified.map((n) => n.userId).sort(), telegram: telegram.map((d) => d.userId).sort() };
}
const ids = (...users: TestUser[]) => users.map((user) => user.rawId).sort();
const fieldOf = (result: GraphQLResult) => result.errors?.[0]?.extensions?.field;

describe('broadcasts: who may use them', () => {
  let w: World;
  let normal: TestUser;
  let broadcastId: string;
  beforeAll(async () => {
    w = await world({ shared: true });
    normal = await signUp(w.t, 'normal');
    broadcastId = (await send(w, 'For everyone')).id;
  });
  afterAll(() => w.t.close());

  const operations: [string, (token?: string) => Promise<GraphQLResult>][] = [
    ['previewBroadcast', (token) => w.t.gql(previewMutation, { input: { text: 'hi' } }, { token })],
    ['sendBroadcast', (token) => w.t.gql(sendMutation, { input: { text: 'hi' } }, { token })],
    ['cancelBroadcast', (token) => w.t.gql(cancelMutation, { id: broadcastId }, { token })],
    ['broadcasts', (token) => w.t.gql(historyQuery, { first: 5 }, { token })],
  ];
  it.each(operations)('should refuse %s to a normal user with FORBIDDEN and to a caller without a token with UNAUTHENTICATED', async (_name, run) => {
    expect(errorCode(await run(normal.token))).toBe('FORBIDDEN');
    expect(errorCode(await run(undefined))).toBe('UNAUTHENTICATED');
    expect(await w.t.db.prisma.broadcast.count()).toBe(1);
    expect((await current(w, broadcastId)).state).toBe('DONE');
  });
});

describe('previewBroadcast', () => {
  let w: World;
  beforeAll(async () => {
    w = await world({ shared: true });
    await signUp(w.t, 'old_timer'); // with the boss, last active 40 days before the others
    const refresher = await signUp(w.t, 'refresher');
    w.later((20 * day) / 1000);
    ok(await w.t.gql(`mutation($r: String!) { refreshSession(input: { refreshToken: $r }) { accessToken } }`, { r: refresher.refreshToken }));
    w.later((20 * day) / 1000);
    await signUp(w.t, 'ru_one', { locale: 'RU' });
    await signUp(w.t, 'es_one', { locale: 'ES' });
    await telegramUser(w, { languageCode: 'ru' });
    await telegramUser(w, { languageCode: 'en' });
  });
  afterAll(() => w.t.close());

  it.each<[string, Audience | undefined, number, number]>([
    ['everyone', undefined, 7, 2],
    ['locales RU', { locales: ['RU'] }, 2, 1],
    ['locales RU and ES', { locales: ['RU', 'ES'] }, 3, 1],
    ['locales EN', { locales: ['EN'] }, 4, 1],
    ['active within 19 days', { activeWithinDays: 19 }, 4, 2],
    ['active within 30 days (a session refreshed 20 days ago counts)', { activeWithinDays: 30 }, 5, 2],
    ['active within 41 days', { activeWithinDays: 41 }, 7, 2],
    ['Telegram-linked only', { telegramLinkedOnly: true }, 2, 2],
    ['EN, active within 30 days and linked', { locales: ['EN'], activeWithinDays: 30, telegramLinkedOnly: true }, 1, 1],
  ])('should count %s', async (_name, audience, recipientCount, telegramCount) => {
    expect(await previewOf(w, audience)).toEqual({ recipientCount, telegramCount });
  });

  it('should count someone as active again once they sign in', async () => {
    ok(await w.t.gql(`mutation { signIn(input: { handle: "old_timer", password: "password-123" }) { accessToken } }`));
    expect(await previewOf(w, { activeWithinDays: 19 })).toEqual({ recipientCount: 5, telegramCount: 2 });
  });

  it('should show the text as it will be sent, trimmed, and store nothing', async () => {
    expect(ok(await preview(w, '  \n Hello there!\t ')).previewBroadcast.text).toBe('Hello there!');
    const longest = 'x'.repeat(4096);
    expect(ok(await preview(w, `  ${longest}  `)).previewBroadcast.text).toBe(longest);
    expect(await w.t.db.prisma.broadcast.count()).toBe(0);
  });

  it.each<[string, string, Audience | undefined, string]>([
    ['an empty text', '', undefined, 'input.text'],
    ['a text of whitespace', ' \n\t ', undefined, 'input.text'],
    ['a text of 4097 characters', 'y'.repeat(4097), undefined, 'input.text'],
    ['an empty list of locales', 'hi', { locales: [] }, 'input.audience.locales'],
    ['activeWithinDays 0', 'hi', { activeWithinDays: 0 }, 'input.audience.activeWithinDays'],
    ['activeWithinDays 3651', 'hi', { activeWithinDays: 3651 }, 'input.audience.activeWithinDays'],
  ])('should refuse %s with BAD_USER_INPUT naming the field, on preview and on send', async (_name, text, audience, field) => {
    for (const result of [await preview(w, text, audience), await w.t.gql(sendMutation, { input: { text, audience } }, { token: w.boss.token })]) {
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(fieldOf(result)).toBe(field);
    }
    expect(await w.t.db.prisma.broadcast.count()).toBe(0);
  });
});

describe('sendBroadcast', () => {
  it('should write one in-app delivery and notification per person and a Telegram delivery per linked person', async () => {
    const w = await world();
    const [ann, ru] = [await signUp(w.t, 'ann'), await signUp(w.t, 'ru_reader', { locale: 'RU' })];
    const [tg1, tg2] = [await telegramUser(w), await telegramUser(w, { languageCode: 'ru' })];
    const sent = await send(w, '  Big news!  ');
    expect(sent).toMatchObject({ text: 'Big news!', state: 'SENDING', recipientCount: 5, createdBy: { handle: 'boss' }, finishedAt: null, cancelledAt: null });
    expect(JSON.parse(sent.audience)).toEqual({});
    expect(counts(sent.progress)).toEqual({ total: 7, sent: 5, failed: 0, blocked: 0, pending: 2, cancelled: 0 });
    expect(await ledger(w, sent.id)).toEqual({ 'IN_APP:SENT': 5, 'TELEGRAM:PENDING': 2 });
    expect(await reached(w, sent.id)).toEqual({ notified: ids(w.boss, ann, ru, tg1, tg2), telegram: ids(tg1, tg2) });
    const claimed = await claim(w);
    expect(claimed.map((d) => [d.chatId, d.text, d.broadcastId]).sort()).toEqual([tg1, tg2].map((u) => [u.telegramId, 'Big news!', sent.id]).sort());
  });

  it('should reach only the audience, and be DONE at once without Telegram recipients', async () => {
    const w = await world();
    const [ru1, ru2] = [await signUp(w.t, 'ru_a', { locale: 'RU' }), await signUp(w.t, 'ru_b', { locale: 'RU' })];
    const outsider = await signUp(w.t, 'en_a');
    await telegramUser(w);
    const sent = await send(w, 'Только по-русски', { locales: ['RU'] });
    expect(sent).toMatchObject({ state: 'DONE', recipientCount: 2, finishedAt: w.clock.now.toISOString() });
    expect(JSON.parse(sent.audience)).toEqual({ locales: ['RU'] });
    expect(counts(sent.progress)).toEqual({ total: 2, sent: 2, failed: 0, blocked: 0, pending: 0, cancelled: 0 });
    expect(sent.progress.etaSeconds).toBe(0);
    expect(await ledger(w, sent.id)).toEqual({ 'IN_APP:SENT': 2 });
    expect(await reached(w, sent.id)).toEqual({ notified: ids(ru1, ru2), telegram: [] });
    expect(await w.t.db.prisma.notification.count({ where: { kind: 'BROADCAST' } })).toBe(2);
    const peek = await w.t.gql(`query($id: ID!) { node(id: $id) { ... on Broadcast { text } } }`, { id: sent.id }, { token: outsider.token });
    expect(peek.data?.node ?? null).toBeNull();
  });

  it("should let a recipient read the broadcast's text through the notification, but not who sent it to how many", async () => {
    const w = await world();
    const ann = await signUp(w.t, 'ann');
    const sent = await send(w, 'Hello, readers');
    const inbox = ok(await w.t.gql(`{ me { notifications(first: 10) { edges { node { kind text subject { __typename ... on Broadcast { id text state } } } } } } }`, {}, { token: ann.token }));
    expect(inbox.me.notifications.edges.map((e: any) => e.node)).toEqual([
      { kind: 'BROADCAST', text: 'Hello, readers', subject: { __typename: 'Broadcast', id: sent.id, text: 'Hello, readers', state: 'DONE' } },
    ]);
    for (const field of ['recipientCount', 'createdBy { handle }', 'progress { total }', 'audience']) {
      const result = await w.t.gql(`{ me { notifications(first: 10) { edges { node { subject { ... on Broadcast { ${field} } } } } } } }`, {}, { token: ann.token });
      expect(errorCode(result)).toBe('FORBIDDEN');
      expect(JSON.stringify(result.data)).not.toMatch(/boss|"recipientCount":\d|"total":\d/);
    }
    expect(errorCode(await w.t.gql(historyQuery, { first: 5 }, { token: ann.token }))).toBe('FORBIDDEN');
  });
});

describe('progress while the bot drains the outbox', () => {
  it('should add up at every step and be DONE once nothing is pending', async () => {
    const w = await world();
    await signUp(w.t, 'ann');
    await signUp(w.t, 'bob');
    const tg = [await telegramUser(w), await telegramUser(w), await telegramUser(w), await telegramUser(w), await telegramUser(w)];
    const sent = await send(w, 'Progress report');
    const start = await progressOf(w, sent.id);
    expect(counts(start)).toEqual({ total: 13, sent: 8, failed: 0, blocked: 0, pending: 5, cancelled: 0 });
    expect(rate(start)).toEqual({ perSecond: 0, etaSeconds: null }); // nothing sent on Telegram yet

    const first = await claim(w);
    const of = (user: TelegramUser, list = first) => list.find((d) => d.chatId === user.telegramId)!;
    expect(first).toHaveLength(5);
    expect(counts(await progressOf(w, sent.id))).toMatchObject({ sent: 8, pending: 5 }); // claimed is still pending
    expect(await report(w, [sentReport(of(tg[0]!)), sentReport(of(tg[1]!))])).toBe(2);
    const twoSent = await progressOf(w, sent.id);
    expect(counts(twoSent)).toEqual({ total: 13, sent: 10, failed: 0, blocked: 0, pending: 3, cancelled: 0 });
    expect(rate(twoSent)).toEqual({ perSecond: 2, etaSeconds: 2 }); // 2 in the first second, 3 to go
    await report(w, [
      { id: of(tg[2]!).id, outcome: 'FAILED', error: 'Bad Gateway' },
      { id: of(tg[3]!).id, outcome: 'BLOCKED', error: 'Forbidden: bot was blocked by the user' },
      { id: of(tg[4]!).id, outcome: 'RETRY', retryAfterSeconds: 30 },
    ]);
    expect(counts(await progressOf(w, sent.id))).toEqual({ total: 13, sent: 10, failed: 0, blocked: 1, pending: 2, cancelled: 0 });
    expect(await claim(w)).toEqual([]); // the failure and the retry both wait
    expect((await current(w, sent.id)).state).toBe('SENDING');

    w.later(31);
    const second = await claim(w);
    expect(second.map((d) => d.chatId).sort()).toEqual([tg[2]!.telegramId, tg[4]!.telegramId].sort());
    await report(w, [sentReport(of(tg[4]!, second))]);
    const retried = await progressOf(w, sent.id);
    expect(counts(retried)).toEqual({ total: 13, sent: 11, failed: 0, blocked: 1, pending: 1, cancelled: 0 });
    expect(rate(retried)).toEqual({ perSecond: 0.1, etaSeconds: 10 }); // 1 in the last 10 seconds, 1 to go
    // The failing one is tried until its attempts run out, then it is FAILED for good.
    let failing = of(tg[2]!, second);
    for (let round = 0; failing; round += 1) {
      expect(failing.attempts).toBe(round + 2);
      await report(w, [{ id: failing.id, outcome: 'FAILED', error: 'Bad Gateway' }]);
      const progress = counts(await progressOf(w, sent.id));
      expect(progress.failed + progress.pending).toBe(1);
      w.later(600);
      failing = (await claim(w))[0]!;
    }
    const done = await current(w, sent.id);
    expect(counts(done.progress)).toEqual({ total: 13, sent: 11, failed: 1, blocked: 1, pending: 0, cancelled: 0 });
    expect(done).toMatchObject({ state: 'DONE', finishedAt: expect.any(String), cancelledAt: null });
    expect(done.progress.etaSeconds).toBe(0);
    expect(await ledger(w, sent.id)).toEqual({ 'IN_APP:SENT': 8, 'TELEGRAM:SENT': 3, 'TELEGRAM:FAILED': 1, 'TELEGRAM:BLOCKED': 1 });
  });
});

describe('cancelBroadcast', () => {
  it('should cancel what is pending, keep what was sent, and count a delivery in flight that is then reported SENT', async () => {
    const w = await world();
    for (let i = 0; i < 4; i += 1) await telegramUser(w);
    const sent = await send(w, 'Soon cancelled');
    const [early, inFlight] = await claim(w, 2);
    await report(w, [sentReport(early!)]);
    const cancelled = ok(await cancel(w, sent.id)).cancelBroadcast as BroadcastView;
    expect(cancelled).toMatchObject({ state: 'CANCELLED', cancelledAt: w.clock.now.toISOString(), finishedAt: w.clock.now.toISOString() });
    expect(counts(cancelled.progress)).toEqual({ total: 9, sent: 6, failed: 0, blocked: 0, pending: 0, cancelled: 3 });
    expect(await claim(w)).toEqual([]);

    w.later(5);
    expect(await report(w, [sentReport(inFlight!)])).toBe(1);
    expect(counts(await progressOf(w, sent.id))).toEqual({ total: 9, sent: 7, failed: 0, blocked: 0, pending: 0, cancelled: 2 });
    expect(await ledger(w, sent.id)).toEqual({ 'IN_APP:SENT': 5, 'TELEGRAM:SENT': 2, 'TELEGRAM:CANCELLED': 2 });

    w.later(5);
    const again = ok(await cancel(w, sent.id)).cancelBroadcast as BroadcastView;
    expect(again).toEqual({ ...cancelled, progress: again.progress }); // cancelledAt and finishedAt unchanged
    expect(counts(again.progress)).toEqual({ total: 9, sent: 7, failed: 0, blocked: 0, pending: 0, cancelled: 2 });
  });

  it('should refuse to cancel a broadcast that is DONE with CONFLICT, changing nothing', async () => {
    const w = await world();
    await telegramUser(w);
    const sent = await send(w);
    await drain(w);
    const before = await current(w, sent.id);
    expect(before.state).toBe('DONE');
    expect(errorCode(await cancel(w, sent.id))).toBe('CONFLICT');
    expect(await current(w, sent.id)).toEqual(before);
  });

  it('should answer an unknown id with NOT_FOUND, and a malformed one or another type\'s with BAD_USER_INPUT', async () => {
    const w = await world();
    expect(errorCode(await cancel(w, encodeGlobalID('Broadcast', randomUUID())))).toBe('NOT_FOUND');
    for (const id of ['not-an-id', encodeGlobalID('Broadcast', 'not-a-uuid'), encodeGlobalID('User', randomUUID())]) {
      const result = await cancel(w, id);
      expect([errorCode(result), fieldOf(result)]).toEqual(['BAD_USER_INPUT', 'input.broadcastId']);
    }
  });
});

describe('broadcasts: the history', () => {
  it('should list broadcasts newest first, page by page, with author, audience size, state and timings', async () => {
    const w = await world();
    await signUp(w.t, 'ru_a', { locale: 'RU' });
    await telegramUser(w);
    const first = await send(w, 'First', { locales: ['RU'] });
    w.later(60);
    const second = await send(w, 'Second');
    w.later(60);
    const third = await send(w, 'Third', { telegramLinkedOnly: true });
    ok(await cancel(w, third.id));

    const page = async (after?: string) => ok(await w.t.gql(historyQuery, { first: 2, after }, { token: w.boss.token })).broadcasts;
    const one = await page();
    expect(one.edges.map((e: any) => e.node.text)).toEqual(['Third', 'Second']);
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = await page(one.pageInfo.endCursor);
    expect(two.edges.map((e: any) => e.node.text)).toEqual(['First']);
    expect(two.pageInfo.hasNextPage).toBe(false);

    const nodes: BroadcastView[] = [...one.edges, ...two.edges].map((e: any) => e.node);
    expect(nodes.map((n) => [n.id, n.createdBy.handle, n.recipientCount, n.state, JSON.parse(n.audience)])).toEqual([
      [third.id, 'boss', 1, 'CANCELLED', { telegramLinkedOnly: true }],
      [second.id, 'boss', 3, 'SENDING', {}],
      [first.id, 'boss', 1, 'DONE', { locales: ['RU'] }],
    ]);
    expect(nodes.map((n) => n.createdAt)).toEqual([third.createdAt, second.createdAt, first.createdAt]);
    expect(nodes[0]!.cancelledAt).toBe(w.clock.now.toISOString());
    expect(nodes[2]!.finishedAt).toBe(first.createdAt);
    expect(counts(nodes[1]!.progress)).toEqual({ total: 4, sent: 3, failed: 0, blocked: 0, pending: 1, cancelled: 0 });
  });
});

describe('broadcastProgress over WebSocket', () => {
  async function liveWorld(telegramPeople: number) {
    const w = await world({ live: true });
    for (let i = 0; i < telegramPeople; i += 1) await telegramUser(w);
    return w;
  }
  const addsUp = (results: { data?: any }[]) =>
    results.map((r) => r.data!.broadcastProgress as Progress).every((p) => p.total === p.sent + p.failed + p.blocked + p.pending + p.cancelled);

  it('should send progress at once, then a final update when the outbox is drained, and complete', async () => {
    const w = await liveWorld(3);
    const sent = await send(w, 'Watched');
    const sub = w.live!.live(w.boss).subscribe(progressSubscription, { id: sent.id });
    await sub.waitFor(1);
    expect(counts(sub.results[0]!.data!.broadcastProgress)).toEqual({ total: 7, sent: 4, failed: 0, blocked: 0, pending: 3, cancelled: 0 });
    await drain(w);
    expect(await sub.ended).toBe('complete');
    const last = sub.results.at(-1)!.data!.broadcastProgress as Progress;
    expect(last).toMatchObject({ total: 7, sent: 7, failed: 0, blocked: 0, pending: 0, cancelled: 0, etaSeconds: 0 });
    expect(addsUp(sub.results)).toBe(true);
    expect((await current(w, sent.id)).state).toBe('DONE');
  });

  it('should send a final update and complete after a cancel', async () => {
    const w = await liveWorld(2);
    const sent = await send(w, 'Watched, then stopped');
    const sub = w.live!.live(w.boss).subscribe(progressSubscription, { id: sent.id });
    await sub.waitFor(1);
    ok(await cancel(w, sent.id));
    expect(await sub.ended).toBe('complete');
    expect(counts(sub.results.at(-1)!.data!.broadcastProgress)).toEqual({ total: 5, sent: 3, failed: 0, blocked: 0, pending: 0, cancelled: 2 });
    expect(addsUp(sub.results)).toBe(true);
  });

  it('should send one update and complete for a broadcast that is already DONE', async () => {
    const w = await liveWorld(0);
    const sent = await send(w, 'Nothing for Telegram');
    const sub = w.live!.live(w.boss).subscribe(progressSubscription, { id: sent.id });
    expect(await sub.ended).toBe('complete');
    expect(sub.results.map((r) => counts(r.data!.broadcastProgress))).toEqual([{ total: 1, sent: 1, failed: 0, blocked: 0, pending: 0, cancelled: 0 }]);
  });

  it('should refuse a normal user (FORBIDDEN), no token (UNAUTHENTICATED) and an unknown broadcast (NOT_FOUND)', async () => {
    const w = await liveWorld(1);
    const normal = await signUp(w.t, 'normal');
    const sent = await send(w, 'Not for you');
    const cases: [TestUser | undefined, string, string][] = [
      [normal, sent.id, 'FORBIDDEN'],
      [undefined, sent.id, 'UNAUTHENTICATED'],
      [w.boss, encodeGlobalID('Broadcast', randomUUID()), 'NOT_FOUND'],
    ];
    for (const [user, id, code] of cases) {
      const sub = w.live!.live(user).subscribe(progressSubscription, { id });
      await sub.ended;
      expect(sub.results[0]!.errors![0]!.extensions!.code).toBe(code);
      expect(sub.results.some((r) => r.data?.broadcastProgress)).toBe(false);
    }
  });
});

describe('people who blocked the bot', () => {
  it('should skip their Telegram delivery but not their in-app one, until they talk to the bot again', async () => {
    const w = await world();
    const [blocker, reader] = [await telegramUser(w), await telegramUser(w)];
    const one = await send(w, 'One');
    const claimed = await claim(w);
    const of = (user: TelegramUser) => claimed.find((d) => d.chatId === user.telegramId)!;
    await report(w, [{ id: of(blocker).id, outcome: 'BLOCKED' }, sentReport(of(reader))]);
    expect(await ledger(w, one.id)).toEqual({ 'IN_APP:SENT': 3, 'TELEGRAM:SENT': 1, 'TELEGRAM:BLOCKED': 1 });
    expect((await current(w, one.id)).state).toBe('DONE');

    expect(await previewOf(w)).toEqual({ recipientCount: 3, telegramCount: 1 });
    const two = await send(w, 'Two');
    expect(await reached(w, two.id)).toEqual({ notified: ids(w.boss, blocker, reader), telegram: ids(reader) });
    expect(counts(two.progress)).toEqual({ total: 4, sent: 3, failed: 0, blocked: 0, pending: 1, cancelled: 0 });
    await drain(w);

    await telegramUser(w, { telegramId: blocker.telegramId });
    expect(await previewOf(w)).toEqual({ recipientCount: 3, telegramCount: 2 });
    const three = await send(w, 'Three');
    expect(await reached(w, three.id)).toEqual({ notified: ids(w.boss, blocker, reader), telegram: ids(blocker, reader) });
  });

  it('should reach someone on a Telegram account they link after blocking the bot on another', async () => {
    const w = await world();
    const ann = await signUp(w.t, 'ann');
    const link = async (telegramId: string) => {
      const code = ok(await w.t.gql(`mutation { createTelegramLinkCode }`, {}, { token: ann.token })).createTelegramLinkCode;
      const input = { code, telegramId, chatId: telegramId, firstName: 'Ann' };
      ok(await w.t.gql(`mutation($i: LinkTelegramInput!) { linkTelegram(input: $i) { user { handle } } }`, { i: input }, { serviceKey }));
    };
    await link('6660001');
    const one = await send(w, 'One');
    const [delivery] = await claim(w);
    await report(w, [{ id: delivery!.id, outcome: 'BLOCKED' }]);
    expect(await ledger(w, one.id)).toEqual({ 'IN_APP:SENT': 2, 'TELEGRAM:BLOCKED': 1 });

    // Ann sends /start CODE to the bot from a new Telegram account: that chat never blocked the bot.
    await link('6660002');
    expect(await w.t.db.prisma.user.findUniqueOrThrow({ where: { id: ann.rawId } })).toMatchObject({ telegramId: '6660002', telegramChatId: '6660002', telegramBlockedAt: null });
    expect(await previewOf(w)).toEqual({ recipientCount: 2, telegramCount: 1 });
    const two = await send(w, 'Two');
    expect(await reached(w, two.id)).toEqual({ notified: ids(w.boss, ann), telegram: ids(ann) });
  });
});

describe('sendBroadcast at scale', () => {
  it('should write the ledger of 10,000 people in a few statements that do not grow with the audience', async () => {
    const w = await world();
    await w.t.db.prisma.$executeRawUnsafe(`
      INSERT INTO "User" (handle, "displayName", "telegramChatId", "telegramId")
      SELECT 'gen_' || i, 'Gen ' || i, CASE WHEN i % 3 = 0 THEN i::text END, CASE WHEN i % 3 = 0 THEN i::text END
      FROM generate_series(1, 10000) i`);
    const statementsOf = async (text: string, audience?: Audience) => {
      w.t.statements.length = 0;
      const sent = await send(w, text, audience);
      return { sent, statements: w.t.statements.length };
    };
    const nobody = await statementsOf('Hola', { locales: ['ES'] });
    const { sent, statements } = await statementsOf('Hello, ten thousand');
    console.info(`sendBroadcast took ${statements} SQL statements for 10,001 people, ${nobody.statements} for nobody`);
    expect(nobody.sent.recipientCount).toBe(0);
    expect(statements).toBeLessThan(40);
    expect(statements).toBeLessThanOrEqual(nobody.statements + 2); // one more per 5,000 people past the first batch

    expect(sent).toMatchObject({ state: 'SENDING', recipientCount: 10_001 });
    expect(counts(sent.progress)).toEqual({ total: 13_334, sent: 10_001, failed: 0, blocked: 0, pending: 3333, cancelled: 0 });
    expect(await ledger(w, sent.id)).toEqual({ 'IN_APP:SENT': 10_001, 'TELEGRAM:PENDING': 3333 });
    const broadcastId = decodeGlobalID(sent.id).id;
    expect(await w.t.db.prisma.notification.count({ where: { kind: 'BROADCAST', subjectId: broadcastId } })).toBe(10_001);
    const perPerson = await w.t.db.prisma.delivery.groupBy({ by: ['userId', 'channel'], where: { broadcastId }, having: { userId: { _count: { gt: 1 } } } });
    expect(perPerson).toEqual([]);
  });
});
