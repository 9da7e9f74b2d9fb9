import { authExchange } from '@urql/exchange-auth';
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createSocketClient, type Client as SocketClient } from 'graphql-ws';
import { refetchOnReconnectExchange } from './refetch-on-reconnect.ts';
import { createRefresher, renewWithinSeconds, type Refresh } from './refresh.ts';
import { secondsLeft, type SessionStore } from './session.ts';

export interface Api {
  client: Client;
  /** The WebSocket every live stream shares (graphql-ws); reconnects by itself. */
  socket: SocketClient;
  /** Calls `listener` each time the socket connects again after it dropped; the unsubscribe function. */
  onReconnect(listener: () => void): () => void;
  refresh: Refresh;
}

/**
 * One urql client for the app: queries and mutations over HTTP, subscriptions over one
 * graphql-ws socket. The access token is renewed before it runs out and once more when the API
 * refuses it; the socket presents a fresh one each time it connects.
 */
export function createApi(store: SessionStore, origin = window.location.origin): Api {
  const endpoint = `${origin}/graphql`;
  const refresh = createRefresher(store, endpoint);

  /** A usable access token, renewed first when it is about to run out; null when signed out. */
  const freshToken = async (): Promise<string | null> => {
    const session = store.get();
    if (!session) return null;
    if (secondsLeft(session.accessToken) > renewWithinSeconds) return session.accessToken;
    return (await refresh(session.accessToken))?.accessToken ?? null;
  };

  const socket = createSocketClient({
    url: endpoint.replace(/^http/, 'ws'),
    lazy: true,
    // Offline for an hour or a server restarted: keep trying, with graphql-ws' backoff.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    keepAlive: 10_000,
    connectionParams: async () => {
      const token = await freshToken().catch(() => store.get()?.accessToken ?? null);
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  });

  const reconnectListeners = new Set<() => void>();
  const onReconnect = (listener: () => void) => {
    reconnectListeners.add(listener);
    return () => void reconnectListeners.delete(listener);
  };
  let dropped = false;
  socket.on('closed', () => {
    dropped = true;
  });
  socket.on('connected', () => {
    if (!dropped) return;
    dropped = false;
    reconnectListeners.forEach((listener) => listener());
  });

  const client = new Client({
    url: endpoint,
    preferGetMethod: false,
    exchanges: [
      refetchOnReconnectExchange(onReconnect),
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const session = store.get();
          return session ? utils.appendHeaders(operation, { authorization: `Bearer ${session.accessToken}` }) : operation;
        },
        willAuthError() {
          const session = store.get();
          return session !== null && secondsLeft(session.accessToken) <= renewWithinSeconds;
        },
        didAuthError: (error) => error.graphQLErrors.some((graphQLError) => graphQLError.extensions?.code === 'UNAUTHENTICATED'),
        async refreshAuth() {
          const session = store.get();
          if (session) await refresh(session.accessToken);
        },
      })),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });

  // 4403: the server refused the token the socket presented (a session ended elsewhere, say).
  // Renewing it either gets a good one for the next attempt or signs this browser out.
  socket.on('closed', (event) => {
    const session = store.get();
    if (session && (event as { code?: number }).code === 4403) void refresh(session.accessToken).catch(() => undefined);
  });

  // Whoever signs in or out, the socket's identity changes with them: reconnect.
  let signedInAs = store.get()?.user.id ?? null;
  store.subscribe(() => {
    const now = store.get()?.user.id ?? null;
    if (now === signedInAs) return;
    signedInAs = now;
    socket.terminate();
  });

  return { client, socket, onReconnect, refresh };
}
