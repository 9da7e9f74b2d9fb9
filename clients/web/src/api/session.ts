import type { SessionFieldsFragment } from '../generated/graphql.ts';

/** Who is signed in on this browser: the tokens and the few facts the app shows everywhere. */
export type Session = SessionFieldsFragment;

export interface SessionStore {
  get(): Session | null;
  /** Reads the stored session again (another tab may have just replaced it), and returns it. */
  reload(): Session | null;
  set(session: Session | null): void;
  /**
   * The stored session once its refresh token is no longer `refreshToken` (another tab renewed
   * it), or whatever is stored after `timeoutMs`.
   */
  changed(refreshToken: string, timeoutMs: number): Promise<Session | null>;
  /** Calls `listener` on every change, from this tab or another; the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

const key = 'chorus.session';

/**
 * The session, kept in localStorage so a reload or a second tab stays signed in; every tab
 * sees a change made by another (a refresh rotates the refresh token, and an old one presented
 * again would end the session everywhere).
 */
export function createSessionStore(storage: Storage = window.localStorage): SessionStore {
  const listeners = new Set<() => void>();
  let current = read(storage);
  const notify = () => listeners.forEach((listener) => listener());
  window.addEventListener('storage', (event) => {
    if (event.key !== key) return;
    current = read(storage);
    notify();
  });
  return {
    get: () => current,
    reload() {
      const stored = read(storage);
      if (stored?.refreshToken !== current?.refreshToken) {
        current = stored;
        notify();
      }
      return current;
    },
    set(session) {
      current = session;
      if (session) storage.setItem(key, JSON.stringify(session));
      else storage.removeItem(key);
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changed(refreshToken, timeoutMs) {
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          resolve(current);
        };
        const check = () => {
          if (current?.refreshToken !== refreshToken) done();
        };
        const timer = setTimeout(done, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
}

function read(storage: Storage): Session | null {
  try {
    const value = storage.getItem(key);
    return value ? (JSON.parse(value) as Session) : null;
  } catch {
    return null;
  }
}

/** Seconds until the access token expires (negative once it has), from its `exp` claim. */
export function secondsLeft(accessToken: string): number {
  try {
    const payload = JSON.parse(atob(accessToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return (payload.exp ?? 0) - Date.now() / 1000;
  } catch {
    return -1;
  }
}
