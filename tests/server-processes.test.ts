// Two real server processes (src/main.ts, as `npm start` runs it) on their own ports, sharing
// one PostgreSQL database and one Redis, behave as one: they migrate the empty database
// together, a subscriber on one hears every message sent through the other, and SIGTERM stops
// each cleanly. Separate processes cannot share an embedded database, so this test always uses
// a PostgreSQL server (DATABASE_URL's, or the machine's at 127.0.0.1:5432).
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase } from './utils/database.ts';
import { connectLive } from './utils/live-client.ts';
import { conversationEventsQuery } from './utils/resuming-client.ts';
import { startRedisServer, type RedisServer } from './utils/redis-server.ts';
import { startServerProcess, type ServerProcess } from './utils/server-process.ts';
import { within } from './utils/waiting.ts';

let database: { url: string; drop(): Promise<void> };
let redis: RedisServer;
let one: ServerProcess;
let two: ServerProcess;

beforeAll(async () => {
  database = await createEmptyPostgresDatabase();
  redis = await startRedisServer();
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    JWT_SECRET: 'a-secret-both-instances-share-0123456789',
    NODE_ENV: 'production',
    CHECKIN_TICK_SECONDS: '3600',
  };
  // Started together: both find the database empty, and the migration lock lets one apply.
  [one, two] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([one?.stop(), two?.stop()]);
  await redis?.close();
  await database?.drop();
});

async function call(server: ServerProcess, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const result = (await response.json()) as { data?: any; errors?: unknown[] };
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const signUp = async (server: ServerProcess, handle: string): Promise<string> =>
  (await call(server, `mutation($h: String!) { signUp(input: { handle: $h, displayName: $h, password: "password-123" }) { accessToken } }`, { h: handle }))
    .signUp.accessToken;

describe('two server processes', () => {
  it('should apply the migrations once between them', async () => {
    const migrations = (await readdir('prisma/migrations', { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const applied = [one, two].map((server) => server.logs.find((line) => line.msg === 'database ready')?.applied as string[]);
    expect(applied.sort((a, b) => a.length - b.length)).toEqual([[], migrations.sort()]);
  });

  it('should deliver every message sent through one to a subscriber on the other, once and in order', async () => {
    // Accounts made on one instance sign in on the other: the same database and JWT secret.
    const ann = await signUp(one, 'ann');
    const ben = await signUp(two, 'ben');
    await call(two, `mutation { sendFriendRequest(input: { handle: "ben" }) { handle } }`, {}, ann);
    await call(one, `mutation { acceptFriendRequest(input: { handle: "ann" }) { handle } }`, {}, ben);
    const { id } = (await call(one, `mutation { openDirectConversation(input: { handle: "ben" }) { id } }`, {}, ann)).openDirectConversation;
    const opened = (await call(two, `query($id: ID!) { conversation(id: $id) { lastSeq } }`, { id }, ben)).conversation.lastSeq as number;

    const live = connectLive(one.wsUrl, ben);
    try {
      const events = live.subscribe(conversationEventsQuery, { conversationId: id, afterSeq: 0 });
      await within(15_000, 'the replayed events', events.waitFor(opened));
      const total = 30;
      for (let n = 1; n <= total; n++) {
        await call(two, `mutation($id: ID!, $t: String!) { sendMessage(input: { conversationId: $id, text: $t }) { id } }`, { id, t: `#${n}` }, ann);
      }
      await within(15_000, 'every message on the other instance', events.waitFor(opened + total));
      const received = events.results.slice(opened).map((result) => result.data?.conversationEvents);
      expect(received).toEqual(Array.from({ length: total }, (_, i) => ({ __typename: 'MessageAdded', seq: opened + i + 1, message: { text: `#${i + 1}` } })));
    } finally {
      await live.close();
    }
  });

  it('should stop cleanly on SIGTERM', async () => {
    expect(await Promise.all([one.stop(), two.stop()])).toEqual([0, 0]);
    for (const server of [one, two]) expect(server.logs.map((line) => line.msg)).toContain('stopped');
  });
});
