import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, ok, type GraphQLResult, type TestApp } from './utils/test-app.ts';
import { befriend, signUp, type TestUser } from './utils/users.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const messageFields = /* GraphQL */ `
  id seq text createdAt editedAt deletedAt
  author { handle }
  replyTo { id text }
  reactions { emoji count reactedByMe }`;

interface MessageView {
  id: string;
  seq: number;
  text: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  author: { handle: string };
  replyTo: { id: string; text: string | null } | null;
  reactions: { emoji: string; count: number; reactedByMe: boolean }[];
}

let counter = 0;
const user = (name: string) => {
  counter += 1;
  return signUp(t, `${name}_${counter}`);
};

const rawId = (globalId: string) => decodeGlobalID(globalId).id;
const field = (result: GraphQLResult) => result.errors?.[0]?.extensions?.field;

/** An owner and `count` friends of theirs, all in one group. */
const groupOf = async (count: number) => {
  const owner = await user('owner');
  const members: TestUser[] = [];
  for (let i = 0; i < count; i += 1) {
    const member = await user(`member${i}`);
    await befriend(t, owner, member);
    members.push(member);
  }
  const data = ok(
    await t.gql(
      `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
      { input: { title: 'Chat', memberIds: members.map((member) => member.id) } },
      { token: owner.token },
    ),
  );
  return { owner, members, conversationId: data.createGroup.id as string };
};

/** Two friends and their direct conversation (which logs no events of its own, so message seqs start at 1). */
const directPair = async () => {
  const [a, b] = [await user('left'), await user('right')];
  await befriend(t, a, b);
  const data = ok(await t.gql(`mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: b.handle }, { token: a.token }));
  return { a, b, conversationId: data.openDirectConversation.id as string };
};

const send = (viewer: TestUser, conversationId: string, text: string, replyToId?: string) =>
  t.gql<{ sendMessage: MessageView }>(
    `mutation($input: SendMessageInput!) { sendMessage(input: $input) { ${messageFields} } }`,
    { input: { conversationId, text, replyToId } },
    { token: viewer.token },
  );

/** Sends and returns the message; fails the test on any error. */
const say = async (viewer: TestUser, conversationId: string, text: string) => ok(await send(viewer, conversationId, text)).sendMessage;

const edit = (viewer: TestUser, messageId: string, text: string) =>
  t.gql(`mutation($input: EditMessageInput!) { editMessage(input: $input) { ${messageFields} } }`, { input: { messageId, text } }, { token: viewer.token });

const remove = (viewer: TestUser, messageId: string) =>
  t.gql(`mutation($input: MessageInput!) { deleteMessage(input: $input) }`, { input: { messageId } }, { token: viewer.token });

const react = (viewer: TestUser, messageId: string, emoji: string) =>
  t.gql(`mutation($input: ReactionInput!) { toggleReaction(input: $input) { ${messageFields} } }`, { input: { messageId, emoji } }, { token: viewer.token });

const markRead = (viewer: TestUser, conversationId: string, seq: number) =>
  t.gql(`mutation($input: MarkReadInput!) { markRead(input: $input) { id lastSeq unreadCount } }`, { input: { conversationId, seq } }, { token: viewer.token });

const messageAs = async (viewer: TestUser, id: string): Promise<MessageView> =>
  ok(await t.gql(`query($id: ID!) { node(id: $id) { ... on Message { ${messageFields} } } }`, { id }, { token: viewer.token })).node;

const page = (viewer: TestUser, conversationId: string, args: string) =>
  t.gql(
    `query($id: ID!) { conversation(id: $id) { messages(${args}) {
       edges { cursor node { id seq text deletedAt } }
       pageInfo { hasPreviousPage hasNextPage startCursor endCursor } } } }`,
    { id: conversationId },
    { token: viewer.token },
  );

const conversationAs = async (viewer: TestUser, conversationId: string) =>
  ok(await t.gql(`query($id: ID!) { conversation(id: $id) { lastSeq unreadCount } }`, { id: conversationId }, { token: viewer.token })).conversation;

/** What the database holds for a conversation: the counts a refused write must leave alone. */
const stored = async (conversationId: string) => {
  const id = rawId(conversationId);
  const [messages, events, row] = await Promise.all([
    t.db.prisma.message.count({ where: { conversationId: id } }),
    t.db.prisma.conversationEvent.count({ where: { conversationId: id } }),
    t.db.prisma.conversation.findUniqueOrThrow({ where: { id } }),
  ]);
  return { messages, events, lastSeq: row.lastSeq };
};

const readSeqOf = async (viewer: TestUser, conversationId: string) =>
  (await t.db.prisma.conversationMember.findUniqueOrThrow({
    where: { conversationId_userId: { conversationId: rawId(conversationId), userId: viewer.rawId } },
  })).readSeq;

const setRole = (conversationId: string, member: TestUser, role: 'ADMIN' | 'MEMBER') =>
  t.db.prisma.conversationMember.update({
    where: { conversationId_userId: { conversationId: rawId(conversationId), userId: member.rawId } },
    data: { role },
  });

describe('sendMessage', () => {
  it('should store the text trimmed and count it unread for the others', async () => {
    const { owner, members, conversationId } = await groupOf(1);
    const sent = await say(owner, conversationId, '  hello there \n');
    expect(sent.text).toBe('hello there');
    expect(sent.author.handle).toBe(owner.handle);
    expect(sent.editedAt).toBeNull();
    expect(sent.deletedAt).toBeNull();
    expect(sent.seq).toBe((await stored(conversationId)).lastSeq);
    expect((await conversationAs(members[0]!, conversationId)).unreadCount).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['whitespace only', ' \n\t '],
    ['4001 characters', 'a'.repeat(4001)],
  ])('should refuse a text that is %s with BAD_USER_INPUT on input.text and write nothing', async (_label, text) => {
    const { owner, conversationId } = await groupOf(1);
    const before = await stored(conversationId);
    const result = await send(owner, conversationId, text);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(field(result)).toBe('input.text');
    expect(await stored(conversationId)).toEqual(before);
  });

  it('should accept exactly 4000 characters', async () => {
    const { owner, conversationId } = await groupOf(1);
    expect((await say(owner, conversationId, 'b'.repeat(4000))).text).toHaveLength(4000);
  });

  it('should resolve replyTo within the conversation', async () => {
    const { owner, members, conversationId } = await groupOf(1);
    const original = await say(owner, conversationId, 'question?');
    const reply = ok(await send(members[0]!, conversationId, 'answer', original.id)).sendMessage;
    expect(reply.replyTo).toEqual({ id: original.id, text: 'question?' });
    expect((await messageAs(owner, reply.id)).replyTo?.id).toBe(original.id);
  });

  it('should refuse replying to a message of another conversation with BAD_USER_INPUT and write nothing', async () => {
    const { owner, conversationId } = await groupOf(1);
    const other = await directPair();
    const elsewhere = await say(other.a, other.conversationId, 'over here');
    const before = await stored(conversationId);
    const result = await send(owner, conversationId, 'reply', elsewhere.id);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(field(result)).toBe('input.replyToId');
    expect(await stored(conversationId)).toEqual(before);
  });

  it('should give 40 concurrent messages from two members seqs 1..N with no gap', async () => {
    const { owner, members, conversationId } = await groupOf(1);
    const senders = [owner, members[0]!];
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => send(senders[i % 2]!, conversationId, `burst ${i}`)));
    const sent = results.map((result) => ok(result).sendMessage);

    const id = rawId(conversationId);
    const events = await t.db.prisma.conversationEvent.findMany({ where: { conversationId: id }, orderBy: { seq: 'asc' } });
    const n = events.length;
    expect(n).toBe(2 + 40); // two MemberJoined, then the messages
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));

    const messages = await t.db.prisma.message.findMany({ where: { conversationId: id }, orderBy: { seq: 'asc' } });
    expect(messages).toHaveLength(40);
    expect(new Set(messages.map((message) => message.seq)).size).toBe(40);
    expect(messages.map((message) => message.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 3));
    expect(new Set(sent.map((message) => message.seq)).size).toBe(40);
    // Each message has the seq of its own MessageAdded event.
    const addedAt = new Map(events.filter((event) => event.kind === 'MESSAGE_ADDED').map((event) => [event.messageId, event.seq]));
    for (const message of messages) expect(addedAt.get(message.id)).toBe(message.seq);

    const row = await t.db.prisma.conversation.findUniqueOrThrow({ where: { id } });
    expect(row.lastSeq).toBe(n);
    expect(row.lastMessageId).toBe(messages.at(-1)!.id);
  });
});

describe('editMessage', () => {
  it('should let the author edit, trimming the text and setting editedAt', async () => {
    const { owner, members, conversationId } = await groupOf(1);
    const sent = await say(owner, conversationId, 'helo');
    const before = await stored(conversationId);
    const edited = ok(await edit(owner, sent.id, ' hello ')).editMessage;
    expect(edited.text).toBe('hello');
    expect(edited.editedAt).not.toBeNull();
    expect(Date.parse(edited.editedAt)).toBeGreaterThanOrEqual(Date.parse(sent.createdAt));
    expect((await messageAs(members[0]!, sent.id)).text).toBe('hello');
    expect(await stored(conversationId)).toEqual({ ...before, events: before.events + 1, lastSeq: before.lastSeq + 1 });
  });

  it('should refuse another member with FORBIDDEN, even the owner', async () => {
    const { owner, members, conversationId } = await groupOf(1);
    const sent = await say(members[0]!, conversationId, 'mine');
    expect(errorCode(await edit(owner, sent.id, 'yours now'))).toBe('FORBIDDEN');
    expect((await messageAs(owner, sent.id)).text).toBe('mine');
  });

  it('should refuse an empty text and a deleted message with BAD_USER_INPUT', async () => {
    const { owner, conversationId } = await groupOf(1);
    const sent = await say(owner, conversationId, 'soon gone');
    const empty = await edit(owner, sent.id, '   ');
    expect(errorCode(empty)).toBe('BAD_USER_INPUT');
    expect(field(empty)).toBe('input.text');
    ok(await remove(owner, sent.id));
    const deleted = await edit(owner, sent.id, 'back again');
    expect(errorCode(deleted)).toBe('BAD_USER_INPUT');
    expect(field(deleted)).toBe('input.messageId');
    expect((await messageAs(owner, sent.id)).text).toBeNull();
  });

  it('should answer NOT_FOUND to someone outside the conversation', async () => {
    const { owner, conversationId } = await groupOf(1);
    const sent = await say(owner, conversationId, 'private');
    const stranger = await user('outsider');
    expect(errorCode(await edit(stranger, sent.id, 'hacked'))).toBe('NOT_FOUND');
    expect(errorCode(await remove(stranger, sent.id))).toBe('NOT_FOUND');
    expect(errorCode(await react(stranger, sent.id, '👍'))).toBe('NOT_FOUND');
    const viaNode = await t.gql(`query($id: ID!) { node(id: $id) { ... on Message { text } } }`, { id: sent.id }, { token: stranger.token });
    expect(errorCode(viaNode)).toBe('FORBIDDEN');
    expect(JSON.stringify(viaNode)).not.toContain('private');
  });
});

describe('deleteMessage', () => {
  it('should leave a tombstone that stays in the list, and delete twice without a second event', async () => {
    const { owner, members, conversationId } = await groupOf(1);
    const member = members[0]!;
    const kept = await say(member, conversationId, 'kept');
    const doomed = await say(member, conversationId, 'doomed');
    expect(ok(await remove(member, doomed.id)).deleteMessage).toBe(true);

    const tombstone = await messageAs(owner, doomed.id);
    expect(tombstone.text).toBeNull();
    expect(tombstone.deletedAt).not.toBeNull();
    const listed = ok(await page(owner, conversationId, 'last: 10')).conversation.messages.edges.map((edge: any) => edge.node);
    expect(listed.map((node: any) => [node.id, node.text])).toEqual([
      [kept.id, 'kept'],
      [doomed.id, null],
    ]);

    const before = await stored(conversationId);
    expect(ok(await remove(member, doomed.id)).deleteMessage).toBe(true);
    expect(await stored(conversationId)).toEqual(before);
    const deletions = await t.db.prisma.conversationEvent.count({ where: { conversationId: rawId(conversationId), kind: 'MESSAGE_DELETED' } });
    expect(deletions).toBe(1);
  });

  it("should let the OWNER and an ADMIN delete others' messages", async () => {
    const { owner, members, conversationId } = await groupOf(2);
    const [admin, member] = members as [TestUser, TestUser];
    await setRole(conversationId, admin, 'ADMIN');
    const first = await say(member, conversationId, 'spam 1');
    const second = await say(member, conversationId, 'spam 2');
    const third = await say(owner, conversationId, 'owner says');
    ok(await remove(owner, first.id));
    ok(await remove(admin, second.id));
    // An admin moderates the owner's messages too.
    ok(await remove(admin, third.id));
    for (const message of [first, second, third]) expect((await messageAs(member, message.id)).deletedAt).not.toBeNull();
  });

  it("should refuse a plain MEMBER deleting others' messages with FORBIDDEN", async () => {
    const { owner, members, conversationId } = await groupOf(2);
    const byOwner = await say(owner, conversationId, 'owner');
    const byPeer = await say(members[1]!, conversationId, 'peer');
    const before = await stored(conversationId);
    expect(errorCode(await remove(members[0]!, byOwner.id))).toBe('FORBIDDEN');
    expect(errorCode(await remove(members[0]!, byPeer.id))).toBe('FORBIDDEN');
    expect((await messageAs(owner, byOwner.id)).text).toBe('owner');
    expect(await stored(conversationId)).toEqual(before);
  });

  it("should refuse deleting the other side's message in a DIRECT conversation", async () => {
    const { a, b, conversationId } = await directPair();
    const sent = await say(a, conversationId, 'only I may delete this');
    expect(errorCode(await remove(b, sent.id))).toBe('FORBIDDEN');
  });

  it('should take a deleted message out of the unread count and clear its reactions', async () => {
    const { owner, members, conversationId } = await groupOf(1);
    const sent = await say(owner, conversationId, 'oops');
    ok(await react(members[0]!, sent.id, '🔥'));
    expect((await conversationAs(members[0]!, conversationId)).unreadCount).toBe(1);
    ok(await remove(owner, sent.id));
    expect((await conversationAs(members[0]!, conversationId)).unreadCount).toBe(0);
    expect((await messageAs(members[0]!, sent.id)).reactions).toEqual([]);
  });
});

describe('toggleReaction', () => {
  it('should add and then take back a reaction, as both members see it', async () => {
    const { owner, members, conversationId } = await groupOf(1);
    const member = members[0]!;
    const sent = await say(owner, conversationId, 'react to me');

    expect(ok(await react(member, sent.id, '👍')).toggleReaction.reactions).toEqual([{ emoji: '👍', count: 1, reactedByMe: true }]);
    expect((await messageAs(owner, sent.id)).reactions).toEqual([{ emoji: '👍', count: 1, reactedByMe: false }]);

    expect(ok(await react(owner, sent.id, '👍')).toggleReaction.reactions).toEqual([{ emoji: '👍', count: 2, reactedByMe: true }]);
    expect(ok(await react(owner, sent.id, '❤️')).toggleReaction.reactions).toEqual([
      { emoji: '👍', count: 2, reactedByMe: true },
      { emoji: '❤️', count: 1, reactedByMe: true },
    ]);

    expect(ok(await react(member, sent.id, '👍')).toggleReaction.reactions).toEqual([
      { emoji: '👍', count: 1, reactedByMe: false },
      { emoji: '❤️', count: 1, reactedByMe: false },
    ]);
    ok(await react(owner, sent.id, '👍'));
    ok(await react(owner, sent.id, '❤️'));
    expect((await messageAs(member, sent.id)).reactions).toEqual([]);
    expect(await t.db.prisma.reaction.count({ where: { messageId: rawId(sent.id) } })).toBe(0);
  });

  it('should refuse an emoji outside the set with BAD_USER_INPUT', async () => {
    const { owner, conversationId } = await groupOf(1);
    const sent = await say(owner, conversationId, 'hi');
    const before = await stored(conversationId);
    for (const emoji of ['🙂', 'thumbs up', '']) {
      const result = await react(owner, sent.id, emoji);
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(field(result)).toBe('input.emoji');
    }
    expect(await stored(conversationId)).toEqual(before);
  });

  it('should refuse a deleted message with BAD_USER_INPUT', async () => {
    const { owner, members, conversationId } = await groupOf(1);
    const sent = await say(owner, conversationId, 'gone');
    ok(await remove(owner, sent.id));
    expect(errorCode(await react(members[0]!, sent.id, '😂'))).toBe('BAD_USER_INPUT');
  });
});

describe('markRead', () => {
  it('should bring unreadCount to 0, never move back, and cap at the newest message', async () => {
    const { owner, members, conversationId } = await groupOf(1);
    const reader = members[0]!;
    const sent = [];
    for (const text of ['one', 'two', 'three']) sent.push(await say(owner, conversationId, text));
    expect((await conversationAs(reader, conversationId)).unreadCount).toBe(3);

    const partly = ok(await markRead(reader, conversationId, sent[1]!.seq)).markRead;
    expect(partly.unreadCount).toBe(1);
    expect(await readSeqOf(reader, conversationId)).toBe(sent[1]!.seq);

    const all = ok(await markRead(reader, conversationId, sent[2]!.seq)).markRead;
    expect(all.unreadCount).toBe(0);
    expect(await readSeqOf(reader, conversationId)).toBe(sent[2]!.seq);
    const reads = await t.db.prisma.conversationEvent.findMany({
      where: { conversationId: rawId(conversationId), kind: 'READ_UP_TO' },
      orderBy: { seq: 'asc' },
    });
    expect(reads.map((event) => [event.userId, event.readSeq])).toEqual([
      [reader.rawId, sent[1]!.seq],
      [reader.rawId, sent[2]!.seq],
    ]);

    // Going back (or staying put) changes nothing and logs nothing.
    const before = await stored(conversationId);
    expect(ok(await markRead(reader, conversationId, sent[0]!.seq)).markRead.unreadCount).toBe(0);
    ok(await markRead(reader, conversationId, sent[2]!.seq));
    expect(await readSeqOf(reader, conversationId)).toBe(sent[2]!.seq);
    expect(await stored(conversationId)).toEqual(before);

    // Past the end, or at its own ReadUpTo's seq: capped at the newest message, so a client
    // that marks every event it receives as read cannot make the markers feed themselves.
    ok(await markRead(reader, conversationId, 1_000_000));
    ok(await markRead(reader, conversationId, before.lastSeq));
    expect(await readSeqOf(reader, conversationId)).toBe(sent[2]!.seq);
    expect(await stored(conversationId)).toEqual(before);
  });

  it('should refuse a negative seq with BAD_USER_INPUT', async () => {
    const { members, conversationId } = await groupOf(1);
    const result = await markRead(members[0]!, conversationId, -1);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(field(result)).toBe('input.seq');
  });

  it('should never count your own messages as unread', async () => {
    const { owner, members, conversationId } = await groupOf(1);
    await say(owner, conversationId, 'me');
    await say(owner, conversationId, 'me again');
    await say(members[0]!, conversationId, 'them');
    expect((await conversationAs(owner, conversationId)).unreadCount).toBe(1);
    expect((await conversationAs(members[0]!, conversationId)).unreadCount).toBe(2);
  });

  it('should answer NOT_FOUND to a non-member', async () => {
    const { conversationId } = await groupOf(1);
    const stranger = await user('peeker');
    expect(errorCode(await markRead(stranger, conversationId, 1))).toBe('NOT_FOUND');
  });
});

describe('messages paging', () => {
  let pair: Awaited<ReturnType<typeof directPair>>;
  const sent: MessageView[] = [];
  // A direct conversation's log opens with a MemberJoined event for each of the two.
  const base = 2;
  beforeAll(async () => {
    pair = await directPair();
    for (let i = 1; i <= 25; i += 1) sent.push(await say(i % 3 === 0 ? pair.b : pair.a, pair.conversationId, `message ${i}`));
  });

  const seqsOf = (connection: { edges: { node: { seq: number } }[] }) => connection.edges.map((edge) => edge.node.seq);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const messages = async (args: string) => ok(await page(pair.a, pair.conversationId, args)).conversation.messages;

  it('should number the messages consecutively after the two MemberJoined events', () => {
    expect(sent.map((message) => message.seq)).toEqual(range(base + 1, base + 25));
  });

  it('should page back through history with last and before', async () => {
    const newest = await messages('last: 10');
    expect(seqsOf(newest)).toEqual(range(base + 16, base + 25));
    expect(newest.pageInfo.hasPreviousPage).toBe(true);
    const older = await messages(`last: 10, before: "${newest.pageInfo.startCursor}"`);
    expect(seqsOf(older)).toEqual(range(base + 6, base + 15));
    expect(older.pageInfo.hasPreviousPage).toBe(true);
    const oldest = await messages(`last: 10, before: "${older.pageInfo.startCursor}"`);
    expect(seqsOf(oldest)).toEqual(range(base + 1, base + 5));
    expect(oldest.pageInfo.hasPreviousPage).toBe(false);
  });

  it('should page forward with first and after', async () => {
    const start = await messages('first: 10');
    expect(seqsOf(start)).toEqual(range(base + 1, base + 10));
    expect(start.pageInfo.hasNextPage).toBe(true);
    const middle = await messages(`first: 10, after: "${start.pageInfo.endCursor}"`);
    expect(seqsOf(middle)).toEqual(range(base + 11, base + 20));
    const end = await messages(`first: 10, after: "${middle.pageInfo.endCursor}"`);
    expect(seqsOf(end)).toEqual(range(base + 21, base + 25));
    expect(end.pageInfo.hasNextPage).toBe(false);
  });

  it('should open a window around a message', async () => {
    const target = sent[11]!;
    expect(target.seq).toBe(base + 12);
    const window = await messages(`around: "${target.id}", first: 6`);
    const seqs = seqsOf(window);
    expect(seqs).toHaveLength(6);
    expect(seqs).toContain(base + 12);
    expect(seqs).toEqual(range(seqs[0]!, seqs[0]! + 5));
    expect(window.pageInfo.hasPreviousPage).toBe(true);
    expect(window.pageInfo.hasNextPage).toBe(true);
    // Its cursors continue into the ordinary pages.
    const before = await messages(`last: 3, before: "${window.pageInfo.startCursor}"`);
    expect(seqsOf(before)).toEqual(range(seqs[0]! - 3, seqs[0]! - 1));
    const after = await messages(`first: 3, after: "${window.pageInfo.endCursor}"`);
    expect(seqsOf(after)).toEqual(range(seqs[5]! + 1, seqs[5]! + 3));
  });

  it('should report the ends of history in a window around the first and last messages', async () => {
    const atStart = await messages(`around: "${sent[0]!.id}", first: 6`);
    expect(seqsOf(atStart)).toContain(base + 1);
    expect(atStart.pageInfo.hasPreviousPage).toBe(false);
    expect(atStart.pageInfo.hasNextPage).toBe(true);
    const atEnd = await messages(`around: "${sent[24]!.id}", first: 6`);
    expect(seqsOf(atEnd)).toContain(base + 25);
    expect(atEnd.pageInfo.hasNextPage).toBe(false);
    expect(atEnd.pageInfo.hasPreviousPage).toBe(true);
  });

  it("should answer NOT_FOUND for around with another conversation's message", async () => {
    const other = await directPair();
    const elsewhere = await say(other.a, other.conversationId, 'not yours');
    expect(errorCode(await page(pair.a, pair.conversationId, `around: "${elsewhere.id}", first: 6`))).toBe('NOT_FOUND');
  });

  it('should refuse a cursor from another list with BAD_USER_INPUT', async () => {
    const conversations = ok(await t.gql(`{ me { conversations(first: 1) { pageInfo { endCursor } } } }`, {}, { token: pair.a.token }));
    const foreign = conversations.me.conversations.pageInfo.endCursor;
    expect(errorCode(await page(pair.a, pair.conversationId, `first: 5, after: "${foreign}"`))).toBe('BAD_USER_INPUT');
  });
});

describe('blocks in a DIRECT conversation', () => {
  it('should refuse sending from either side with FORBIDDEN while history stays readable', async () => {
    const { a, b, conversationId } = await directPair();
    await say(a, conversationId, 'before the block');
    const last = await say(b, conversationId, 'reply before the block');
    ok(await t.gql(`mutation($h: String!) { blockUser(input: { handle: $h }) { handle } }`, { h: b.handle }, { token: a.token }));

    const before = await stored(conversationId);
    expect(errorCode(await send(a, conversationId, 'after'))).toBe('FORBIDDEN');
    expect(errorCode(await send(b, conversationId, 'after'))).toBe('FORBIDDEN');
    expect(errorCode(await edit(b, last.id, 'edited after'))).toBe('FORBIDDEN');
    expect(errorCode(await react(a, last.id, '👍'))).toBe('FORBIDDEN');
    expect(await stored(conversationId)).toEqual(before);

    for (const viewer of [a, b]) {
      const history = ok(await page(viewer, conversationId, 'last: 10')).conversation.messages.edges.map((edge: any) => edge.node.text);
      expect(history).toEqual(['before the block', 'reply before the block']);
    }
  });
});

describe('setTyping', () => {
  it('should answer true to a member and NOT_FOUND to anyone else', async () => {
    const { members, conversationId } = await groupOf(1);
    const typing = (viewer: TestUser) =>
      t.gql(`mutation($input: ConversationInput!) { setTyping(input: $input) }`, { input: { conversationId } }, { token: viewer.token });
    expect(ok(await typing(members[0]!)).setTyping).toBe(true);
    const stranger = await user('lurker');
    expect(errorCode(await typing(stranger))).toBe('NOT_FOUND');
    // Typing is live only: nothing is logged.
    expect((await stored(conversationId)).events).toBe(2);
  });
});
