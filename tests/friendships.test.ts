import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, ok, type TestApp } from './utils/test-app.ts';
import { befriend, signUp, type TestUser } from './utils/users.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const act = (mutation: string, actor: TestUser, target: { handle?: string; userId?: string }) =>
  t.gql(`mutation($input: FriendTargetInput!) { result: ${mutation}(input: $input) { handle friendship } }`, { input: target }, { token: actor.token });

const stateOf = async (viewer: TestUser, other: TestUser) =>
  ok(await t.gql(`query($h: String!) { user(handle: $h) { friendship } }`, { h: other.handle }, { token: viewer.token })).user.friendship;

const pairRows = (a: TestUser, b: TestUser) =>
  t.db.prisma.friendship.findMany({
    where: { userLowId: a.rawId < b.rawId ? a.rawId : b.rawId, userHighId: a.rawId < b.rawId ? b.rawId : a.rawId },
  });

const lists = async (viewer: TestUser) => {
  const data = ok(
    await t.gql(
      `{ me { friends(first: 50) { edges { node { handle } } }
              incomingRequests(first: 50) { edges { node { handle } } }
              outgoingRequests(first: 50) { edges { node { handle } } } } }`,
      {},
      { token: viewer.token },
    ),
  );
  const handles = (connection: { edges: { node: { handle: string } }[] }) => connection.edges.map((edge) => edge.node.handle);
  return { friends: handles(data.me.friends), incoming: handles(data.me.incomingRequests), outgoing: handles(data.me.outgoingRequests) };
};

let counter = 0;
const pair = async () => {
  counter += 1;
  return [await signUp(t, `left_${counter}`), await signUp(t, `right_${counter}`)] as const;
};

describe('requests', () => {
  it('should send, list and accept a request, by handle and by id', async () => {
    const [a, b] = await pair();
    expect(ok(await act('sendFriendRequest', a, { handle: b.handle })).result.friendship).toBe('REQUESTED_BY_ME');
    expect(await stateOf(b, a)).toBe('REQUESTED_BY_THEM');
    expect(await lists(a)).toEqual({ friends: [], incoming: [], outgoing: [b.handle] });
    expect(await lists(b)).toEqual({ friends: [], incoming: [a.handle], outgoing: [] });

    expect(ok(await act('acceptFriendRequest', b, { userId: a.id })).result.friendship).toBe('FRIENDS');
    expect(await lists(a)).toEqual({ friends: [b.handle], incoming: [], outgoing: [] });
    expect(await stateOf(a, b)).toBe('FRIENDS');
    expect(await pairRows(a, b)).toHaveLength(1);
  });

  it('should refuse a duplicate request in the same direction with CONFLICT', async () => {
    const [a, b] = await pair();
    ok(await act('sendFriendRequest', a, { handle: b.handle }));
    expect(errorCode(await act('sendFriendRequest', a, { handle: b.handle }))).toBe('CONFLICT');
    expect(await pairRows(a, b)).toHaveLength(1);
  });

  it('should accept when the other side had already asked', async () => {
    const [a, b] = await pair();
    ok(await act('sendFriendRequest', a, { handle: b.handle }));
    expect(ok(await act('sendFriendRequest', b, { handle: a.handle })).result.friendship).toBe('FRIENDS');
    expect(errorCode(await act('sendFriendRequest', a, { handle: b.handle }))).toBe('CONFLICT');
  });

  it('should allow asking again after a decline, and after a cancel', async () => {
    const [a, b] = await pair();
    ok(await act('sendFriendRequest', a, { handle: b.handle }));
    expect(ok(await act('declineFriendRequest', b, { handle: a.handle })).result.friendship).toBe('NONE');
    expect(await pairRows(a, b)).toHaveLength(0);
    ok(await act('sendFriendRequest', a, { handle: b.handle }));
    expect(ok(await act('cancelFriendRequest', a, { handle: b.handle })).result.friendship).toBe('NONE');
    expect(ok(await act('sendFriendRequest', a, { handle: b.handle })).result.friendship).toBe('REQUESTED_BY_ME');
  });

  it('should remove a friend', async () => {
    const [a, b] = await pair();
    await befriend(t, a, b);
    expect(ok(await act('removeFriend', b, { handle: a.handle })).result.friendship).toBe('NONE');
    expect(await lists(a)).toEqual({ friends: [], incoming: [], outgoing: [] });
    expect(errorCode(await act('removeFriend', b, { handle: a.handle }))).toBe('NOT_FOUND');
  });

  it('should answer NOT_FOUND for actions on requests that do not exist', async () => {
    const [a, b] = await pair();
    expect(errorCode(await act('acceptFriendRequest', a, { handle: b.handle }))).toBe('NOT_FOUND');
    expect(errorCode(await act('declineFriendRequest', a, { handle: b.handle }))).toBe('NOT_FOUND');
    expect(errorCode(await act('cancelFriendRequest', a, { handle: b.handle }))).toBe('NOT_FOUND');
    ok(await act('sendFriendRequest', a, { handle: b.handle }));
    // Only the addressee can accept or decline; only the sender can cancel.
    expect(errorCode(await act('acceptFriendRequest', a, { handle: b.handle }))).toBe('NOT_FOUND');
    expect(errorCode(await act('cancelFriendRequest', b, { handle: a.handle }))).toBe('NOT_FOUND');
    expect(await stateOf(a, b)).toBe('REQUESTED_BY_ME');
  });

  it('should answer CONFLICT when accepting a friend again', async () => {
    const [a, b] = await pair();
    await befriend(t, a, b);
    expect(errorCode(await act('acceptFriendRequest', b, { handle: a.handle }))).toBe('CONFLICT');
  });
});

describe('bad targets', () => {
  it('should refuse yourself with BAD_USER_INPUT', async () => {
    const [a] = await pair();
    expect(errorCode(await act('sendFriendRequest', a, { handle: a.handle }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await act('blockUser', a, { userId: a.id }))).toBe('BAD_USER_INPUT');
  });

  it.each([
    [{}, 'input'],
    [{ handle: 'someone', userId: 'VXNlcjox' }, 'input'],
    [{ handle: 'x' }, 'input.handle'],
    [{ userId: 'not-an-id' }, 'input.userId'],
    [{ userId: encodeGlobalID('Conversation', '00000000-0000-4000-8000-000000000000') }, 'input.userId'],
  ])('should refuse %j with BAD_USER_INPUT on %s', async (input, field) => {
    const [a] = await pair();
    const result = await act('sendFriendRequest', a, input);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.extensions!.field).toBe(field);
  });

  it('should answer NOT_FOUND for an unknown user', async () => {
    const [a] = await pair();
    expect(errorCode(await act('sendFriendRequest', a, { handle: 'ghost_user' }))).toBe('NOT_FOUND');
    const ghost = encodeGlobalID('User', '00000000-0000-4000-8000-000000000000');
    expect(errorCode(await act('sendFriendRequest', a, { userId: ghost }))).toBe('NOT_FOUND');
  });

  it('should require sign-in', async () => {
    const result = await t.gql(`mutation { sendFriendRequest(input: { handle: "abc" }) { handle } }`);
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
  });
});

describe('blocking', () => {
  it('should end a friendship, show BLOCKED both ways, and refuse requests both ways', async () => {
    const [a, b] = await pair();
    await befriend(t, a, b);
    expect(ok(await act('blockUser', a, { handle: b.handle })).result.friendship).toBe('BLOCKED');
    expect(await pairRows(a, b)).toHaveLength(0);
    expect(await stateOf(b, a)).toBe('BLOCKED');
    expect(errorCode(await act('sendFriendRequest', b, { handle: a.handle }))).toBe('FORBIDDEN');
    expect(errorCode(await act('sendFriendRequest', a, { handle: b.handle }))).toBe('FORBIDDEN');
    // Blocking twice changes nothing.
    expect(ok(await act('blockUser', a, { handle: b.handle })).result.friendship).toBe('BLOCKED');
    expect(await t.db.prisma.block.count({ where: { blockerId: a.rawId } })).toBe(1);
  });

  it('should hide blocked people from search, both ways', async () => {
    const [a, b] = await pair();
    const search = (viewer: TestUser, query: string) =>
      t.gql(`query($q: String!) { searchUsers(query: $q, first: 10) { edges { node { handle } } } }`, { q: query }, { token: viewer.token });
    expect(ok(await search(a, b.handle)).searchUsers.edges).toHaveLength(1);
    ok(await act('blockUser', b, { handle: a.handle }));
    expect(ok(await search(a, b.handle)).searchUsers.edges).toHaveLength(0);
    expect(ok(await search(b, a.handle)).searchUsers.edges).toHaveLength(0);
  });

  it('should lift only your own block', async () => {
    const [a, b] = await pair();
    ok(await act('blockUser', a, { handle: b.handle }));
    ok(await act('blockUser', b, { handle: a.handle }));
    expect(ok(await act('unblockUser', a, { handle: b.handle })).result.friendship).toBe('BLOCKED');
    expect(errorCode(await act('sendFriendRequest', a, { handle: b.handle }))).toBe('FORBIDDEN');
    expect(errorCode(await act('unblockUser', a, { handle: b.handle }))).toBe('NOT_FOUND');
    expect(ok(await act('unblockUser', b, { handle: a.handle })).result.friendship).toBe('NONE');
    expect(ok(await act('sendFriendRequest', a, { handle: b.handle })).result.friendship).toBe('REQUESTED_BY_ME');
  });
});

describe('concurrency', () => {
  it('should leave exactly one friendship when both sides ask at once', async () => {
    for (let round = 0; round < 5; round += 1) {
      const [a, b] = await pair();
      const results = await Promise.all([act('sendFriendRequest', a, { handle: b.handle }), act('sendFriendRequest', b, { handle: a.handle })]);
      expect(results.every((result) => !result.errors)).toBe(true);
      const rows = await pairRows(a, b);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.status).toBe('ACCEPTED');
      expect(await stateOf(a, b)).toBe('FRIENDS');
    }
  });

  it('should keep one row and one success when the same request is sent many times at once', async () => {
    const [a, b] = await pair();
    const results = await Promise.all(Array.from({ length: 20 }, () => act('sendFriendRequest', a, { handle: b.handle })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => result.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(19);
    expect(await pairRows(a, b)).toHaveLength(1);
  });

  it('should end in one consistent state when accept races decline', async () => {
    const [a, b] = await pair();
    ok(await act('sendFriendRequest', a, { handle: b.handle }));
    const [accepted, declined] = await Promise.all([act('acceptFriendRequest', b, { handle: a.handle }), act('declineFriendRequest', b, { handle: a.handle })]);
    expect([accepted.errors, declined.errors].filter((errors) => !errors)).toHaveLength(1);
    const rows = await pairRows(a, b);
    if (!accepted.errors) expect(rows.map((row) => row.status)).toEqual(['ACCEPTED']);
    else expect(rows).toHaveLength(0);
  });

  it('should refuse a second row for a pair at the database level', async () => {
    const [a, b] = await pair();
    const [low, high] = a.rawId < b.rawId ? [a.rawId, b.rawId] : [b.rawId, a.rawId];
    // Reversed order breaks the CHECK; a repeat breaks the primary key.
    await expect(t.db.prisma.friendship.create({ data: { userLowId: high, userHighId: low, requesterId: a.rawId, status: 'PENDING' } })).rejects.toThrow();
    await t.db.prisma.friendship.create({ data: { userLowId: low, userHighId: high, requesterId: a.rawId, status: 'PENDING' } });
    await expect(t.db.prisma.friendship.create({ data: { userLowId: low, userHighId: high, requesterId: b.rawId, status: 'PENDING' } })).rejects.toThrow();
  });
});

describe('friends lists', () => {
  it('should page friends by handle forwards and backwards, and show them only to friends', async () => {
    const hub = await signUp(t, 'hub_user');
    const friends: TestUser[] = [];
    for (const name of ['f_delta', 'f_alpha', 'f_echo', 'f_charlie', 'f_bravo']) {
      const friend = await signUp(t, name);
      await befriend(t, hub, friend);
      friends.push(friend);
    }
    const page = (args: string, viewer = hub) =>
      t.gql(`query($h: String!) { user(handle: $h) { friendCount friends(${args}) { edges { node { handle } } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } } }`, { h: hub.handle }, { token: viewer.token });
    const first = ok(await page('first: 2')).user;
    expect(first.friendCount).toBe(5);
    expect(first.friends.edges.map((e: any) => e.node.handle)).toEqual(['f_alpha', 'f_bravo']);
    expect(first.friends.pageInfo.hasNextPage).toBe(true);
    const second = ok(await page(`first: 2, after: "${first.friends.pageInfo.endCursor}"`)).user;
    expect(second.friends.edges.map((e: any) => e.node.handle)).toEqual(['f_charlie', 'f_delta']);
    const last = ok(await page(`first: 2, after: "${second.friends.pageInfo.endCursor}"`)).user;
    expect(last.friends.edges.map((e: any) => e.node.handle)).toEqual(['f_echo']);
    expect(last.friends.pageInfo.hasNextPage).toBe(false);
    const back = ok(await page(`last: 2, before: "${last.friends.pageInfo.startCursor}"`)).user;
    expect(back.friends.edges.map((e: any) => e.node.handle)).toEqual(['f_charlie', 'f_delta']);

    // A friend sees the list; a stranger sees an empty one.
    expect(ok(await page('first: 10', friends[0])).user.friends.edges).toHaveLength(5);
    const stranger = await signUp(t, 'stranger_x');
    expect(ok(await page('first: 10', stranger)).user.friends.edges).toHaveLength(0);
  });

  it('should refuse a well-formed cursor holding a wrong value, before it reaches the database', async () => {
    const [a] = await pair();
    const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    for (const after of [cursor(['incoming-requests', 'not-a-date', 'x']), cursor(['incoming-requests', '2026-01-01T00:00:00.000Z', 'not-a-uuid'])]) {
      const result = await t.gql(`query($after: String) { me { incomingRequests(first: 2, after: $after) { edges { cursor } } } }`, { after }, { token: a.token });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('should answer every field of one operation with the state after the mutations before it', async () => {
    const [a, b] = await pair();
    const both = await t.gql(
      `mutation($h: String!) {
        asked: sendFriendRequest(input: { handle: $h }) { friendship friendCount }
        cancelled: cancelFriendRequest(input: { handle: $h }) { friendship friendCount }
      }`,
      { h: b.handle },
      { token: a.token },
    );
    expect(ok(both)).toEqual({ asked: { friendship: 'REQUESTED_BY_ME', friendCount: 0 }, cancelled: { friendship: 'NONE', friendCount: 0 } });
  });

  it('should refuse a cursor from another list and a negative page size', async () => {
    const [a] = await pair();
    const bad = await t.gql(`{ me { friends(first: 2, after: "bm90LWEtY3Vyc29y") { edges { cursor } } } }`, {}, { token: a.token });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    const negative = await t.gql(`{ me { friends(first: -1) { edges { cursor } } } }`, {}, { token: a.token });
    expect(errorCode(negative)).toBe('BAD_USER_INPUT');
  });
});
