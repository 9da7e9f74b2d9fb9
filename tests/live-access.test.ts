// Live streams end when access ends, even when no signal says so (a lost publish, a change made
// behind the API's back), and when their sign-in ends; a stream that fails says nothing of why.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveTestApp, type LiveTestApp } from './utils/live-app.ts';
import { connectLive } from './utils/live-client.ts';
import { createTestApp, errorCode, ok, serviceKey, type TestApp } from './utils/test-app.ts';
import { befriend, directConversation, signUp, type TestUser } from './utils/users.ts';

let app: LiveTestApp;
let t: TestApp;
let counter = 0;

beforeAll(async () => {
  app = await createLiveTestApp();
  t = app.t;
});
afterAll(() => app.close());

const live = (user: TestUser) => app.live(user);

async function people(count: number): Promise<TestUser[]> {
  counter += 1;
  const users: TestUser[] = [];
  for (let i = 0; i < count; i += 1) users.push(await signUp(t, `la${counter}_${i}`));
  return users;
}

const directBetween = (a: TestUser, b: TestUser) => directConversation(t, a, b);

const send = async (user: TestUser, conversationId: string, text: string) =>
  ok(await t.gql(`mutation($id: ID!, $text: String!) { sendMessage(input: { conversationId: $id, text: $text }) { seq } }`, { id: conversationId, text }, { token: user.token }))
    .sendMessage.seq as number;

const eventsQuery = `subscription($id: ID!, $after: Int) { conversationEvents(conversationId: $id, afterSeq: $after) { __typename ... on MessageAdded { seq } } }`;

/** A stream that has delivered everything up to `seq`, so it is surely live. */
async function followFrom(user: TestUser, conversationId: string) {
  const stream = live(user).subscribe(eventsQuery, { id: conversationId, after: 0 });
  const seq = await send(user, conversationId, 'live?');
  await stream.waitFor(seq);
  return stream;
}

describe('a stream whose access ends without a signal', () => {
  it('should end when a block is written behind the API (no access signal is published)', async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    const stream = await followFrom(bob!, id);
    await t.db.prisma.block.create({ data: { blockerId: ann!.rawId, blockedId: bob!.rawId } });
    expect(await stream.ended).toBe('complete');
  });

  it('should end for a member removed without the MemberLeft event reaching anyone', async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    const stream = await followFrom(bob!, id);
    const received = stream.results.length;
    await t.db.prisma.conversationMember.delete({
      where: { conversationId_userId: { conversationId: decodeGlobalID(id).id, userId: bob!.rawId } },
    });
    expect(await stream.ended).toBe('complete');
    expect(stream.results).toHaveLength(received);
  });
});

describe('signing out', () => {
  it("should end every live stream of that sign-in, and only that sign-in's", async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    const conversation = await followFrom(bob!, id);
    const mine = live(bob!).subscribe(`subscription { myEvents { __typename } }`);
    const feed = live(bob!).subscribe(`subscription { feedEvents { id } }`);
    // A second sign-in of bob's, which stays signed in.
    const other = ok(await t.gql(`mutation($h: String!) { signIn(input: { handle: $h, password: "password-123" }) { accessToken } }`, { h: bob!.handle }));
    const stays = live({ ...bob!, token: other.signIn.accessToken }).subscribe(eventsQuery, { id, after: 0 });
    await stays.waitFor(conversation.results.length);

    ok(await t.gql(`mutation { signOut }`, {}, { token: bob!.token }));
    expect(await Promise.all([conversation.ended, mine.ended, feed.ended])).toEqual(['complete', 'complete', 'complete']);

    const seq = await send(ann!, id, 'still here?');
    await stays.waitFor(seq);
    expect(stays.results.at(-1)!.data.conversationEvents).toEqual({ __typename: 'MessageAdded', seq });
  });
});

describe('a Telegram account linked elsewhere', () => {
  it("should end the streams of the bot's sign-in for it, and only those", async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    const link = async (telegramId: string) => {
      const code = ok(await t.gql(`mutation { createTelegramLinkCode }`, {}, { token: bob!.token })).createTelegramLinkCode;
      const input = { code, telegramId, chatId: telegramId, firstName: 'Bob' };
      return ok(await t.gql(`mutation($i: LinkTelegramInput!) { linkTelegram(input: $i) { accessToken } }`, { i: input }, { serviceKey })).linkTelegram.accessToken as string;
    };
    const botStream = live({ ...bob!, token: await link(`61${counter}001`) }).subscribe(eventsQuery, { id, after: 0 });
    const webStream = await followFrom(bob!, id);
    await botStream.waitFor(webStream.results.length);

    await link(`61${counter}002`);
    expect(await botStream.ended).toBe('complete');
    const seq = await send(ann!, id, 'still on the web?');
    await webStream.waitFor(seq);
  });

  it("should end a stream of the bot's sign-in once the user's Telegram account changes, revoked or not", async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    const before = `62${counter}001`;
    await t.db.prisma.user.update({ where: { id: bob!.rawId }, data: { telegramId: before, telegramChatId: before } });
    const session = await t.app.services.sessions.open(bob!.rawId, { telegramId: before });
    const stream = live({ ...bob!, token: session.accessToken }).subscribe(eventsQuery, { id, after: 0 });
    await stream.waitFor(await send(ann!, id, 'live?'));
    // Changed behind the API: no revocation, no signal; the re-check alone must notice.
    await t.db.prisma.user.update({ where: { id: bob!.rawId }, data: { telegramId: `62${counter}002` } });
    expect(await stream.ended).toBe('complete');
  });
});

describe('arguments checked when a stream starts', () => {
  it('should refuse an afterSeq ahead of the log', async () => {
    const [ann, bob] = await people(2);
    const id = await directBetween(ann!, bob!);
    const seq = await send(ann!, id, 'one');
    const ahead = live(bob!).subscribe(eventsQuery, { id, after: seq + 1 });
    await ahead.ended;
    expect(ahead.results).toHaveLength(1);
    expect(ahead.results[0]!.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'afterSeq' });
    const atEnd = live(bob!).subscribe(eventsQuery, { id, after: seq });
    const next = await send(ann!, id, 'two');
    await atEnd.waitFor(1);
    expect(atEnd.results[0]!.data.conversationEvents.seq).toBe(next);
  });

  it('should answer setTyping with NOT_FOUND for a stranger and FORBIDDEN across a block', async () => {
    const [ann, bob, eve] = await people(3);
    const id = await directBetween(ann!, bob!);
    const typing = `mutation($id: ID!) { setTyping(input: { conversationId: $id }) }`;
    expect(errorCode(await t.gql(typing, { id }, { token: eve!.token }))).toBe('NOT_FOUND');
    ok(await t.gql(`mutation($h: String!) { blockUser(input: { handle: $h }) { handle } }`, { h: bob!.handle }, { token: ann!.token }));
    expect(errorCode(await t.gql(typing, { id }, { token: bob!.token }))).toBe('FORBIDDEN');
  });
});

describe('a stream that fails', () => {
  it('should end with a masked error that shows no SQL, and keep the socket', async () => {
    const own = await createTestApp();
    const { port } = await own.app.server.start(0, '127.0.0.1');
    const client = connectLive(`ws://127.0.0.1:${port}/graphql`, (await signUp(own, 'failing')).token);
    try {
      const [ann, bob] = [await signUp(own, 'fail_ann'), await signUp(own, 'fail_bob')];
      await befriend(own, ann, bob);
      const id = ok(await own.gql(`mutation { openDirectConversation(input: { handle: "fail_bob" }) { id } }`, {}, { token: ann.token }))
        .openDirectConversation.id;
      const bobClient = connectLive(`ws://127.0.0.1:${port}/graphql`, bob.token);
      const stream = bobClient.subscribe(eventsQuery, { id, after: 0 });
      await stream.waitFor(2); // the two MemberJoined events
      // The log disappears from under the stream; a live event past a gap makes it read the log.
      await own.db.prisma.$executeRawUnsafe(`ALTER TABLE "ConversationEvent" RENAME TO "ConversationEventGone"`);
      await own.pubsub.publish('conversation', decodeGlobalID(id).id, {
        kind: 'event',
        event: { seq: 9, kind: 'MESSAGE_ADDED', messageId: null, userId: null, readSeq: null },
      });
      expect(await stream.ended).toBe('error');
      const failure = stream.results.at(-1)!.errors!;
      expect(failure).toEqual([{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      const still = await new Promise((resolve, reject) =>
        bobClient.client.subscribe({ query: '{ me { user { handle } } }' }, { next: resolve, error: reject, complete: () => {} }),
      );
      expect(still).toEqual({ data: { me: { user: { handle: 'fail_bob' } } } });
      await bobClient.close();
    } finally {
      await client.close();
      await own.close();
    }
  });
});
