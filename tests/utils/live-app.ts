import { connectLive, type LiveClient } from './live-client.ts';
import { createTestApp, type TestApp, type TestAppOptions } from './test-app.ts';
import type { TestUser } from './users.ts';

/** A test app listening on a real port, for WebSocket and SSE clients. */
export interface LiveTestApp {
  t: TestApp;
  wsUrl: string;
  httpUrl: string;
  /** A graphql-ws client for the user (anonymous without one), closed by close(). */
  live(user?: TestUser): LiveClient;
  /** A graphql-ws client sending these connection_init params (e.g. the service key), closed by close(). */
  liveWith(params: Record<string, string>): LiveClient;
  /** Closes every client, then the app. */
  close(): Promise<void>;
}

export async function createLiveTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<LiveTestApp> {
  const t = await createTestApp(env, options);
  const { port } = await t.app.server.start(0, '127.0.0.1');
  const wsUrl = `ws://127.0.0.1:${port}/graphql`;
  const clients: LiveClient[] = [];
  return {
    t,
    wsUrl,
    httpUrl: `http://127.0.0.1:${port}/graphql`,
    live(user) {
      const client = connectLive(wsUrl, user?.token);
      clients.push(client);
      return client;
    },
    liveWith(params) {
      const client = connectLive(wsUrl, undefined, { params });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await t.close();
    },
  };
}
