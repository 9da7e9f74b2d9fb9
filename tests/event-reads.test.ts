import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventReads } from '../src/loaders/event-reads.ts';
import { createLiveTestApp, type LiveTestApp } from './utils/live-app.ts';
import type { Subscription } from './utils/live-client.ts';
import { ok, type TestApp } from './utils/test-app.ts';
import { befriend, signUp, type TestUser } from './utils/users.ts';

let live: LiveTestApp;
let t: TestApp;
beforeAll(async () => {
  live = await createLiveTestApp();
  t = live.t;
});
afterAll(() => live.close());

let counter = 0;

/** `count` signed-up people and a group the first of them made with all the others; the group's global id. */
async function groupOf(count: number): Promise<{ members: TestUser[]; id: string }> {
  counter += 1;
  const members: TestUser[] = [];
  for (let i = 0; i < count; i += 1) members.push(await signUp(t, `er${counter}_${i}`));
  const [owner, ...others] = members;
  for (const other of others) await befriend(t, owner!, other);
  const id = ok(
    await t.gql(`mutation($ids: [ID!]!) { createGroup(input: { title: "Crowd", memberIds: $ids }) { id } }`, { ids: others.map((m) => m.id) }, { token: owner!.token }),
  ).createGroup.id as string;
  return { members, id };
}

const send = async (user: TestUser, conversationId: string, text: string) =>
  ok(await t.gql(`mutation($id: ID!, $text: String!) { sendMessage(input: { conversationId: $id, text: $text }) { id seq } }`, { id: conversationId, text }, { token: user.token }))
    .sendMessage as { id: string; seq: number };

const react = async (user: TestUser, messageId: string, emoji: string) =>
  ok(await t.gql(`mutation($input: ReactionInput!) { toggleReaction(input: $input) { id } }`, { input: { messageId, emoji } }, { token: user.token }));

const lastSeqOf = async (user: TestUser, id: string): Promise<number> =>
  ok(await t.gql(`query($id: ID!) { conversation(id: $id) { lastSeq } }`, { id }, { token: user.token })).conversation.lastSeq;

const eventsQuery = /* GraphQL */ `
  subscription Events($id: ID!, $after: Int) {
    conversationEvents(conversationId: $id, afterSeq: $after) {
      __typename
      ... on MessageAdded { seq message { id text author { id displayName } reactions { emoji count reactedByMe } } }
      ... on ReactionChanged { seq message { id text author { id displayName } reactions { emoji count reactedByMe } } }
    }
  }`;

interface EventView {
  __typename: string;
  seq: number;
  message: { id: string; text: string; author: { id: string; displayName: string }; reactions: { emoji: string; count: number; reactedByMe: boolean }[] };
}

/**
 * Every member follows the group from its current seq, then a probe goes round: a stream that
 * has delivered the probe is subscribed live (it subscribes before it replays), so whatever is
 * sent next reaches all of them from the one published event.
 */
async function everyoneFollows(members: TestUser[], id: string): Promise<Subscription<{ conversationEvents: EventView }>[]> {
  const after = await lastSeqOf(members[0]!, id);
  const subs = members.map((member) => live.live(member).subscribe<{ conversationEvents: EventView }>(eventsQuery, { id, after }));
  await send(members[0]!, id, 'probe');
  await Promise.all(subs.map((sub) => sub.waitFor(1)));
  return subs;
}

const eventsOf = (sub: Subscription<{ conversationEvents: EventView }>): EventView[] =>
  sub.results.map((result) => {
    expect(result.errors).toBeUndefined();
    return result.data!.conversationEvents;
  });

/** Which viewer-independent read a statement is, if it is one. */
function readKind(sql: string): 'message' | 'user' | 'reaction' | undefined {
  if (/FROM "public"\."Message" WHERE "public"\."Message"\."id" IN/.test(sql)) return 'message';
  if (/FROM "public"\."User" WHERE "public"\."User"\."id" IN/.test(sql)) return 'user';
  if (/FROM "Reaction"/.test(sql)) return 'reaction';
  return undefined;
}

const countReads = (statements: string[]) => {
  const counts = { message: 0, user: 0, reaction: 0 };
  for (const sql of statements) {
    const kind = readKind(sql);
    if (kind) counts[kind] += 1;
  }
  return counts;
};

describe('a conversation event reaching many subscribers', () => {
  /** Sends one message to a group of `size` subscribed members; the reads its fan-out made. */
  async function fanOut(size: number) {
    const { members, id } = await groupOf(size);
    const subs = await everyoneFollows(members, id);
    const author = members[1]!;
    t.statements.length = 0;
    const sent = await send(author, id, `hello ${size}`);
    await Promise.all(subs.map((sub) => sub.waitFor(2)));
    const reads = countReads(t.statements);

    // A later message, once delivered everywhere, shows nothing more came for the first.
    await send(members[0]!, id, `after ${size}`);
    await Promise.all(subs.map((sub) => sub.waitFor(3)));
    const authorView = { id: author.id, displayName: author.handle.toUpperCase() };
    for (const sub of subs) {
      const events = eventsOf(sub);
      expect(events.map((event) => [event.__typename, event.message.text])).toEqual([
        ['MessageAdded', 'probe'],
        ['MessageAdded', `hello ${size}`],
        ['MessageAdded', `after ${size}`],
      ]);
      expect(events[1]).toEqual({
        __typename: 'MessageAdded',
        seq: sent.seq,
        message: { id: sent.id, text: `hello ${size}`, author: authorView, reactions: [] },
      });
    }
    return { subscribers: subs.length, reads };
  }

  it('should read the message, its author and its reactions once for 3 subscribers and for 12', async () => {
    const small = await fanOut(3);
    const large = await fanOut(12);
    expect(small.subscribers).toBe(3);
    expect(large.subscribers).toBe(12);
    console.info(`reads for one message: 3 subscribers -> ${JSON.stringify(small.reads)}, 12 subscribers -> ${JSON.stringify(large.reads)}`);
    // Message, author and reactors are the same for every viewer: one read each, however many watch.
    expect(large.reads).toEqual(small.reads);
    expect(large.reads).toEqual({ message: 1, user: 1, reaction: 1 });
  });

  it("should show each subscriber whether they reacted, from the same reactions", async () => {
    const { members, id } = await groupOf(3);
    const [ann, bob, cat] = members as [TestUser, TestUser, TestUser];
    const subs = await everyoneFollows(members, id);
    const message = await send(cat, id, 'react to me');
    await Promise.all(subs.map((sub) => sub.waitFor(2)));

    await react(ann, message.id, '👍');
    await Promise.all(subs.map((sub) => sub.waitFor(3)));
    await react(bob, message.id, '👍');
    await Promise.all(subs.map((sub) => sub.waitFor(4)));

    const seen = subs.map((sub) =>
      eventsOf(sub)
        .slice(1)
        .map((event) => [event.__typename, event.message.id, event.message.reactions]),
    );
    const thumbs = (count: number, reactedByMe: boolean) => [{ emoji: '👍', count, reactedByMe }];
    expect(seen[0]).toEqual([
      ['MessageAdded', message.id, []],
      ['ReactionChanged', message.id, thumbs(1, true)],
      ['ReactionChanged', message.id, thumbs(2, true)],
    ]);
    expect(seen[1]).toEqual([
      ['MessageAdded', message.id, []],
      ['ReactionChanged', message.id, thumbs(1, false)],
      ['ReactionChanged', message.id, thumbs(2, true)],
    ]);
    expect(seen[2]).toEqual([
      ['MessageAdded', message.id, []],
      ['ReactionChanged', message.id, thumbs(1, false)],
      ['ReactionChanged', message.id, thumbs(2, false)],
    ]);
  });
});

describe('createEventReads', () => {
  const clock = () => {
    let time = 1_000_000;
    return { now: () => time, advance: (ms: number) => (time += ms) };
  };

  it('should give the same reads for one event within the ttl, and other reads to another event', () => {
    const { now, advance } = clock();
    const reads = createEventReads(t.db.prisma, { ttlMs: 2000, now });
    const first = reads.forEvent('7:m1:');
    advance(1999);
    expect(reads.forEvent('7:m1:')).toBe(first);
    expect(reads.forEvent('8:m1:')).not.toBe(first);
    expect(reads.forEvent('8:m1:').messageById).not.toBe(first.messageById);
  });

  it('should make new reads for an event once its ttl is over', () => {
    const { now, advance } = clock();
    const reads = createEventReads(t.db.prisma, { ttlMs: 2000, now });
    const first = reads.forEvent('7:m1:');
    advance(2000);
    const second = reads.forEvent('7:m1:');
    expect(second).not.toBe(first);
    expect(second.userById).not.toBe(first.userById);
    expect(second.reactors).not.toBe(first.reactors);
    // The new reads start their own ttl.
    advance(1999);
    expect(reads.forEvent('7:m1:')).toBe(second);
  });

  it('should drop expired events while keeping the ones still within their ttl', () => {
    const { now, advance } = clock();
    const reads = createEventReads(t.db.prisma, { ttlMs: 2000, now });
    const early = reads.forEvent('1:a:');
    advance(1000);
    const later = reads.forEvent('2:b:');
    // Past the early event's ttl, within the later one's: asking for the later one sweeps the early one out.
    advance(1500);
    expect(reads.forEvent('2:b:')).toBe(later);
    const earlyAgain = reads.forEvent('1:a:');
    expect(earlyAgain).not.toBe(early);
    expect(reads.forEvent('1:a:')).toBe(earlyAgain);
    expect(reads.forEvent('2:b:')).toBe(later);
    advance(500);
    expect(reads.forEvent('2:b:')).not.toBe(later);
    expect(reads.forEvent('1:a:')).toBe(earlyAgain);
  });

  it('should load a row once for everyone who shares the reads', async () => {
    const reads = createEventReads(t.db.prisma);
    const user = await signUp(t, `er_unit_${counter}`);
    const shared = reads.forEvent('unit:user:');
    t.statements.length = 0;
    const [seenByOne, seenByAnother] = await Promise.all([shared.userById.load(user.rawId), reads.forEvent('unit:user:').userById.load(user.rawId)]);
    expect(seenByOne?.handle).toBe(user.handle);
    expect(seenByAnother).toBe(seenByOne);
    expect(t.statements.filter((sql) => readKind(sql) === 'user')).toHaveLength(1);
  });
});
