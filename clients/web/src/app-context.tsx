import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import type { Api } from './api/client.ts';
import type { Session, SessionStore } from './api/session.ts';

interface AppServices {
  api: Api;
  sessions: SessionStore;
}

const AppContext = createContext<AppServices | null>(null);

/** Hands the app's API client and session store to every screen (built once, in main.tsx). */
export function AppProvider({ api, sessions, children }: AppServices & { children: ReactNode }) {
  return (
    <AppContext.Provider value={{ api, sessions }}>
      <UrqlProvider value={api.client}>{children}</UrqlProvider>
    </AppContext.Provider>
  );
}

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside AppProvider');
  return services;
}

/** The signed-in session (null when signed out), re-rendering on every change. */
export function useSession(): Session | null {
  const { sessions } = useApp();
  return useSyncExternalStore(sessions.subscribe, sessions.get);
}

/** The signed-in session, for screens shown only to someone signed in. */
export function useSignedIn(): Session {
  const session = useSession();
  if (!session) throw new Error('useSignedIn while signed out');
  return session;
}
