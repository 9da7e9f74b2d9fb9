import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFriendships } from './utils/graph.ts';
import { createTestApp, errorCode, ok, type TestApp } from './utils/test-app.ts';
import { signUp, type TestUser } from './utils/users.ts';

let t: TestApp;
const users: Record<string, TestUser> = {};

// The viewer "vera" has friends a_ann, b_bob, c_cat. Around them:
//   x_xena: friend of ann, bob, cat        -> 3 mutual
//   y_yuri: friend of ann, bob             -> 2 mutual
//   z_zoe, w_walt: one mutual each         -> ranked by handle: w_walt, z_zoe
//   p_pend: friend of ann, pending request from vera   -> excluded
//   q_pend: friend of ann, pending request to vera     -> excluded
//   k_blocker: friend of ann, blocked vera            -> excluded
//   r_blocked: friend of bob, vera blocked them       -> excluded
//   s_half: only a pending request with ann           -> not a friend of a friend
beforeAll(async () => {
  t = await createTestApp();
  const handles = ['vera', 'a_ann', 'b_bob', 'c_cat', 'x_xena', 'y_yuri', 'z_zoe', 'w_walt', 'p_pend', 'q_pend', 'k_blocker', 'r_blocked', 's_half'];
  for (const handle of handles) users[handle] = await signUp(t, handle);
  const id = (handle: string) => users[handle]!.rawId;
  const accepted: [string, string][] = [
    ['vera', 'a_ann'], ['vera', 'b_bob'], ['vera', 'c_cat'],
    ['a_ann', 'b_bob'],
    ['x_xena', 'a_ann'], ['x_xena', 'b_bob'], ['x_xena', 'c_cat'],
    ['y_yuri', 'a_ann'], ['y_yuri', 'b_bob'],
    ['z_zoe', 'c_cat'], ['w_walt', 'a_ann'],
    ['p_pend', 'a_ann'], ['q_pend', 'a_ann'], ['k_blocker', 'a_ann'], ['r_blocked', 'b_bob'],
  ];
  await insertFriendships(t.db.prisma, accepted.map(([a, b]) => [id(a), id(b)]));
  await insertFriendships(t.db.prisma, [[id('vera'), id('p_pend')], [id('q_pend'), id('vera')], [id('s_half'), id('a_ann')]], 'PENDING');
  await t.db.prisma.block.createMany({
    data: [
      { blockerId: id('k_blocker'), blockedId: id('vera') },
      { blockerId: id('vera'), blockedId: id('r_blocked') },
    ],
  });
});
afterAll(() => t.close());

const suggestions = (args: string, viewer = users.vera!) =>
  t.gql(
    `{ me { friendSuggestions(${args}) {
        edges { cursor mutualCount node { handle friendship } mutualFriends { handle } }
        pageInfo { hasNextPage endCursor } } } }`,
    {},
    { token: viewer.token },
  );

describe('friends of friends', () => {
  it('should rank by mutual friends, then handle, excluding friends, pending, blocked and the viewer', async () => {
    const data = ok(await suggestions('first: 10')).me.friendSuggestions;
    expect(data.edges.map((edge: any) => [edge.node.handle, edge.mutualCount])).toEqual([
      ['x_xena', 3],
      ['y_yuri', 2],
      ['w_walt', 1],
      ['z_zoe', 1],
    ]);
    expect(data.edges.every((edge: any) => edge.node.friendship === 'NONE')).toBe(true);
    expect(data.pageInfo.hasNextPage).toBe(false);
  });

  it('should preview mutual friends ordered by handle ("via @a, @b")', async () => {
    const data = ok(await suggestions('first: 2')).me.friendSuggestions;
    expect(data.edges.map((edge: any) => edge.mutualFriends.map((friend: any) => friend.handle))).toEqual([
      ['a_ann', 'b_bob', 'c_cat'],
      ['a_ann', 'b_bob'],
    ]);
    const one = ok(
      await t.gql(`{ me { friendSuggestions(first: 1) { edges { mutualFriends(first: 1) { handle } } } } }`, {}, { token: users.vera!.token }),
    );
    expect(one.me.friendSuggestions.edges[0].mutualFriends).toEqual([{ handle: 'a_ann' }]);
  });

  it('should page without skipping or repeating anyone', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const args: string = after ? `first: 1, after: "${after}"` : 'first: 1';
      const data: any = ok(await suggestions(args)).me.friendSuggestions;
      seen.push(...data.edges.map((edge: any) => edge.node.handle));
      if (!data.pageInfo.hasNextPage) break;
      after = data.pageInfo.endCursor;
    }
    expect(seen).toEqual(['x_xena', 'y_yuri', 'w_walt', 'z_zoe']);
  });

  it('should drop someone once a request is sent, and bring them back when it is cancelled', async () => {
    const vera = users.vera!;
    ok(await t.gql(`mutation { sendFriendRequest(input: { handle: "y_yuri" }) { handle } }`, {}, { token: vera.token }));
    let handles = ok(await suggestions('first: 10')).me.friendSuggestions.edges.map((edge: any) => edge.node.handle);
    expect(handles).toEqual(['x_xena', 'w_walt', 'z_zoe']);
    ok(await t.gql(`mutation { cancelFriendRequest(input: { handle: "y_yuri" }) { handle } }`, {}, { token: vera.token }));
    handles = ok(await suggestions('first: 10')).me.friendSuggestions.edges.map((edge: any) => edge.node.handle);
    expect(handles).toEqual(['x_xena', 'y_yuri', 'w_walt', 'z_zoe']);
  });

  it('should show mutual friends on any user, and none on yourself', async () => {
    const data = ok(
      await t.gql(
        `{ x: user(handle: "x_xena") { mutualFriends(first: 2) { edges { node { handle } } pageInfo { hasNextPage endCursor } } }
           me: user(handle: "vera") { mutualFriends { edges { node { handle } } } } }`,
        {},
        { token: users.vera!.token },
      ),
    );
    expect(data.x.mutualFriends.edges.map((edge: any) => edge.node.handle)).toEqual(['a_ann', 'b_bob']);
    expect(data.x.mutualFriends.pageInfo.hasNextPage).toBe(true);
    expect(data.me.mutualFriends.edges).toEqual([]);
    const rest = ok(
      await t.gql(
        `query($after: String) { user(handle: "x_xena") { mutualFriends(first: 2, after: $after) { edges { node { handle } } pageInfo { hasNextPage } } } }`,
        { after: data.x.mutualFriends.pageInfo.endCursor },
        { token: users.vera!.token },
      ),
    );
    expect(rest.user.mutualFriends.edges.map((edge: any) => edge.node.handle)).toEqual(['c_cat']);
    expect(rest.user.mutualFriends.pageInfo.hasNextPage).toBe(false);
  });

  it('should refuse bad paging arguments with BAD_USER_INPUT', async () => {
    expect(errorCode(await suggestions('first: 101'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await suggestions('first: 5, after: "garbage"'))).toBe('BAD_USER_INPUT');
    // Well-formed cursors of this list with values no ranking can hold.
    for (const values of [['suggestions', 1.5, 'x'], ['suggestions', 1e20, 'x'], ['suggestions', -1, 'x']]) {
      const after = Buffer.from(JSON.stringify(values)).toString('base64url');
      expect(errorCode(await suggestions(`first: 5, after: "${after}"`))).toBe('BAD_USER_INPUT');
    }
    expect(errorCode(await t.gql(`{ me { friendSuggestions { edges { cursor } } } }`))).toBe('UNAUTHENTICATED');
  });
});
