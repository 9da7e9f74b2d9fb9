import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, ok, type TestApp } from './utils/test-app.ts';
import { signUp, type TestUser } from './utils/users.ts';

let t: TestApp;
let ada: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  ada = await signUp(t, 'ada', { displayName: 'Ada Lovelace' });
  for (const handle of ['adam', 'adelaide', 'bob_ada', 'grace']) await signUp(t, handle);
});
afterAll(() => t.close());

describe('looking people up', () => {
  it('should find a user by handle in any case, with or without @, and null for nobody', async () => {
    const data = ok(await t.gql(`{ a: user(handle: "@ADA") { handle displayName } b: user(handle: "nobody_x") { handle } }`, {}, { token: ada.token }));
    expect(data).toEqual({ a: { handle: 'ada', displayName: 'Ada Lovelace' }, b: null });
    expect(errorCode(await t.gql(`{ user(handle: "no spaces") { handle } }`, {}, { token: ada.token }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(`{ user(handle: "ada") { handle } }`))).toBe('UNAUTHENTICATED');
  });

  it('should resolve a global id through node(id)', async () => {
    const data = ok(await t.gql(`query($id: ID!) { node(id: $id) { id ... on User { handle } } }`, { id: ada.id }, { token: ada.token }));
    expect(data.node).toEqual({ id: ada.id, handle: 'ada' });
    const missing = encodeGlobalID('User', '00000000-0000-4000-8000-000000000000');
    expect(ok(await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: missing }, { token: ada.token })).node).toBeNull();
    expect(errorCode(await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: ada.id }))).toBe('UNAUTHENTICATED');
  });

  it('should search handles by prefix and display names by substring, ordered by handle, with paging', async () => {
    const search = (query: string, args = 'first: 10') =>
      t.gql(`query($q: String!) { searchUsers(query: $q, ${args}) { edges { node { handle } } pageInfo { hasNextPage endCursor } } }`, { q: query }, { token: ada.token });
    const handles = (result: any) => ok<any>(result).searchUsers.edges.map((edge: any) => edge.node.handle);
    // bob_ada's display name is "BOB_ADA".
    expect(handles(await search('ad'))).toEqual(['ada', 'adam', 'adelaide', 'bob_ada']);
    expect(handles(await search('lovelace'))).toEqual(['ada']);
    const firstPage = ok(await search('ad', 'first: 2')).searchUsers;
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    expect(handles(await search('ad', `first: 2, after: "${firstPage.pageInfo.endCursor}"`))).toEqual(['adelaide', 'bob_ada']);
    // LIKE wildcards in the query are matched literally.
    expect(handles(await search('%'))).toEqual([]);
    expect(handles(await search('_'))).toEqual(['bob_ada']);
  });

  it('should refuse an empty or oversized search with BAD_USER_INPUT', async () => {
    for (const query of ['   ', 'q'.repeat(65)]) {
      const result = await t.gql(`query($q: String!) { searchUsers(query: $q) { edges { cursor } } }`, { q: query }, { token: ada.token });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions!.field).toBe('query');
    }
  });

  it('should report Telegram linkage on me', async () => {
    expect(ok(await t.gql(`{ me { telegramLinked user { handle } } }`, {}, { token: ada.token })).me).toEqual({
      telegramLinked: false,
      user: { handle: 'ada' },
    });
  });
});
