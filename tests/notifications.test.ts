import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive, type LiveClient } from './utils/live-client.ts';
import { createTestApp, errorCode, ok, serviceKey, type TestApp } from './utils/test-app.ts';
import { befriend, signUp, type TestUser } from './utils/users.ts';

let t: TestApp;
let wsUrl: string;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const { port } = await t.app.server.start(0, '127.0.0.1');
  wsUrl = `ws://127.0.0.1:${port}/graphql`;
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await t.close();
});

let counter = 0;
const person = (name: string, extra: Record<string, unknown> = {}, app = t) => signUp(app, `${name}_${(counter += 1)}`, extra);
/** "ANN_1 (@ann_1)": how texts name a person (test users' display names are their handles in capitals). */
const named = (user: TestUser) => `${user.handle.toUpperCase()} (@${user.handle})`;

const notificationFields = `id kind text count createdAt readAt actor { handle } subject { __typename id }`;
type NotificationView = { id: string; kind: string; text: string; count: number; createdAt: string; readAt: string | null } & {
  actor: { handle: string } | null;
  subject: { __typename: string; id: string } | null;
};

/** The user's notifications (newest first) and unread count. */
async function inbox(user: TestUser, options: { unreadOnly?: boolean; first?: number; after?: string } = {}, app = t) {
  const data = ok(
    await app.gql(
      `query($u: Boolean, $first: Int, $after: String) { me {
        notifications(unreadOnly: $u, first: $first, after: $after) { edges { cursor node { ${notificationFields} } } pageInfo { hasNextPage } }
        unreadNotificationCount } }`,
      { u: options.unreadOnly ?? false, first: options.first ?? 50, after: options.after },
      { token: user.token },
    ),
  ).me;
  const edges = data.notifications.edges as { cursor: string; node: NotificationView }[];
  return { list: edges.map((edge) => edge.node), cursors: edges.map((edge) => edge.cursor), hasNext: data.notifications.pageInfo.hasNextPage, unread: data.unreadNotificationCount as number };
}
const kinds = (list: NotificationView[]) => list.map((n) => `${n.kind}:${n.actor?.handle ?? '-'}`);

const friendAction = async (action: string, viewer: TestUser, target: TestUser) =>
  ok(await t.gql(`mutation($h: String!) { ${action}(input: { handle: $h }) { handle } }`, { h: target.handle }, { token: viewer.token }));

const markNotificationsRead = (user: TestUser, input: Record<string, unknown>) =>
  t.gql(`mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }`, { input }, { token: user.token });

const send = async (user: TestUser, conversationId: string, text: string, app = t) =>
  ok(await app.gql(`mutation($id: ID!, $text: String!) { sendMessage(input: { conversationId: $id, text: $text }) { id seq } }`, { id: conversationId, text }, { token: user.token }))
    .sendMessage as { id: string; seq: number };

const markRead = async (user: TestUser, conversationId: string, seq: number) =>
  ok(await t.gql(`mutation($id: ID!, $seq: Int!) { markRead(input: { conversationId: $id, seq: $seq }) { id } }`, { id: conversationId, seq }, { token: user.token }));

async function directBetween(a: TestUser, b: TestUser): Promise<string> {
  await befriend(t, a, b);
  return ok(await t.gql(`mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: b.handle }, { token: a.token }))
    .openDirectConversation.id;
}

const createGroup = async (owner: TestUser, members: TestUser[], title: string, app = t): Promise<string> =>
  ok(await app.gql(`mutation($ids: [ID!]!, $title: String!) { createGroup(input: { title: $title, memberIds: $ids }) { id } }`, { ids: members.map((m) => m.id), title }, { token: owner.token }))
    .createGroup.id;

const myEventsQuery = /* GraphQL */ `
  subscription { myEvents {
    __typename
    ... on NotificationAdded { notification { ${notificationFields} } }
    ... on CheckInDue { prompt { id text } }
  } }`;

/**
 * Subscribes the user to myEvents and waits until it is live. It has no replay, so the user
 * writes into a group of their own until the ConversationUpdated arrives: that makes no
 * notification for anyone, and whatever is published for the user afterwards arrives after it.
 */
async function watch(user: TestUser, app = t, url = wsUrl) {
  const probes = await createGroup(user, [], 'probe', app);
  const client = connectLive(url, user.token);
  clients.push(client);
  const sub = client.subscribe(myEventsQuery);
  for (let probe = 0; sub.results.length === 0 && probe < 200; probe += 1) {
    await send(user, probes, `probe ${probe}`, app);
    await Promise.race([sub.waitFor(1), new Promise((resolve) => setImmediate(resolve))]);
  }
  await sub.waitFor(1);
  const events = () => sub.results.map((result) => result.data?.myEvents ?? result);
  const added = (): NotificationView[] => events().filter((e) => e.__typename === 'NotificationAdded').map((e) => e.notification);
  return {
    events,
    added,
    /** Resolves once `count` NotificationAdded events have arrived in all. */
    async waitForAdded(count: number) {
      while (added().length < count) await sub.waitFor(sub.results.length + 1);
    },
    /** Resolves once everything published for the user before this call has arrived. */
    async flush() {
      const seen = sub.results.length;
      await send(user, probes, 'flush', app);
      while (!sub.results.slice(seen).some((r) => r.data?.myEvents?.__typename === 'ConversationUpdated')) await sub.waitFor(sub.results.length + 1);
    },
  };
}

describe('friend request notifications', () => {
  it('should notify the target of a request, with the requester as subject and actor', async () => {
    const [ann, bob] = [await person('ann'), await person('bob')];
    await friendAction('sendFriendRequest', ann, bob);
    const { list, unread } = await inbox(bob);
    expect(list).toMatchObject([
      { kind: 'FRIEND_REQUEST', text: `${named(ann)} sent you a friend request`, count: 1, readAt: null, actor: { handle: ann.handle }, subject: { __typename: 'User', id: ann.id } },
    ]);
    expect(unread).toBe(1);
    expect((await inbox(ann)).list).toEqual([]);
  });

  it('should settle the request and tell the requester when it is accepted', async () => {
    const [ann, bob] = [await person('ann'), await person('bob')];
    await friendAction('sendFriendRequest', ann, bob);
    await friendAction('acceptFriendRequest', bob, ann);
    const bobs = await inbox(bob);
    expect(bobs.list).toMatchObject([{ kind: 'FRIEND_REQUEST', readAt: expect.any(String) }]);
    expect(bobs.unread).toBe(0);
    expect((await inbox(ann)).list).toMatchObject([
      { kind: 'FRIEND_ACCEPTED', text: `${named(bob)} accepted your friend request`, readAt: null, actor: { handle: bob.handle }, subject: { __typename: 'User', id: bob.id } },
    ]);
  });

  it('should treat asking back as accepting: the first requester hears of it, the other request is settled', async () => {
    const [ann, bob] = [await person('ann'), await person('bob')];
    await friendAction('sendFriendRequest', ann, bob);
    await friendAction('sendFriendRequest', bob, ann);
    expect(kinds((await inbox(ann)).list)).toEqual([`FRIEND_ACCEPTED:${bob.handle}`]);
    const bobs = await inbox(bob);
    expect(kinds(bobs.list)).toEqual([`FRIEND_REQUEST:${ann.handle}`]);
    expect(bobs.unread).toBe(0);
  });

  it('should settle the request on decline without telling the requester', async () => {
    const [ann, bob] = [await person('ann'), await person('bob')];
    await friendAction('sendFriendRequest', ann, bob);
    await friendAction('declineFriendRequest', bob, ann);
    expect((await inbox(bob)).list).toMatchObject([{ kind: 'FRIEND_REQUEST', readAt: expect.any(String) }]);
    expect((await inbox(ann)).list).toEqual([]);
  });

  it.each([
    ['the requester cancels', 'cancelFriendRequest', 'requester'],
    ['the requester blocks', 'blockUser', 'requester'],
    ['the target blocks', 'blockUser', 'target'],
  ])('should remove the unread request notification when %s', async (_case, action, who) => {
    const [ann, bob] = [await person('ann'), await person('bob')];
    await friendAction('sendFriendRequest', ann, bob);
    expect((await inbox(bob)).unread).toBe(1);
    if (who === 'requester') await friendAction(action, ann, bob);
    else await friendAction(action, bob, ann);
    expect(await inbox(bob)).toMatchObject({ list: [], unread: 0 });
  });

  it("should write texts in the recipient's language", async () => {
    const ann = await person('ann');
    const english = `${named(ann)} sent you a friend request`;
    for (const locale of ['RU', 'ES']) {
      const target = await person(locale.toLowerCase(), { locale });
      await friendAction('sendFriendRequest', ann, target);
      const [notification] = (await inbox(target)).list;
      expect(notification!.text).not.toBe(english);
      expect(notification!.text).toContain(`@${ann.handle}`);
    }
    const russian = await person('ru', { locale: 'RU' });
    await friendAction('sendFriendRequest', russian, ann);
    await friendAction('acceptFriendRequest', ann, russian);
    const [accepted] = (await inbox(russian)).list;
    expect(accepted).toMatchObject({ kind: 'FRIEND_ACCEPTED', text: expect.stringContaining(`@${ann.handle}`) });
    expect(accepted!.text).not.toBe(`${named(ann)} accepted your friend request`);
  });
});

describe('new message notifications', () => {
  it('should keep one unread notification per conversation: counting, quoting the latest, moving to the top', async () => {
    const [ann, bob, cat] = [await person('ann'), await person('bob'), await person('cat')];
    const id = await directBetween(bob, ann); // ann's FRIEND_REQUEST from bob is settled by accepting
    await send(bob, id, 'first');
    const [first] = (await inbox(ann)).list;
    expect(first).toMatchObject({ kind: 'NEW_MESSAGE', text: `${bob.handle.toUpperCase()}: first`, count: 1, readAt: null, actor: { handle: bob.handle }, subject: { __typename: 'Conversation', id } });
    await friendAction('sendFriendRequest', cat, ann);
    expect(kinds((await inbox(ann)).list)).toEqual([`FRIEND_REQUEST:${cat.handle}`, `NEW_MESSAGE:${bob.handle}`, `FRIEND_REQUEST:${bob.handle}`]);
    await send(bob, id, 'second');
    await send(bob, id, 'x'.repeat(200));
    const after = await inbox(ann);
    expect(kinds(after.list)).toEqual([`NEW_MESSAGE:${bob.handle}`, `FRIEND_REQUEST:${cat.handle}`, `FRIEND_REQUEST:${bob.handle}`]);
    expect(after.list[0]).toMatchObject({ id: first!.id, count: 3, text: `${bob.handle.toUpperCase()}: ${'x'.repeat(139)}…`, readAt: null });
    expect(after.unread).toBe(2);
    expect((await inbox(bob)).list.map((n) => n.kind)).toEqual(['FRIEND_ACCEPTED']);
  });

  it('should settle it once the conversation is read up to its newest message; the next message starts a new one', async () => {
    const [ann, bob] = [await person('ann'), await person('bob')];
    const id = await directBetween(bob, ann);
    const one = await send(bob, id, 'one');
    const two = await send(bob, id, 'two');
    await markRead(ann, id, one.seq);
    expect((await inbox(ann, { unreadOnly: true })).list).toMatchObject([{ kind: 'NEW_MESSAGE', count: 2 }]);
    await markRead(ann, id, two.seq);
    const settled = await inbox(ann);
    expect(settled.unread).toBe(0);
    expect(settled.list[0]).toMatchObject({ kind: 'NEW_MESSAGE', count: 2, readAt: expect.any(String) });
    await send(bob, id, 'three');
    const fresh = await inbox(ann, { unreadOnly: true });
    expect(fresh.list).toMatchObject([{ kind: 'NEW_MESSAGE', count: 1, text: `${bob.handle.toUpperCase()}: three` }]);
    expect(fresh.list[0]!.id).not.toBe(settled.list[0]!.id);
    // Marking the notification itself read settles it too.
    expect(ok(await markNotificationsRead(ann, { ids: [fresh.list[0]!.id] })).markNotificationsRead).toBe(1);
    await send(bob, id, 'four');
    const again = await inbox(ann, { unreadOnly: true });
    expect(again.list).toMatchObject([{ kind: 'NEW_MESSAGE', count: 1, text: `${bob.handle.toUpperCase()}: four` }]);
    expect(again.list[0]!.id).not.toBe(fresh.list[0]!.id);
  });

  it('should quote the group title, skip the author, and skip a member who blocked the author', async () => {
    const [ann, bob, cat] = [await person('ann'), await person('bob'), await person('cat')];
    await befriend(t, ann, bob);
    await befriend(t, ann, cat);
    const id = await createGroup(ann, [bob, cat], 'Climbing');
    await friendAction('blockUser', cat, ann);
    await send(ann, id, 'hello all');
    const newMessages = async (user: TestUser) => (await inbox(user)).list.filter((n) => n.kind === 'NEW_MESSAGE');
    expect(await newMessages(bob)).toMatchObject([{ text: `${ann.handle.toUpperCase()} · Climbing: hello all`, count: 1, subject: { id } }]);
    expect(await newMessages(cat)).toEqual([]);
    expect(await newMessages(ann)).toEqual([]);
    await send(bob, id, 'hi');
    expect(await newMessages(cat)).toMatchObject([{ text: `${bob.handle.toUpperCase()} · Climbing: hi`, actor: { handle: bob.handle } }]);
  });

  it("should keep listing a former member's notifications without errors, hiding the conversation", async () => {
    const [ann, bob, cat] = [await person('ann'), await person('bob'), await person('cat')];
    await befriend(t, ann, bob);
    await befriend(t, ann, cat);
    const id = await createGroup(ann, [bob, cat], 'Gone');
    await send(ann, id, 'before you go');
    ok(await t.gql(`mutation($id: ID!, $u: ID!) { removeMember(input: { conversationId: $id, userId: $u }) { id } }`, { id, u: bob.id }, { token: ann.token }));
    ok(await t.gql(`mutation($id: ID!) { leaveConversation(input: { conversationId: $id }) }`, { id }, { token: cat.token }));
    for (const former of [bob, cat]) {
      // inbox() fails on any error: today the subject answers FORBIDDEN inside the viewer's own list.
      const { list } = await inbox(former);
      expect(list.filter((n) => n.kind === 'NEW_MESSAGE').every((n) => n.subject === null)).toBe(true);
    }
  });

  it("should stop quoting a message once it is deleted, in each recipient's language", async () => {
    const [ann, bob, ivan] = [await person('ann'), await person('bob'), await person('ivan', { locale: 'RU' })];
    await befriend(t, ann, bob);
    await befriend(t, ann, ivan);
    const group = await createGroup(ann, [bob, ivan], 'Club');
    const secret = await send(ann, group, 'the secret is 42');
    expect((await inbox(bob)).list[0]!.text).toBe(`${ann.handle.toUpperCase()} · Club: the secret is 42`);
    ok(await t.gql(`mutation($id: ID!) { deleteMessage(input: { messageId: $id }) }`, { id: secret.id }, { token: ann.token }));
    expect((await inbox(bob)).list[0]!.text).toBe(`${ann.handle.toUpperCase()} · Club: (deleted message)`);
    expect((await inbox(ivan)).list[0]!.text).toBe(`${ann.handle.toUpperCase()} · Club: (сообщение удалено)`);
    // A later message quotes itself again; deleting the earlier one changes nothing more.
    await send(ann, group, 'hello again');
    expect((await inbox(bob)).list[0]).toMatchObject({ text: `${ann.handle.toUpperCase()} · Club: hello again`, count: 2 });
  });

  it('should add up 20 concurrent messages into exactly one unread notification with count 20', async () => {
    const [ann, bob] = [await person('ann'), await person('bob')];
    const id = await directBetween(bob, ann);
    await Promise.all(Array.from({ length: 20 }, (_, i) => send(bob, id, `burst ${i}`)));
    const { list } = await inbox(ann, { unreadOnly: true });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'NEW_MESSAGE', count: 20, text: expect.stringMatching(/: burst \d+$/) });
  });
});

describe('me.notifications and markNotificationsRead', () => {
  async function inboxOfThree() {
    const ann = await person('ann');
    const senders = [await person('bob'), await person('cat'), await person('dan')];
    for (const sender of senders) await friendAction('sendFriendRequest', sender, ann);
    return { ann, senders };
  }

  it('should list newest first, page through, and filter unread ones', async () => {
    const { ann, senders: [bob, cat, dan] } = await inboxOfThree();
    const all = await inbox(ann);
    expect(kinds(all.list)).toEqual([dan, cat, bob].map((u) => `FRIEND_REQUEST:${u!.handle}`));
    const page = await inbox(ann, { first: 2 });
    expect(page.list.map((n) => n.id)).toEqual(all.list.slice(0, 2).map((n) => n.id));
    expect(page.hasNext).toBe(true);
    const rest = await inbox(ann, { first: 2, after: page.cursors[1] });
    expect(rest.list.map((n) => n.id)).toEqual([all.list[2]!.id]);
    expect(rest.hasNext).toBe(false);
    ok(await markNotificationsRead(ann, { ids: [all.list[1]!.id] }));
    const unread = await inbox(ann, { unreadOnly: true });
    expect(kinds(unread.list)).toEqual([dan, bob].map((u) => `FRIEND_REQUEST:${u!.handle}`));
    expect(unread.unread).toBe(2);
  });

  it("should mark only the viewer's own notifications by id, answering how many were unread", async () => {
    const { ann, senders } = await inboxOfThree();
    const bob = senders[0]!;
    await friendAction('sendFriendRequest', senders[1]!, bob);
    const [annsNewest] = (await inbox(ann)).list;
    const [bobs] = (await inbox(bob)).list;
    const unknown = encodeGlobalID('Notification', '00000000-0000-4000-8000-000000000000');
    expect(ok(await markNotificationsRead(ann, { ids: [annsNewest!.id, bobs!.id, unknown] })).markNotificationsRead).toBe(1);
    expect((await inbox(ann)).unread).toBe(2);
    expect(await inbox(bob)).toMatchObject({ unread: 1, list: [{ id: bobs!.id, readAt: null }] });
    expect(ok(await markNotificationsRead(ann, { ids: [annsNewest!.id] })).markNotificationsRead).toBe(0);
    expect(ok(await markNotificationsRead(ann, { ids: [] })).markNotificationsRead).toBe(0);
  });

  it('should mark all with all: true', async () => {
    const { ann } = await inboxOfThree();
    expect(ok(await markNotificationsRead(ann, { all: true })).markNotificationsRead).toBe(3);
    const after = await inbox(ann);
    expect(after.unread).toBe(0);
    expect(after.list.every((n) => n.readAt !== null)).toBe(true);
    expect(ok(await markNotificationsRead(ann, { all: true })).markNotificationsRead).toBe(0);
  });

  it.each([
    ['neither ids nor all', {}],
    ['all: false alone', { all: false }],
    ['both ids and all', { ids: [], all: true }],
    ['a malformed id', { ids: ['not-an-id'] }],
    ['the id of another type', { ids: [encodeGlobalID('User', '00000000-0000-4000-8000-000000000000')] }],
  ])('should refuse %s with BAD_USER_INPUT', async (_case, input) => {
    const { ann } = await inboxOfThree();
    expect(errorCode(await markNotificationsRead(ann, input))).toBe('BAD_USER_INPUT');
    expect((await inbox(ann)).unread).toBe(3);
  });

  it('should not show a notification to anyone else through node(id)', async () => {
    const { ann, senders } = await inboxOfThree();
    const [own] = (await inbox(ann)).list;
    const node = `query($id: ID!) { node(id: $id) { ... on Notification { text } } }`;
    expect(ok(await t.gql(node, { id: own!.id }, { token: ann.token })).node).toEqual({ text: own!.text });
    expect((await t.gql(node, { id: own!.id }, { token: senders[0]!.token })).data?.node ?? null).toBeNull();
  });

  it('should refuse signed-out callers', async () => {
    expect(errorCode(await t.gql(`mutation { markNotificationsRead(input: { all: true }) }`))).toBe('UNAUTHENTICATED');
  });
});

describe('live notifications on myEvents', () => {
  it('should push each new or updated notification with its kind and count', async () => {
    const [ann, bob, cat] = [await person('ann'), await person('bob'), await person('cat')];
    const id = await directBetween(ann, bob);
    const bobSees = await watch(bob);
    await send(ann, id, 'one');
    await bobSees.waitForAdded(1);
    await send(ann, id, 'two');
    await bobSees.waitForAdded(2);
    await friendAction('sendFriendRequest', cat, bob);
    await bobSees.waitForAdded(3);
    const [first, second, third] = bobSees.added();
    expect(first).toMatchObject({ kind: 'NEW_MESSAGE', count: 1, text: `${ann.handle.toUpperCase()}: one`, subject: { id } });
    expect(second).toMatchObject({ id: first!.id, kind: 'NEW_MESSAGE', count: 2, text: `${ann.handle.toUpperCase()}: two` });
    expect(third).toMatchObject({ kind: 'FRIEND_REQUEST', count: 1, actor: { handle: cat.handle } });
  });

  it("should never deliver someone else's notification", async () => {
    const [ann, bob, cat] = [await person('ann'), await person('bob'), await person('cat')];
    const [annSees, bobSees] = [await watch(ann), await watch(bob)];
    await friendAction('sendFriendRequest', cat, bob);
    await bobSees.waitForAdded(1);
    await friendAction('sendFriendRequest', cat, ann);
    await annSees.waitForAdded(1);
    await Promise.all([annSees.flush(), bobSees.flush()]);
    const [annsOwn] = (await inbox(ann)).list;
    expect(annSees.added().map((n) => n.id)).toEqual([annsOwn!.id]);
    expect(bobSees.added()).toHaveLength(1);
    expect(bobSees.added()[0]!.id).not.toBe(annsOwn!.id);
  });
});

describe('check-in notifications', () => {
  let c: TestApp;
  let checkInUrl: string;
  beforeAll(async () => {
    // 10:00 UTC, inside the default 09:00–22:00 window: a new user's first check-in is due at 12:00.
    c = await createTestApp({}, { now: () => new Date('2030-03-04T10:00:00Z') });
    const { port } = await c.app.server.start(0, '127.0.0.1');
    checkInUrl = `ws://127.0.0.1:${port}/graphql`;
  });
  afterAll(() => c.close());

  it('should notify when the ticker creates a prompt, not before, and push it live', async () => {
    const ann = await person('ann', {}, c);
    const annSees = await watch(ann, c, checkInUrl);
    expect(await c.app.jobs.checkIns.tick(new Date('2030-03-04T11:59:00Z'))).toEqual([]);
    expect((await inbox(ann, {}, c)).list).toEqual([]);
    const prompts = await c.app.jobs.checkIns.tick(new Date('2030-03-04T12:00:00Z'));
    expect(prompts).toHaveLength(1);
    const promptId = encodeGlobalID('CheckInPrompt', prompts[0]!.promptId);
    const { list, unread } = await inbox(ann, {}, c);
    expect(list).toEqual([
      { id: expect.any(String), kind: 'CHECK_IN', text: 'What are you doing?', count: 1, createdAt: '2030-03-04T12:00:00.000Z', readAt: null, actor: null, subject: { __typename: 'CheckInPrompt', id: promptId } },
    ]);
    expect(unread).toBe(1);
    await annSees.waitForAdded(1);
    expect(annSees.added()).toEqual(list);
    expect(annSees.events().filter((e) => e.__typename === 'CheckInDue').map((e) => e.prompt.id)).toEqual([promptId]);
    expect(await c.app.jobs.checkIns.tick(new Date('2030-03-04T12:00:00Z'))).toEqual([]);
  });
});

describe('admin stats', () => {
  const statsQuery = `{ stats { users newLast7Days activeLast7Days messagesLast24h activitiesLast24h telegramLinked } }`;
  let s: TestApp;
  let normal: TestUser;
  let clock: Date | null = null;
  beforeAll(async () => {
    s = await createTestApp({ ADMIN_HANDLES: 'boss,chief' }, { now: () => clock ?? new Date() });
    normal = await signUp(s, 'normal');
  });
  afterAll(() => s.close());

  const stats = async (boss: TestUser) => ok(await s.gql(statsQuery, {}, { token: boss.token })).stats;
  const advance = (ms: number) => (clock = new Date((clock ?? new Date()).getTime() + ms));
  const hours = 3_600_000;
  const record = async (user: TestUser, text: string) =>
    ok(await s.gql(`mutation($text: String!) { recordActivity(input: { text: $text }) { id } }`, { text }, { token: user.token }));
  const telegramSignIn = async (telegramId: string) =>
    ok(await s.gql(`mutation($input: TelegramSignInInput!) { telegramSignIn(input: $input) { user { id } } }`, { input: { telegramId, chatId: telegramId, firstName: 'Tele' } }, { serviceKey }));

  it('should refuse signed-out callers and normal users', async () => {
    expect(errorCode(await s.gql(statsQuery))).toBe('UNAUTHENTICATED');
    expect(errorCode(await s.gql(statsQuery, {}, { token: normal.token }))).toBe('FORBIDDEN');
  });

  it("should count users, activity and messages exactly, by the server's clock", async () => {
    const boss = await signUp(s, 'boss');
    const [ann, bob] = [await signUp(s, 'ann'), await signUp(s, 'bob')];
    await befriend(s, ann, bob);
    const id = ok(await s.gql(`mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: bob.handle }, { token: ann.token })).openDirectConversation.id;
    for (const text of ['a', 'b', 'c']) await send(ann, id, text, s);
    await send(bob, id, 'd', s);
    await record(ann, 'climbing');
    await record(bob, 'reading');
    await telegramSignIn('9100000001');
    // normal, boss, ann, bob and the Telegram account.
    expect(await stats(boss)).toEqual({ users: 5, newLast7Days: 5, activeLast7Days: 5, messagesLast24h: 4, activitiesLast24h: 2, telegramLinked: 1 });

    // A day later: the messages and activities are older than 24 hours; a new activity counts.
    advance(25 * hours);
    await record(ann, 'a day later');
    expect(await stats(boss)).toEqual({ users: 5, newLast7Days: 5, activeLast7Days: 5, messagesLast24h: 0, activitiesLast24h: 1, telegramLinked: 1 });

    // Eight days later nobody is new; sign-in, refresh and a Telegram sign-in make people active again.
    advance(8 * 24 * hours);
    expect(await stats(boss)).toMatchObject({ users: 5, newLast7Days: 0, activeLast7Days: 0, activitiesLast24h: 0 });
    ok(await s.gql(`mutation { signIn(input: { handle: "ann", password: "password-123" }) { accessToken } }`));
    ok(await s.gql(`mutation($t: String!) { refreshSession(input: { refreshToken: $t }) { accessToken } }`, { t: bob.refreshToken }));
    await telegramSignIn('9100000001');
    expect(await stats(boss)).toEqual({ users: 5, newLast7Days: 0, activeLast7Days: 3, messagesLast24h: 0, activitiesLast24h: 0, telegramLinked: 1 });
  });

  it("should count a sign-up as new and active by the server's clock", async () => {
    const chief = await signUp(s, 'chief');
    advance(30 * 24 * hours);
    const before = await stats(chief);
    await signUp(s, 'late');
    // Fails today: signUp leaves createdAt and lastActiveAt to the database's now(), not the server's clock.
    expect(await stats(chief)).toMatchObject({ users: before.users + 1, newLast7Days: before.newLast7Days + 1, activeLast7Days: before.activeLast7Days + 1 });
  });
});
