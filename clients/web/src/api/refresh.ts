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
    let session = store.reload();
    if (!session) return null;
    // Another tab may have spent this refresh token just before this one got the lock, and its
    // write to localStorage can reach this tab later than the lock does: wait for it rather
    // than present the token again (which would end the session).
    if (await wasSpent(session.refreshToken)) session = await store.changed(session.refreshToken, spentWaitMs);
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
      await markSpent(session.refreshToken);
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

/** How long to wait for another tab's renewal to show in localStorage. */
const spentWaitMs = 5000;

/**
 * Which refresh tokens this browser has spent, kept as held Web Locks: the lock manager is one
 * for all tabs and answers in order, so a tab that gets the renewal lock after another released
 * it is sure to see that tab's mark, while localStorage may not have caught up yet. A mark lasts
 * while its tab is open, by then long after localStorage has.
 */
async function markSpent(refreshToken: string): Promise<void> {
  if (!navigator.locks) return;
  const name = await spentLockName(refreshToken);
  await new Promise<void>((granted) => {
    void navigator.locks.request(name, () => {
      granted();
      return new Promise<never>(() => {});
    });
  });
}

async function wasSpent(refreshToken: string): Promise<boolean> {
  if (!navigator.locks) return false;
  const name = await spentLockName(refreshToken);
  const { held = [] } = await navigator.locks.query();
  return held.some((lock) => lock.name === name);
}

/** A digest, so that no token is written where other code on the page could list it. */
async function spentLockName(refreshToken: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(refreshToken));
  const hex = Array.from(new Uint8Array(digest).slice(0, 12), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `chorus.spent-refresh-token.${hex}`;
}
