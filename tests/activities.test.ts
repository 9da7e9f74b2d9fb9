import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive, type LiveClient, type Subscription } from './utils/live-client.ts';
import { createTestApp, errorCode, ok, type TestApp } from './utils/test-app.ts';
import { befriend, signUp, type TestUser } from './utils/users.ts';

// The server's clock: recordActivity stamps createdAt with it, diaryStats takes "today" from it.
let clock = new Date('2025-03-10T12:00:00Z');
let t: TestApp;
let wsUrl: string;
const clients: LiveClient[] = [];

beforeAll(async () => {
  t = await createTestApp({}, { now: () => clock });
  const { port } = await t.app.server.start(0, '127.0.0.1');
  wsUrl = `ws://127.0.0.1:${port}/graphql`;
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await t.close();
});

type Visibility = 'ONLY_ME' | 'FRIENDS' | 'EVERYONE';

let counter = 0;
async function people(count: number, extra: Record<string, unknown> = {}): Promise<TestUser[]> {
  counter += 1;
  const users: TestUser[] = [];
  for (let i = 0; i < count; i += 1) users.push(await signUp(t, `a${counter}_${i}`, extra));
  return users;
}

const activityFields = 'id text createdAt promptText prompt { id answeredAt } author { handle }';
const recordRaw = (user: TestUser | undefined, input: Record<string, unknown>) =>
  t.gql(`mutation($input: RecordActivityInput!) { recordActivity(input: $input) { ${activityFields} } }`, { input }, { token: user?.token });

/** Records an entry one second after the previous one (so newest-first order is the order of the calls). */
async function record(user: TestUser, text: string): Promise<string> {
  clock = new Date(clock.getTime() + 1000);
  return ok(await recordRaw(user, { text })).recordActivity.id;
}

const mutate = (user: TestUser, mutation: string, other: TestUser) =>
  t.gql(`mutation($h: String!) { ${mutation}(input: { handle: $h }) { handle } }`, { h: other.handle }, { token: user.token }).then(ok);
const setVisibility = async (user: TestUser, visibility: Visibility) =>
  ok(await t.gql(`mutation($v: Visibility!) { updateCheckInSettings(input: { visibility: $v }) { visibility } }`, { v: visibility }, { token: user.token }));

type Page = { ids: string[]; texts: string[]; hasNextPage: boolean; endCursor: string | null };
function pageOf(connection: any): Page {
  const nodes = connection.edges.map((edge: any) => edge.node);
  return { ids: nodes.map((n: any) => n.id), texts: nodes.map((n: any) => n.text), ...connection.pageInfo };
}
const connectionFields = '{ edges { node { id text } } pageInfo { hasNextPage endCursor } }';
const feedRaw = (viewer: TestUser, args: Record<string, unknown> = { first: 50 }) =>
  t.gql(`query($first: Int, $after: String) { me { feed(first: $first, after: $after) ${connectionFields} } }`, args, { token: viewer.token });
const feed = async (viewer: TestUser, args?: Record<string, unknown>) => pageOf(ok(await feedRaw(viewer, args)).me.feed);
const activitiesRaw = (viewer: TestUser, author: TestUser, args: Record<string, unknown> = { first: 50 }) =>
  t.gql(`query($h: String!, $first: Int, $after: String) { user(handle: $h) { activities(first: $first, after: $after) ${connectionFields} } }`, { h: author.handle, ...args }, { token: viewer.token });
const activitiesOf = async (viewer: TestUser, author: TestUser) => pageOf(ok(await activitiesRaw(viewer, author)).user.activities);
const nodeRaw = (viewer: TestUser, id: string) => t.gql(`query($id: ID!) { node(id: $id) { id ... on Activity { text author { handle } } } }`, { id }, { token: viewer.token });

/** Follows a list from its first page to its last; the ids in the order the pages gave them. */
async function allPages(load: (after: string | null) => Promise<Page>): Promise<string[]> {
  const ids: string[] = [];
  for (let after: string | null = null, pages = 0; pages < 100; pages += 1) {
    const page = await load(after);
    ids.push(...page.ids);
    if (!page.hasNextPage) return ids;
    after = page.endCursor;
  }
  throw new Error('too many pages');
}

const feedSubscription = 'subscription { feedEvents { id text author { handle } } }';
const textsOf = (sub: Subscription) => sub.results.map((result) => result.data?.feedEvents?.text ?? JSON.stringify(result.errors));

/** Subscribes `viewer` to feedEvents and has `prober` (a friend) record probes until one arrives, so the stream is live. */
async function followFeed(viewer: TestUser, prober: TestUser): Promise<Subscription> {
  const client = connectLive(wsUrl, viewer.token);
  clients.push(client);
  const sub = client.subscribe(feedSubscription);
  for (let probe = 0; sub.results.length === 0 && probe < 200; probe += 1) {
    await record(prober, `probe ${probe}`);
    await Promise.race([sub.waitFor(1), new Promise((resolve) => setImmediate(resolve))]);
  }
  await sub.waitFor(1);
  return sub;
}
/** What arrived, probes left out (a late probe may still arrive after the stream went live). */
const nonProbes = (sub: Subscription) => textsOf(sub).filter((text) => !text.startsWith('probe '));
async function waitForText(sub: Subscription, text: string) {
  while (!textsOf(sub).includes(text)) await sub.waitFor(sub.results.length + 1);
}

describe('recordActivity', () => {
  it('should store a trimmed entry stamped with the server clock, without a prompt', async () => {
    const [ann] = await people(1);
    clock = new Date('2025-03-10T12:00:00Z');
    const activity = ok(await recordRaw(ann, { text: '  walked the dog  ' })).recordActivity;
    expect(activity).toMatchObject({ text: 'walked the dog', createdAt: '2025-03-10T12:00:00.000Z', promptText: null, prompt: null, author: { handle: ann!.handle } });
    clock = new Date('2025-03-10T12:01:00Z');
    expect(ok(await recordRaw(ann, { text: 'x'.repeat(2000) })).recordActivity.text).toHaveLength(2000);
    expect((await activitiesOf(ann!, ann!)).texts).toEqual(['x'.repeat(2000), 'walked the dog']);
  });

  it('should answer one of your own prompts, showing the prompt to the author only', async () => {
    clock = new Date('2025-03-10T12:00:00Z');
    const [ann, bob] = await people(2);
    await befriend(t, ann!, bob!);
    // The default question is first due one interval (120 minutes) after sign-up.
    await t.app.jobs.checkIns.tick(new Date('2025-03-10T14:00:00Z'));
    clock = new Date('2025-03-10T14:05:00Z');
    const current = ok(await t.gql('{ me { currentPrompt { id text answeredAt } } }', {}, { token: ann!.token })).me.currentPrompt;
    expect(current).toMatchObject({ answeredAt: null });
    const activity = ok(await recordRaw(ann, { text: 'reading', promptId: current.id })).recordActivity;
    expect(activity).toMatchObject({ promptText: current.text, prompt: { id: current.id, answeredAt: '2025-03-10T14:05:00.000Z' } });
    expect(ok(await t.gql('{ me { currentPrompt { id } } }', {}, { token: ann!.token })).me.currentPrompt).toBeNull();
    // Answering it again keeps the first answer's time.
    clock = new Date('2025-03-10T14:10:00Z');
    expect(ok(await recordRaw(ann, { text: 'still reading', promptId: current.id })).recordActivity.prompt.answeredAt).toBe('2025-03-10T14:05:00.000Z');
    const seenByBob = ok(await t.gql(`query($h: String!) { user(handle: $h) { activities(first: 5) { edges { node { text promptText prompt { id } } } } } }`, { h: ann!.handle }, { token: bob!.token }));
    expect(seenByBob.user.activities.edges.map((edge: any) => edge.node)).toEqual([
      { text: 'still reading', promptText: current.text, prompt: null },
      { text: 'reading', promptText: current.text, prompt: null },
    ]);
    expect((await t.gql('query($id: ID!) { node(id: $id) { id } }', { id: current.id }, { token: bob!.token })).data).toEqual({ node: null });
  });

  it.each([
    ['an empty text', { text: '' }, 'input.text'],
    ['a whitespace-only text', { text: ' \n\t ' }, 'input.text'],
    ['a 2001-character text', { text: 'x'.repeat(2001) }, 'input.text'],
    ['a malformed promptId', { text: 'hi', promptId: 'not-an-id' }, 'input.promptId'],
    ['a promptId of another type', { text: 'hi', promptId: encodeGlobalID('User', '00000000-0000-4000-8000-000000000000') }, 'input.promptId'],
  ])('should refuse %s with BAD_USER_INPUT and write nothing', async (_name, input, field) => {
    const [ann] = await people(1);
    const result = await recordRaw(ann, input);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.extensions!.field).toBe(field);
    expect(await t.db.prisma.activity.count({ where: { authorId: ann!.rawId } })).toBe(0);
  });

  it("should refuse another user's prompt with NOT_FOUND, writing nothing and leaving it unanswered", async () => {
    clock = new Date('2025-03-10T12:00:00Z');
    const [ann, bob] = await people(2);
    await t.app.jobs.checkIns.tick(new Date('2025-03-10T14:00:00Z'));
    clock = new Date('2025-03-10T14:05:00Z');
    const bobsPrompt = ok(await t.gql('{ me { currentPrompt { id } } }', {}, { token: bob!.token })).me.currentPrompt.id;
    expect(errorCode(await recordRaw(ann, { text: 'sneaky', promptId: bobsPrompt }))).toBe('NOT_FOUND');
    expect(errorCode(await recordRaw(ann, { text: 'ghost', promptId: encodeGlobalID('CheckInPrompt', '00000000-0000-4000-8000-000000000000') }))).toBe('NOT_FOUND');
    expect((await activitiesOf(ann!, ann!)).ids).toHaveLength(0);
    expect(ok(await t.gql('{ me { currentPrompt { id answeredAt } } }', {}, { token: bob!.token })).me.currentPrompt).toEqual({ id: bobsPrompt, answeredAt: null });
  });

  it('should require sign-in', async () => {
    expect(errorCode(await recordRaw(undefined, { text: 'anonymous' }))).toBe('UNAUTHENTICATED');
  });
});

describe('visibility matrix', () => {
  const roles = ['author', 'friend', 'stranger', 'blocked by the author', 'blocker of the author', 'pending requester'] as const;
  type Role = (typeof roles)[number];
  // Who may read the author's activities (user.activities, node) under each setting; the feed is friends' only.
  const mayRead: Record<Visibility, Role[]> = {
    ONLY_ME: ['author'],
    FRIENDS: ['author', 'friend'],
    EVERYONE: ['author', 'friend', 'stranger', 'pending requester'],
  };
  const cast = {} as Record<Visibility, { users: Record<Role, TestUser>; activityId: string; text: string }>;

  beforeAll(async () => {
    for (const visibility of ['ONLY_ME', 'FRIENDS', 'EVERYONE'] as const) {
      const [author, friend, stranger, blocked, blocker, pending] = await people(6);
      const users = { author: author!, friend: friend!, stranger: stranger!, 'blocked by the author': blocked!, 'blocker of the author': blocker!, 'pending requester': pending! };
      for (const other of [friend!, blocked!, blocker!]) await befriend(t, author!, other);
      await mutate(author!, 'blockUser', blocked!);
      await mutate(blocker!, 'blockUser', author!);
      await mutate(pending!, 'sendFriendRequest', author!);
      await setVisibility(author!, visibility);
      const text = `secret of ${visibility}`;
      cast[visibility] = { users, activityId: await record(author!, text), text };
    }
  });

  const table = (['ONLY_ME', 'FRIENDS', 'EVERYONE'] as const).flatMap((visibility) =>
    roles.map((role) => ({ visibility, role, reads: mayRead[visibility].includes(role), inFeed: role === 'friend' && visibility !== 'ONLY_ME' })),
  );

  it.each(table)('should give the $role of a $visibility author activities=$reads', async ({ visibility, role, reads }) => {
    const { users, activityId } = cast[visibility];
    expect((await activitiesOf(users[role], users.author)).ids).toEqual(reads ? [activityId] : []);
  });

  it.each(table)('should give the $role of a $visibility author node=$reads, leaking nothing when refused', async ({ visibility, role, reads }) => {
    const { users, activityId, text } = cast[visibility];
    const result = await nodeRaw(users[role], activityId);
    if (reads) {
      expect(result).toEqual({ data: { node: { id: activityId, text, author: { handle: users.author.handle } } } });
    } else {
      // Refused as FORBIDDEN with a null node (an id that does not exist is a plain null).
      expect(result.data).toEqual({ node: null });
      expect(result.errors!.map((error) => error.extensions!.code)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(result)).not.toContain(text);
    }
  });

  it.each(table)('should give the $role of a $visibility author feed=$inFeed', async ({ visibility, role, inFeed }) => {
    const { users, activityId } = cast[visibility];
    expect((await feed(users[role])).ids).toEqual(inFeed ? [activityId] : []);
  });
});

describe('feed', () => {
  it("should list friends' activities newest first, leaving out your own and strangers'", async () => {
    const [viewer, ann, bob, cat, stranger] = await people(5);
    for (const friend of [ann!, bob!, cat!]) await befriend(t, viewer!, friend);
    await setVisibility(cat!, 'EVERYONE');
    await setVisibility(stranger!, 'EVERYONE');
    await record(ann!, 'ann 1');
    await record(bob!, 'bob 1');
    await record(viewer!, 'my own');
    await record(cat!, 'cat 1');
    await record(stranger!, 'stranger 1');
    await record(ann!, 'ann 2');
    expect((await feed(viewer!)).texts).toEqual(['ann 2', 'cat 1', 'bob 1', 'ann 1']);
  });

  it('should page with first/after through every activity exactly once, in order, also across equal times', async () => {
    const [viewer, ann, bob] = await people(3);
    await befriend(t, viewer!, ann!);
    await befriend(t, viewer!, bob!);
    for (let i = 0; i < 5; i += 1) await record(i % 2 ? ann! : bob!, `spaced ${i}`);
    // Several entries in the same millisecond: the id breaks the tie.
    clock = new Date(clock.getTime() + 1000);
    for (let i = 0; i < 6; i += 1) ok(await recordRaw(i % 2 ? ann : bob, { text: `same time ${i}` }));
    const whole = await feed(viewer!, { first: 50 });
    expect(whole.ids).toHaveLength(11);
    expect(whole.texts.slice(6)).toEqual(['spaced 4', 'spaced 3', 'spaced 2', 'spaced 1', 'spaced 0']);
    for (const size of [1, 2, 4]) {
      expect(await allPages((after) => feed(viewer!, { first: size, after }))).toEqual(whole.ids);
    }
    // Backwards (last/before) the pages come newest-last; read in reverse they give the same list.
    const backwards: string[] = [];
    for (let before: string | null = null, more = true; more; ) {
      const data: any = ok(await t.gql(`query($before: String) { me { feed(last: 3, before: $before) { edges { node { id } } pageInfo { hasPreviousPage startCursor } } } }`, { before }, { token: viewer!.token }));
      backwards.unshift(...data.me.feed.edges.map((edge: any) => edge.node.id));
      ({ hasPreviousPage: more, startCursor: before } = data.me.feed.pageInfo);
    }
    expect(backwards).toEqual(whole.ids);
  });

  it('should drop a friend who switches to ONLY_ME, and bring them back when they share again', async () => {
    const [viewer, ann, bob] = await people(3);
    await befriend(t, viewer!, ann!);
    await befriend(t, viewer!, bob!);
    await record(ann!, 'ann shares');
    await record(bob!, 'bob shares');
    await setVisibility(ann!, 'ONLY_ME');
    expect((await feed(viewer!)).texts).toEqual(['bob shares']);
    await setVisibility(ann!, 'EVERYONE');
    expect((await feed(viewer!)).texts).toEqual(['bob shares', 'ann shares']);
  });

  it('should drop someone who is unfriended, whichever side ends it', async () => {
    const [viewer, ann, bob, cat] = await people(4);
    for (const friend of [ann!, bob!, cat!]) await befriend(t, viewer!, friend);
    await record(ann!, 'ann');
    await record(bob!, 'bob');
    await record(cat!, 'cat');
    await mutate(viewer!, 'removeFriend', ann!);
    await mutate(bob!, 'removeFriend', viewer!);
    expect((await feed(viewer!)).texts).toEqual(['cat']);
  });

  it('should refuse a cursor that is not from this list with BAD_USER_INPUT', async () => {
    const [viewer, ann] = await people(2);
    await befriend(t, viewer!, ann!);
    const friendsCursor = ok(await t.gql('{ me { friends(first: 1) { pageInfo { endCursor } } } }', {}, { token: viewer!.token })).me.friends.pageInfo.endCursor;
    const handMade = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const after of ['not-a-cursor', friendsCursor, handMade(['activities', 'yesterday', '00000000-0000-4000-8000-000000000000'])]) {
      const result = await feedRaw(viewer!, { first: 5, after });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions!.field).toBe('after');
      expect(errorCode(await activitiesRaw(viewer!, ann!, { first: 5, after }))).toBe('BAD_USER_INPUT');
    }
  });
});

describe('feedEvents', () => {
  it("should deliver a friend's new activities live, in order", async () => {
    const [viewer, ann, prober] = await people(3);
    await befriend(t, viewer!, ann!);
    await befriend(t, viewer!, prober!);
    const sub = await followFeed(viewer!, prober!);
    await record(ann!, 'first');
    await record(ann!, 'second');
    await waitForText(sub, 'second');
    expect(nonProbes(sub)).toEqual(['first', 'second']);
    expect(sub.results.find((result) => result.data.feedEvents.text === 'first')!.data.feedEvents.author.handle).toBe(ann!.handle);
  });

  it("should not deliver an ONLY_ME friend's, a stranger's or your own activities", async () => {
    const [viewer, hermit, stranger, prober] = await people(4);
    await befriend(t, viewer!, hermit!);
    await befriend(t, viewer!, prober!);
    await setVisibility(hermit!, 'ONLY_ME');
    await setVisibility(stranger!, 'EVERYONE');
    const sub = await followFeed(viewer!, prober!);
    await record(hermit!, 'hermit');
    await record(stranger!, 'stranger');
    await record(viewer!, 'mine');
    await record(prober!, 'allowed');
    await waitForText(sub, 'allowed');
    expect(nonProbes(sub)).toEqual(['allowed']);
  });

  it('should deliver nothing more across a block, either way', async () => {
    const [viewer, ann, bob, prober] = await people(4);
    for (const friend of [ann!, bob!, prober!]) await befriend(t, viewer!, friend);
    const sub = await followFeed(viewer!, prober!);
    await record(ann!, 'ann before');
    await record(bob!, 'bob before');
    await waitForText(sub, 'bob before');
    await mutate(ann!, 'blockUser', viewer!);
    await mutate(viewer!, 'blockUser', bob!);
    await record(ann!, 'ann after');
    await record(bob!, 'bob after');
    await record(prober!, 'allowed');
    await waitForText(sub, 'allowed');
    expect(nonProbes(sub)).toEqual(['ann before', 'bob before', 'allowed']);
  });

  it('should refuse a signed-out subscriber', async () => {
    const client = connectLive(wsUrl);
    clients.push(client);
    const sub = client.subscribe(feedSubscription);
    await sub.ended;
    expect(sub.results.map((result) => result.errors?.[0]?.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('diaryStats', () => {
  const zone = { timezone: 'America/New_York' };
  /** Records one entry per instant (UTC), then reads the stats at `now`. */
  async function statsAfter(entries: string[], now: string, user?: TestUser) {
    user ??= (await people(1, zone))[0]!;
    for (const at of entries) {
      clock = new Date(at);
      ok(await recordRaw(user, { text: `at ${at}` }));
    }
    clock = new Date(now);
    return ok(await t.gql('{ me { diaryStats { entries distinctDays currentStreak } } }', {}, { token: user.token })).me.diaryStats;
  }

  it('should be all zero for an empty diary', async () => {
    expect(await statsAfter([], '2025-01-10T15:00:00Z')).toEqual({ entries: 0, distinctDays: 0, currentStreak: 0 });
  });

  it('should count entries, and two entries of one local day as one day', async () => {
    // New York is UTC-5 in January: 14:00Z and 20:00Z are both on January 10th there.
    const stats = await statsAfter(['2025-01-10T14:00:00Z', '2025-01-10T20:00:00Z', '2025-01-11T15:00:00Z'], '2025-01-11T18:00:00Z');
    expect(stats).toEqual({ entries: 3, distinctDays: 2, currentStreak: 2 });
  });

  it('should count a streak of three local days ending today, or yesterday while today has none, and reset it after a gap', async () => {
    const [user] = await people(1, zone);
    const days = ['2025-01-08T17:00:00Z', '2025-01-09T17:00:00Z', '2025-01-10T17:00:00Z'];
    // 2025-01-11T04:59Z is still the 10th in New York.
    expect(await statsAfter(days, '2025-01-11T04:59:00Z', user)).toEqual({ entries: 3, distinctDays: 3, currentStreak: 3 });
    // 2025-01-12T03:00Z is 22:00 on the 11th there, which has no entry yet: the streak ends yesterday.
    expect(await statsAfter([], '2025-01-12T03:00:00Z', user)).toMatchObject({ currentStreak: 3 });
    // The whole of the 11th passed without an entry: the streak is over.
    expect(await statsAfter([], '2025-01-12T15:00:00Z', user)).toEqual({ entries: 3, distinctDays: 3, currentStreak: 0 });
    // Entries on the 12th and 13th start a new streak, the gap of the 11th keeps the old days out of it.
    expect(await statsAfter(['2025-01-12T16:00:00Z', '2025-01-13T16:00:00Z'], '2025-01-13T20:00:00Z', user)).toEqual({ entries: 5, distinctDays: 5, currentStreak: 2 });
  });

  it('should count an entry at 23:30 local, already the next day in UTC, on the local day', async () => {
    const [user] = await people(1, zone);
    // 2025-01-15T04:30Z is 23:30 on January 14th in New York.
    const entries = ['2025-01-13T17:00:00Z', '2025-01-15T04:30:00Z'];
    expect(await statsAfter(entries, '2025-01-15T04:45:00Z', user)).toEqual({ entries: 2, distinctDays: 2, currentStreak: 2 });
    // Read on the 15th (local), the 14th is yesterday: the streak still holds.
    expect(await statsAfter([], '2025-01-15T20:00:00Z', user)).toMatchObject({ currentStreak: 2 });
    // The same entries for a UTC user fall on the 13th and the 15th: no streak across the 14th.
    const [utc] = await people(1);
    expect(await statsAfter(entries, '2025-01-15T20:00:00Z', utc)).toEqual({ entries: 2, distinctDays: 2, currentStreak: 1 });
  });
});
