import { decodeGlobalID } from '@pothos/plugin-relay';
import type { TestApp } from './test-app.ts';
import { ok } from './test-app.ts';

export interface TestUser {
  /** The global (Relay) id, as clients see it. */
  id: string;
  /** The database id inside it. */
  rawId: string;
  handle: string;
  token: string;
  refreshToken: string;
}

export const signUpMutation = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { accessToken refreshToken user { id handle displayName role locale timezone } }
  }`;

/** Signs a user up through the API. */
export async function signUp(t: TestApp, handle: string, extra: Record<string, unknown> = {}): Promise<TestUser> {
  const data = ok(
    await t.gql(signUpMutation, { input: { handle, displayName: handle.toUpperCase(), password: 'password-123', ...extra } }),
  );
  const { accessToken, refreshToken, user } = data.signUp;
  return { id: user.id, rawId: decodeGlobalID(user.id).id, handle: user.handle, token: accessToken, refreshToken };
}

export async function befriend(t: TestApp, a: TestUser, b: TestUser): Promise<void> {
  ok(await t.gql(`mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: b.handle }, { token: a.token }));
  ok(await t.gql(`mutation($h: String!) { acceptFriendRequest(input: { handle: $h }) { handle } }`, { h: a.handle }, { token: b.token }));
}

/** Makes the two friends and opens their direct conversation; its global id. */
export async function directConversation(t: TestApp, a: TestUser, b: TestUser): Promise<string> {
  await befriend(t, a, b);
  const data = ok(await t.gql(`mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: b.handle }, { token: a.token }));
  return data.openDirectConversation.id;
}
