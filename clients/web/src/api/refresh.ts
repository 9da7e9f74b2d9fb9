import { stringifyDocument } from 'urql';
import { graphql } from '../generated/gql.ts';
import { secondsLeft, type Session, type SessionStore } from './session.ts';

export const SessionFields = graphql(`
  fragment SessionFields on AuthPayload {
    accessToken
    refreshToken
    user { id handle displayName role }
  }
`);

const RefreshSession = graphql(`
  mutation RefreshSession($input: RefreshInput!) {
    refreshSession(input: $input) { ...SessionFields }
  }
`);

/** An access token this close to its end is renewed before it is used. */
export const renewWithinSeconds = 30;

/**
 * Renews the access token with the refresh token. Refresh tokens rotate, and one presented twice
 * ends its session, so renewals never overlap: one at a time in this tab, and one at a time
 * across tabs (a Web Lock), each re-reading the stored session first, which another tab may
 * already have renewed. A refused refresh token signs this browser out.
 */
export type Refresh = (staleAccessToken: string) => Promise<Session | null>;

/** `refresh(token)`: a session whose access token is not `token` (the one refused or running out). */
export function createRefresher(store: SessionStore, endpoint: string): Refresh {
  let running: Promise<Session | null> | null = null;

  const renew = async (staleAccessToken: string): Promise<Session | null> => {
    const session = store.reload();
    if (!session) return null;
    // Renewed by another call or tab meanwhile: that token serves.
    if (session.accessToken !== staleAccessToken && secondsLeft(session.accessToken) > renewWithinSeconds) return session;
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: stringifyDocument(RefreshSession), variables: { input: { refreshToken: session.refreshToken } } }),
    });
    const body = (await response.json()) as {
      data?: { refreshSession?: Session } | null;
      errors?: { extensions?: { code?: string } }[];
    };
    const renewed = body.data?.refreshSession;
    if (renewed) {
      store.set(renewed);
      return renewed;
    }
    if (body.errors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED')) {
      store.set(null);
      return null;
    }
    throw new Error('The session could not be renewed; try again in a moment.');
  };

  return (staleAccessToken) => {
    running ??= (async () => {
      try {
        return navigator.locks
          ? await navigator.locks.request('chorus.refresh', () => renew(staleAccessToken))
          : await renew(staleAccessToken);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
