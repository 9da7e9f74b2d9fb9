import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive, type LiveClient } from './utils/live-client.ts';
import { createTestApp, ok, type TestApp } from './utils/test-app.ts';
import { befriend, signUp, type TestUser } from './utils/users.ts';

let t: TestApp;
let wsUrl: string;
let httpUrl: string;
const clients: LiveClient[] = [];
let counter = 0;

beforeAll(async () => {
  t = await createTestApp();
  const { port } = await t.app.server.start(0, '127.0.0.1');
  wsUrl = `ws://127.0.0.1:${port}/graphql`;
  httpUrl = `http://127.0.0.1:${port}/graphql`;
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await t.close();
});

const live = (user?: TestUser) => {
  const client = connectLive(wsUrl, user?.token);
  clients.push(client);
  return client;
};

async function people(count: number): Promise<TestUser[]> {
  counter += 1;
  const users: TestUser[] = [];
  for (let i = 0; i < count; i += 1) users.push(await signUp(t, `p${counter}_${i}`));
  return users;
}

async function directBetween(a: TestUser, b: TestUser): Promise<string> {
  await befriend(t, a, b);
  return ok(await t.gql(`mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: b.handle }, { token: a.token }))
    .openDirectConversation.id;
}

async function groupOf(owner: TestUser, members: TestUser[]): Promise<string> {
  for (const member of members) await befriend(t, owner, member);
  return ok(
    await t.gql(`mutation($ids: [ID!]!) { createGroup(input: { title: "Team", memberIds: $ids }) { id } }`, { ids: members.map((m) => m.id) }, { token: owner.token }),
  ).createGroup.id;
}

const send = async (user: TestUser, conversationId: string, text: string) =>
  ok(await t.gql(`mutation($id: ID!, $text: String!) { sendMessage(input: { conversationId: $id, text: $text }) { id seq } }`, { id: conversationId, text }, { token: user.token }))
    .sendMessage as { id: string; seq: number };

const eventsQuery = /* GraphQL */ `
  subscription Events($id: ID!, $after: Int) {
    conversationEvents(conversationId: $id, afterSeq: $after) {
      __typename
      ... on MessageAdded { seq message { id text author { handle } } }
      ... on MessageEdited { seq message { id text editedAt } }
      ... on MemberJoined { seq user { handle } }
      ... on MemberLeft { seq user { handle } }
      ... on Typing { user { handle } expiresAt }
    }
  }`;

const lastSeqOf = async (user: TestUser, id: string): Promise<number> =>
  ok(await t.gql(`query($id: ID!) { conversation(id: $id) { lastSeq } }`, { id }, { token: user.token })).conversation.lastSeq;

/**
 * Subscribes from the conversation's current seq: whatever is sent after this call arrives,
 * by replay if the subscription was not yet live, so tests need not guess when it is.
 */
const follow = async (user: TestUser, id: string) => live(user).subscribe(eventsQuery, { id, after: await lastSeqOf(user, id) });

const seqsOf = (results: { data?: any }[]) => results.map((result) => result.data?.conversationEvents?.seq).filter((seq) => seq !== undefined);

describe('conversationEvents', () => {
  it('should deliver messages live to both people of a chat, in order', async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    const annSees = await follow(ann!, id);
    const bobSees = await follow(bob!, id);
    await send(ann!, id, 'ping');
    await Promise.all([annSees.waitFor(1), bobSees.waitFor(1)]);
    await send(ann!, id, 'hello bob');
    await send(bob!, id, 'hi ann');
    await Promise.all([annSees.waitFor(3), bobSees.waitFor(3)]);
    const base = await lastSeqOf(ann!, id) - 3;
    for (const sub of [annSees, bobSees]) {
      expect(sub.results.map((r) => [r.data.conversationEvents.message.text, r.data.conversationEvents.message.author.handle])).toEqual([
        ['ping', ann!.handle],
        ['hello bob', ann!.handle],
        ['hi ann', bob!.handle],
      ]);
      expect(seqsOf(sub.results)).toEqual([base + 1, base + 2, base + 3]);
    }
  });

  it('should replay stored events after afterSeq, then go live, each exactly once across the switch', async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    for (let i = 1; i <= 20; i += 1) await send(ann!, id, `before ${i}`);
    const sub = live(bob).subscribe(eventsQuery, { id, after: 5 });
    // Keep writing while the subscription replays and switches to live.
    await Promise.all(Array.from({ length: 20 }, (_, i) => send(i % 2 ? ann! : bob!, id, `during ${i}`)));
    // Two MemberJoined events, 20 messages before, 20 during: everything after seq 5.
    await sub.waitFor(37);
    expect(seqsOf(sub.results)).toEqual(Array.from({ length: 37 }, (_, i) => i + 6));
  });

  it('should start from now when afterSeq is omitted', async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    await send(ann!, id, 'old news');
    const sub = live(bob).subscribe(eventsQuery, { id });
    // Without afterSeq nothing is replayed; probe until the subscription is live (bounded).
    for (let probe = 0; sub.results.length === 0 && probe < 200; probe += 1) {
      await send(ann!, id, `probe ${probe}`);
      await Promise.race([sub.waitFor(1), new Promise((resolve) => setImmediate(resolve))]);
    }
    await sub.waitFor(1);
    expect(sub.results.map((r) => r.data.conversationEvents.message.text)).not.toContain('old news');
    expect(sub.results[0]!.data.conversationEvents.message.text).toMatch(/^probe /);
  });

  it('should resolve each event with fresh data, not a cache from an earlier event', async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    const sub = await follow(bob!, id);
    const message = await send(ann!, id, 'first draft');
    await sub.waitFor(1);
    ok(await t.gql(`mutation($id: ID!) { editMessage(input: { messageId: $id, text: "final text" }) { id } }`, { id: message.id }, { token: ann!.token }));
    await sub.waitFor(2);
    expect(sub.results[0]!.data.conversationEvents.message.text).toBe('first draft');
    expect(sub.results[1]!.data.conversationEvents).toMatchObject({ __typename: 'MessageEdited', message: { text: 'final text' } });
  });

  it('should pass typing to the others only, live, with an expiry', async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    const probe = await send(ann!, id, 'probe');
    // Replaying the probe proves each stream is listening live: it subscribes before replaying.
    const bobSees = live(bob).subscribe(eventsQuery, { id, after: probe.seq - 1 });
    const annSees = live(ann).subscribe(eventsQuery, { id, after: probe.seq - 1 });
    await Promise.all([bobSees.waitFor(1), annSees.waitFor(1)]);
    expect(ok(await t.gql(`mutation($id: ID!) { setTyping(input: { conversationId: $id }) }`, { id }, { token: ann!.token })).setTyping).toBe(true);
    await send(bob!, id, 'after typing');
    await Promise.all([bobSees.waitFor(3), annSees.waitFor(2)]);
    const typing = bobSees.results[1]!.data.conversationEvents;
    expect(typing).toMatchObject({ __typename: 'Typing', user: { handle: ann!.handle } });
    expect(new Date(typing.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(annSees.results.map((r) => r.data.conversationEvents.__typename)).toEqual(['MessageAdded', 'MessageAdded']);
  });

  it('should end the stream of a member who is removed, after telling them', async () => {
    const [owner, bob, cat] = await people(3);
    const id = await groupOf(owner!, [bob!, cat!]);
    const bobSees = await follow(bob!, id);
    const catSees = await follow(cat!, id);
    await send(owner!, id, 'welcome');
    await Promise.all([bobSees.waitFor(1), catSees.waitFor(1)]);
    ok(await t.gql(`mutation($id: ID!, $user: ID!) { removeMember(input: { conversationId: $id, userId: $user }) { id } }`, { id, user: bob!.id }, { token: owner!.token }));
    expect(await bobSees.ended).toBe('complete');
    await send(owner!, id, 'after bob left');
    await catSees.waitFor(3);
    expect(bobSees.results.map((r) => r.data.conversationEvents.__typename)).toEqual(['MessageAdded', 'MemberLeft']);
    expect(catSees.results.map((r) => r.data.conversationEvents.__typename)).toEqual(['MessageAdded', 'MemberLeft', 'MessageAdded']);
  });

  it('should end a direct conversation stream when one side blocks the other', async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    const bobSees = await follow(bob!, id);
    await send(ann!, id, 'last words');
    await bobSees.waitFor(1);
    ok(await t.gql(`mutation($h: String!) { blockUser(input: { handle: $h }) { handle } }`, { h: bob!.handle }, { token: ann!.token }));
    expect(await bobSees.ended).toBe('complete');
  });

  it('should refuse strangers and signed-out callers on that subscription only', async () => {
    const [ann, bob, eve] = await people(3);
    const id = await directBetween(ann!, bob!);
    const eveClient = live(eve);
    // An execution error arrives as a result with errors, then the operation completes.
    const stranger = eveClient.subscribe(eventsQuery, { id });
    await stranger.ended;
    expect(stranger.results[0]!.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(stranger.results[0]!.data ?? null).toBeNull();
    const anonymous = live().subscribe(eventsQuery, { id });
    await anonymous.ended;
    expect(anonymous.results[0]!.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    // The same socket still serves a valid operation.
    const own = eveClient.subscribe(`subscription { myEvents { __typename } }`);
    const query = await new Promise((resolve, reject) =>
      eveClient.client.subscribe({ query: '{ me { user { handle } } }' }, { next: resolve, error: reject, complete: () => {} }),
    );
    expect(query).toEqual({ data: { me: { user: { handle: eve!.handle } } } });
    own.dispose();
  });

  it('should answer a malformed subscription with an error, keeping the socket', async () => {
    const [ann] = await people(1);
    const client = live(ann);
    const syntax = client.subscribe('subscription { conversationEvents(');
    expect(await syntax.ended).toBe('error');
    const unknown = client.subscribe('subscription { noSuchField }');
    expect(await unknown.ended).toBe('error');
    const badArgument = client.subscribe(eventsQuery, { id: 'not-an-id' });
    await badArgument.ended;
    expect(badArgument.results[0]!.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'conversationId' });
    const still = await new Promise((resolve, reject) =>
      client.client.subscribe({ query: '{ me { user { handle } } }' }, { next: resolve, error: reject, complete: () => {} }),
    );
    expect(still).toEqual({ data: { me: { user: { handle: ann!.handle } } } });
  });
});

describe('connection_init', () => {
  it('should close the socket with 4403 for a bad token', async () => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer forged.token.here' } }));
    expect(await closed).toBe(4403);
  });

  it('should acknowledge a good token', async () => {
    const [ann] = await people(1);
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${ann!.token}` } }));
    expect(JSON.parse(await reply)).toEqual({ type: 'connection_ack' });
    socket.close();
  });
});

describe('myEvents', () => {
  it("should tell a member when any of their conversations changes", async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    const sub = live(bob).subscribe(`subscription { myEvents { __typename ... on ConversationUpdated { conversation { id lastSeq unreadCount lastMessage { text } } } } }`);
    // (A new message also brings a NotificationAdded, which this test leaves to the notification tests.)
    const updates = () => sub.results.map((result) => result.data.myEvents).filter((event) => event.__typename === 'ConversationUpdated');
    // myEvents has no replay: send until the subscription is live (bounded).
    for (let probe = 0; updates().length === 0 && probe < 200; probe += 1) {
      await send(ann!, id, `probe ${probe}`);
      await Promise.race([sub.waitFor(sub.results.length + 1), new Promise((resolve) => setImmediate(resolve))]);
    }
    const last = updates().at(-1).conversation;
    expect(last.id).toBe(id);
    expect(last.unreadCount).toBeGreaterThanOrEqual(1);
  });
});

describe('server-sent events', () => {
  it('should stream a subscription over SSE too', async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    await send(ann!, id, 'stored');
    const controller = new AbortController();
    const response = await fetch(httpUrl, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${bob!.token}` },
      body: JSON.stringify({ query: eventsQuery, variables: { id, after: 2 } }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('"stored"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain('"__typename":"MessageAdded"');
    expect(text).toContain('"seq":3');
  });
});
