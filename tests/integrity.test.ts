// Integrity under concurrency, over real sockets: many clients hitting the same pair of people
// or the same conversation at once must leave the database in one consistent state, answer
// every request with success or a stable error code, and keep the event log gapless.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive, type LiveClient, type Subscription } from './utils/live-client.ts';
import { createTestApp, ok, type GraphQLResult, type TestApp } from './utils/test-app.ts';
import { befriend, signUp, type TestUser } from './utils/users.ts';
import { within } from './utils/waiting.ts';

let t: TestApp;
let httpUrl: string;
let wsUrl: string;
// Enough sockets that the server really sees a hundred requests in flight at once.
const agent = new Agent({ connections: 128 });
const clients: LiveClient[] = [];

beforeAll(async () => {
  // Rate limiting would turn a deliberate flood into RATE_LIMITED answers; these tests are about
  // what happens when every request gets through.
  t = await createTestApp({ RATE_LIMITS: 'off' });
  const { port } = await t.app.server.start(0, '127.0.0.1');
  httpUrl = `http://127.0.0.1:${port}/graphql`;
  wsUrl = `ws://127.0.0.1:${port}/graphql`;
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await agent.close();
  await t?.close();
});

interface Reply {
  status: number;
  body: GraphQLResult;
}

/** One operation as a separate HTTP request over the shared pool. */
async function post(query: string, variables: Record<string, unknown>, token: string): Promise<Reply> {
  const response = await fetch(httpUrl, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as GraphQLResult };
  } catch {
    return { status: response.status, body: { errors: [{ message: text, extensions: { code: `NON_JSON_${response.status}` } }] } };
  }
}

/** `ok` for a success, else the first error's code (or a marker for an error without one). */
function outcomeOf(reply: Reply): string {
  const errors = reply.body.errors;
  if (!errors?.length) return reply.body.data ? 'ok' : 'NO_DATA';
  return String(errors[0]!.extensions?.code ?? `NO_CODE: ${errors[0]!.message}`);
}

function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

/** No reply was a server failure: every request got HTTP 200 and either data or a stable code. */
function expectNoServerFailure(replies: Reply[]) {
  expect(tally(replies.map((reply) => String(reply.status)))).toEqual({ '200': replies.length });
  const unstable = replies.map(outcomeOf).filter((outcome) => outcome !== 'ok' && !['CONFLICT', 'NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'].includes(outcome));
  expect(unstable).toEqual([]);
}

let counter = 0;
const person = (name: string) => {
  counter += 1;
  return signUp(t, `${name}_${counter}`);
};

const friendAction = (mutation: string, actor: TestUser, target: TestUser) =>
  post(`mutation($input: FriendTargetInput!) { result: ${mutation}(input: $input) { handle friendship } }`, { input: { handle: target.handle } }, actor.token);

const pairRows = (a: TestUser, b: TestUser) =>
  t.db.prisma.friendship.findMany({
    where: { userLowId: a.rawId < b.rawId ? a.rawId : b.rawId, userHighId: a.rawId < b.rawId ? b.rawId : a.rawId },
  });

const stateOf = async (viewer: TestUser, other: TestUser) =>
  ok((await post(`query($h: String!) { user(handle: $h) { friendship friendCount } }`, { h: other.handle }, viewer.token)).body).user as {
    friendship: string;
    friendCount: number;
  };

const friendNotifications = (recipient: TestUser, actor: TestUser) =>
  t.db.prisma.notification.findMany({ where: { userId: recipient.rawId, actorId: actor.rawId, kind: { in: ['FRIEND_REQUEST', 'FRIEND_ACCEPTED'] } } });

describe('a thousand friend requests between the same two people at once', () => {
  it('should leave one ACCEPTED row when both ask each other 500 times, with exactly one success from each side', async () => {
    const [a, b] = [await person('amy'), await person('ben')];
    const senders = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? ([a, b] as const) : ([b, a] as const)));
    const replies = await Promise.all(senders.map(([from, to]) => friendAction('sendFriendRequest', from, to)));

    expectNoServerFailure(replies);
    // Whoever ran first asked, the first from the other side accepted; everything else found the pair settled.
    expect(tally(replies.map(outcomeOf))).toEqual({ ok: 2, CONFLICT: 998 });
    const winners = replies.flatMap((reply, i) => (outcomeOf(reply) === 'ok' ? [senders[i]![0].handle] : []));
    expect(winners.sort()).toEqual([a.handle, b.handle].sort());

    const rows = await pairRows(a, b);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('ACCEPTED');
    expect(rows[0]!.acceptedAt).not.toBeNull();
    expect(await stateOf(a, b)).toEqual({ friendship: 'FRIENDS', friendCount: 1 });
    expect(await stateOf(b, a)).toEqual({ friendship: 'FRIENDS', friendCount: 1 });

    // The answer shows the pair as it stood when it was read: the accepter's is FRIENDS; the
    // asker's may already show the acceptance that followed its request.
    const requester = rows[0]!.requesterId === a.rawId ? a : b;
    const asked = requester === a ? b : a;
    const answerOf = (who: TestUser) => replies.find((reply, i) => outcomeOf(reply) === 'ok' && senders[i]![0] === who)!.body.data!.result;
    expect(answerOf(asked)).toEqual({ handle: requester.handle, friendship: 'FRIENDS' });
    expect(['REQUESTED_BY_ME', 'FRIENDS']).toContain(answerOf(requester).friendship);

    // One request notification to whoever was asked, one acceptance back to the asker; no duplicates from the losers.
    expect((await friendNotifications(asked, requester)).map((n) => n.kind)).toEqual(['FRIEND_REQUEST']);
    expect((await friendNotifications(requester, asked)).map((n) => n.kind)).toEqual(['FRIEND_ACCEPTED']);
  });

  it('should leave one PENDING row and exactly one success when one side asks 1,000 times', async () => {
    const [a, b] = [await person('cat'), await person('dan')];
    const replies = await Promise.all(Array.from({ length: 1000 }, () => friendAction('sendFriendRequest', a, b)));

    expectNoServerFailure(replies);
    expect(tally(replies.map(outcomeOf))).toEqual({ ok: 1, CONFLICT: 999 });
    const rows = await pairRows(a, b);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'PENDING', requesterId: a.rawId, acceptedAt: null });
    expect(await stateOf(a, b)).toEqual({ friendship: 'REQUESTED_BY_ME', friendCount: 0 });
    expect(await stateOf(b, a)).toEqual({ friendship: 'REQUESTED_BY_THEM', friendCount: 0 });
    expect((await friendNotifications(b, a)).map((n) => n.kind)).toEqual(['FRIEND_REQUEST']);
  });
});

const racingPairs = 20;
const copies = 5;

/**
 * Fresh pairs, each with a pending request from `asker` to `asked`, all racing at once: per
 * pair, `copies` accepts by the asked person against `copies` of the rival action.
 */
async function raceOnPairs(rival: 'declineFriendRequest' | 'cancelFriendRequest') {
  const setups = await Promise.all(
    Array.from({ length: racingPairs }, async () => {
      const [asker, asked] = await Promise.all([person('asker'), person('asked')]);
      ok(await t.gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: asked.handle }, { token: asker.token }));
      return { asker, asked };
    }),
  );
  // A decline comes from the person asked, a cancel from the one who asked.
  const rivalActor = (setup: (typeof setups)[number]): [TestUser, TestUser] =>
    rival === 'declineFriendRequest' ? [setup.asked, setup.asker] : [setup.asker, setup.asked];
  const races = await Promise.all(
    setups.map(async (setup, pairIndex) => {
      // Interleaved, with the first place alternating between pairs, so neither action has a head start.
      const kinds = Array.from({ length: 2 * copies }, (_, i) => ((i + pairIndex) % 2 === 0 ? 'accept' : 'rival'));
      const replies = await Promise.all(
        kinds.map((kind) => {
          if (kind === 'accept') return friendAction('acceptFriendRequest', setup.asked, setup.asker);
          const [actor, target] = rivalActor(setup);
          return friendAction(rival, actor, target);
        }),
      );
      return { ...setup, results: kinds.map((kind, i) => ({ kind, reply: replies[i]! })) };
    }),
  );
  return races;
}

async function expectOneWinnerPerPair(races: Awaited<ReturnType<typeof raceOnPairs>>) {
  const wins = { accept: 0, rival: 0 };
  for (const { asker, asked, results } of races) {
    expectNoServerFailure(results.map((result) => result.reply));
    const winners = results.filter((result) => outcomeOf(result.reply) === 'ok');
    expect(winners).toHaveLength(1);
    const winner = winners[0]!.kind as 'accept' | 'rival';
    wins[winner] += 1;
    // A loser finds either friends already (a second accept) or no request at all.
    const losers = results.filter((result) => result !== winners[0]).map((result) => `${result.kind}:${outcomeOf(result.reply)}`);
    const expectedLosers =
      winner === 'accept' ? { 'accept:CONFLICT': copies - 1, 'rival:NOT_FOUND': copies } : { 'accept:NOT_FOUND': copies, 'rival:NOT_FOUND': copies - 1 };
    expect(tally(losers)).toEqual(expectedLosers);

    const rows = await pairRows(asker, asked);
    if (winner === 'accept') {
      expect(rows.map((row) => row.status)).toEqual(['ACCEPTED']);
      expect(await stateOf(asker, asked)).toEqual({ friendship: 'FRIENDS', friendCount: 1 });
      expect(await stateOf(asked, asker)).toEqual({ friendship: 'FRIENDS', friendCount: 1 });
    } else {
      expect(rows).toEqual([]);
      expect(await stateOf(asker, asked)).toEqual({ friendship: 'NONE', friendCount: 0 });
      expect(await stateOf(asked, asker)).toEqual({ friendship: 'NONE', friendCount: 0 });
    }
  }
  return wins;
}

describe('racing the answers to one friend request', () => {
  it('should let exactly one of accept and decline win, for each of 20 pairs racing at once', async () => {
    const wins = await expectOneWinnerPerPair(await raceOnPairs('declineFriendRequest'));
    expect(wins.accept + wins.rival).toBe(racingPairs);
  });

  it("should let exactly one of the accept and the requester's cancel win, for each of 20 pairs racing at once", async () => {
    const wins = await expectOneWinnerPerPair(await raceOnPairs('cancelFriendRequest'));
    expect(wins.accept + wins.rival).toBe(racingPairs);
  });
});

const eventsSubscription = /* GraphQL */ `
  subscription Events($id: ID!, $after: Int) {
    conversationEvents(conversationId: $id, afterSeq: $after) {
      __typename
      ... on MessageAdded { seq message { id text author { handle } } }
      ... on MessageEdited { seq }
      ... on MessageDeleted { seq }
      ... on ReactionChanged { seq }
      ... on MemberJoined { seq }
      ... on MemberLeft { seq }
      ... on ReadUpTo { seq }
    }
  }`;

interface SeenEvent {
  __typename: string;
  seq: number;
  message?: { id: string; text: string; author: { handle: string } };
}

/** The events of a stream that carry a seq (Typing carries none), in arrival order; fails on an error result. */
function seqEvents(sub: Subscription): SeenEvent[] {
  return sub.results.map((result) => {
    if (result.errors?.length) throw new Error(`subscription failed: ${JSON.stringify(result.errors)}`);
    return result.data.conversationEvents as SeenEvent & { seq?: number };
  }).filter((event): event is SeenEvent => event.seq !== undefined);
}

async function waitForSeqEvents(sub: Subscription, count: number): Promise<void> {
  for (let have = seqEvents(sub).length; have < count; have = seqEvents(sub).length) {
    await sub.waitFor(sub.results.length + (count - have));
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('concurrent senders in one group', () => {
  it('should keep seqs 1..N gapless, every acknowledged message once, each sender in send order, and a live subscriber in step', async () => {
    const senderCount = 10;
    const perSender = 30;
    const owner = await person('host');
    const members: TestUser[] = [];
    for (let i = 1; i < senderCount; i += 1) {
      const member = await person(`guest${i}`);
      await befriend(t, owner, member);
      members.push(member);
    }
    const senders = [owner, ...members];
    const conversationId: string = ok(
      await t.gql(`mutation($ids: [ID!]!) { createGroup(input: { title: "Crowd", memberIds: $ids }) { id } }`, { ids: members.map((m) => m.id) }, { token: owner.token }),
    ).createGroup.id;
    const rawConversationId = decodeGlobalID(conversationId).id;
    const startSeq = (await t.db.prisma.conversation.findUniqueOrThrow({ where: { id: rawConversationId } })).lastSeq;
    expect(startSeq).toBe(senderCount); // one MemberJoined each

    // The owner follows the conversation from before the first message; Typing (live only) from
    // another member proves the stream is live, so the burst goes through the live path, not replay.
    const watcher = connectLive(wsUrl, owner.token);
    clients.push(watcher);
    const live = watcher.subscribe(eventsSubscription, { id: conversationId, after: startSeq });
    const typing = `mutation($id: ID!) { setTyping(input: { conversationId: $id }) }`;
    for (let probe = 0; live.results.length === 0; probe += 1) {
      if (probe >= 500) throw new Error('the subscription never went live');
      ok((await post(typing, { id: conversationId }, members[0]!.token)).body);
      await Promise.race([live.waitFor(1), new Promise((resolve) => setImmediate(resolve))]);
    }
    expect(seqEvents(live)).toEqual([]);

    const send = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id seq author { handle } } }`;
    // Another member subscribes from the same start a third of the way into the burst, so its
    // replay of what it missed overlaps the live events still arriving.
    let acknowledged = 0;
    let midway: Subscription | undefined;
    const total = senderCount * perSender;
    const joinMidway = () => {
      const client = connectLive(wsUrl, members[3]!.token);
      clients.push(client);
      midway = client.subscribe(eventsSubscription, { id: conversationId, after: startSeq });
    };
    // Each sender waits for its own acknowledgement before sending again; the senders race each other.
    const acks = await Promise.all(
      senders.map(async (sender) => {
        const mine: { id: string; seq: number; text: string }[] = [];
        for (let i = 0; i < perSender; i += 1) {
          const text = `${sender.handle} #${i}`;
          const reply = await post(send, { input: { conversationId, text } }, sender.token);
          expect(reply.status).toBe(200);
          const message = ok(reply.body).sendMessage;
          expect(message.author.handle).toBe(sender.handle);
          mine.push({ id: message.id, seq: message.seq, text });
          acknowledged += 1;
          if (acknowledged === Math.floor(total / 3)) joinMidway();
        }
        return { sender, mine };
      }),
    );
    // One more message after the burst, so the subscribers' streams are checked past its end too.
    const closing = ok((await post(send, { input: { conversationId, text: 'closing' } }, owner.token)).body).sendMessage as { id: string; seq: number };

    const lastSeq = startSeq + total + 1;
    expect(closing.seq).toBe(lastSeq);

    // Acknowledgements: distinct seqs covering the burst exactly, and rising for each sender as it sent.
    const allAcks = acks.flatMap(({ mine }) => mine);
    expect(allAcks.map((ack) => ack.seq).sort((x, y) => x - y)).toEqual(range(startSeq + 1, startSeq + total));
    expect(new Set(allAcks.map((ack) => ack.id)).size).toBe(total);
    for (const { mine } of acks) expect(mine.map((ack) => ack.seq)).toEqual([...mine.map((ack) => ack.seq)].sort((x, y) => x - y));

    // The stored log: seqs 1..N with no gap and no duplicate, joins first, then one MessageAdded per acknowledged message at its seq.
    const events = await t.db.prisma.conversationEvent.findMany({ where: { conversationId: rawConversationId }, orderBy: { seq: 'asc' } });
    expect(events.map((event) => event.seq)).toEqual(range(1, lastSeq));
    expect(events.slice(0, startSeq).every((event) => event.kind === 'MEMBER_JOINED')).toBe(true);
    expect(events.slice(startSeq).every((event) => event.kind === 'MESSAGE_ADDED')).toBe(true);
    const bySeq = new Map(events.map((event) => [event.seq, event.messageId]));
    for (const ack of [...allAcks, closing]) expect(bySeq.get(ack.seq)).toBe(decodeGlobalID(ack.id).id);
    const row = await t.db.prisma.conversation.findUniqueOrThrow({ where: { id: rawConversationId } });
    expect(row.lastSeq).toBe(lastSeq);
    expect(row.lastMessageId).toBe(decodeGlobalID(closing.id).id);

    // Read back through the API: every acknowledged message exactly once, at its seq, each sender's in its send order.
    const readBack: { id: string; seq: number; text: string; author: { handle: string } }[] = [];
    const pageQuery = /* GraphQL */ `
      query($id: ID!, $after: String) {
        conversation(id: $id) {
          messages(first: 50, after: $after) { edges { node { id seq text author { handle } } } pageInfo { hasNextPage endCursor } }
        }
      }`;
    for (let after: string | null = null; ; ) {
      const page: any = ok((await post(pageQuery, { id: conversationId, after }, members[1]!.token)).body).conversation.messages;
      readBack.push(...page.edges.map((edge: any) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(readBack.map((message) => message.seq)).toEqual(range(startSeq + 1, lastSeq));
    const acked = new Map([...allAcks, { ...closing, text: 'closing' }].map((ack) => [ack.id, ack]));
    expect(readBack.map((message) => message.id).sort()).toEqual([...acked.keys()].sort());
    for (const message of readBack) expect({ seq: message.seq, text: message.text }).toEqual({ seq: acked.get(message.id)!.seq, text: acked.get(message.id)!.text });
    for (const { sender, mine } of acks) {
      const inLog = readBack.filter((message) => message.author.handle === sender.handle && message.text !== 'closing');
      expect(inLog.map((message) => message.text)).toEqual(mine.map((ack) => ack.text));
    }

    // The live subscriber saw exactly the log after its start: each event once, in seq order, the message of that seq.
    await within(30_000, 'the live subscriber to see every message', waitForSeqEvents(live, lastSeq - startSeq));
    const seen = seqEvents(live);
    expect(seen.map((event) => event.seq)).toEqual(range(startSeq + 1, lastSeq));
    expect(seen.every((event) => event.__typename === 'MessageAdded')).toBe(true);
    expect(seen.map((event) => event.message!.id)).toEqual(readBack.map((message) => message.id));
    await within(30_000, 'the midway subscriber to see every message', waitForSeqEvents(midway!, lastSeq - startSeq));
    expect(seqEvents(midway!).map((event) => event.seq)).toEqual(range(startSeq + 1, lastSeq));
    expect(seqEvents(midway!).map((event) => event.message!.id)).toEqual(readBack.map((message) => message.id));

    // A subscriber arriving afterwards replays the same log from the start.
    const late = connectLive(wsUrl, members[2]!.token);
    clients.push(late);
    const replay = late.subscribe(eventsSubscription, { id: conversationId, after: 0 });
    await within(30_000, 'the late subscriber to replay the log', waitForSeqEvents(replay, lastSeq));
    expect(seqEvents(replay).map((event) => event.seq)).toEqual(range(1, lastSeq));
    expect(seqEvents(replay).slice(startSeq).map((event) => event.message!.id)).toEqual(readBack.map((message) => message.id));
    for (const sub of [live, midway!, replay]) sub.dispose();

    // Nobody marked anything read: each member has the others' messages unread, counted once each, in one notification.
    for (const member of senders) {
      const fromOthers = readBack.filter((message) => message.author.handle !== member.handle).length;
      const viewed = ok((await post(`query($id: ID!) { conversation(id: $id) { unreadCount } }`, { id: conversationId }, member.token)).body);
      expect(viewed.conversation.unreadCount).toBe(fromOthers);
      const notices = await t.db.prisma.notification.findMany({ where: { userId: member.rawId, kind: 'NEW_MESSAGE', subjectId: rawConversationId } });
      expect(notices.map((notice) => notice.count)).toEqual([fromOthers]);
    }
  });
});
