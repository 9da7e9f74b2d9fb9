import { pino } from 'pino';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { createRateLimitStore } from '../src/rate-limits/create-store.ts';
import { createMemoryStore } from '../src/rate-limits/memory-store.ts';
import { clientAddress } from '../src/request-context.ts';
import { createRedisStore } from '../src/rate-limits/redis-store.ts';
import type { RateLimitStore } from '../src/rate-limits/store.ts';
import { defaultTiers, type Tier } from '../src/rate-limits/tiers.ts';
import { connectLive } from './utils/live-client.ts';
import { freePort } from './utils/local-service.ts';
import { startRedisServer, type RedisServer } from './utils/redis-server.ts';
import { createTestApp, ok, type TestApp } from './utils/test-app.ts';
import { befriend, signUp, type TestUser } from './utils/users.ts';
import { pollUntil } from './utils/waiting.ts';

const silent = pino({ level: 'silent' });

// A private Redis for this file, so both stores are tested in every run, with or without REDIS_URL.
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.close();
});

/** Counts a single charge; its decision. */
const one = async (store: RateLimitStore, key: string, tier: Tier, cost = 1) => (await store.consume([{ key, tier, cost }]))[0]!;

const stores: [string, () => RateLimitStore][] = [
  ['memory', () => createMemoryStore()],
  ['redis', () => createRedisStore(new Redis(redis.url, { lazyConnect: false }), silent, `test:${Math.random()}:`)],
];

describe.each(stores)('the %s store', (_name, makeStore) => {
  let store: RateLimitStore;
  beforeAll(() => {
    store = makeStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('should allow the whole limit at once, then refuse with the time to wait', async () => {
    const tier = { limit: 5, windowSeconds: 60 };
    const decisions = [];
    for (let index = 0; index < 6; index += 1) decisions.push(await one(store, 'burst', tier));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, true, true, false]);
    expect(decisions.map((decision) => decision.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    // One operation comes back every 60/5 = 12 s.
    expect(decisions[5]!.retryAfterSeconds).toBeGreaterThanOrEqual(11);
    expect(decisions[5]!.retryAfterSeconds).toBeLessThanOrEqual(12);
    expect(decisions[4]!.resetSeconds).toBeGreaterThanOrEqual(59);
  });

  it('should count keys apart, and a cost of several operations at once', async () => {
    const tier = { limit: 4, windowSeconds: 60 };
    expect((await one(store, 'cost-a', tier, 3)).remaining).toBe(1);
    expect((await one(store, 'cost-a', tier, 2)).allowed).toBe(false);
    expect((await one(store, 'cost-a', tier, 1)).allowed).toBe(true);
    expect((await one(store, 'cost-b', tier, 4)).allowed).toBe(true);
  });

  it('should count several keys all or nothing: one refused, none spent', async () => {
    const small = { limit: 1, windowSeconds: 60 };
    const large = { limit: 10, windowSeconds: 60 };
    expect((await one(store, 'all-small', small)).allowed).toBe(true);
    const both = await store.consume([
      { key: 'all-large', tier: large, cost: 3 },
      { key: 'all-small', tier: small, cost: 1 },
    ]);
    expect(both.map((decision) => decision.allowed)).toEqual([true, false]);
    // The refused pair spent nothing of the large tier.
    expect((await one(store, 'all-large', large)).remaining).toBe(9);
  });

  it('should allow again once the wait is over', async () => {
    const tier = { limit: 2, windowSeconds: 1 };
    expect((await one(store, 'refill', tier)).allowed).toBe(true);
    expect((await one(store, 'refill', tier)).allowed).toBe(true);
    expect((await one(store, 'refill', tier)).allowed).toBe(false);
    await pollUntil(3000, 'the bucket to refill', async () => (await one(store, 'refill', tier)).allowed);
  });
});

describe('a Redis store whose Redis was never reachable', () => {
  it('should count in the process from the first operation, never let everything through', async () => {
    const store = createRateLimitStore({ redisUrl: `redis://127.0.0.1:${await freePort()}`, log: silent });
    try {
      const tier = { limit: 2, windowSeconds: 60 };
      const decisions = [];
      for (let index = 0; index < 3; index += 1) decisions.push((await one(store, 'never-reached', tier)).allowed);
      expect(decisions).toEqual([true, true, false]);
    } finally {
      await store.close();
    }
  });
});

describe('the memory store', () => {
  it('should refill at one operation per window/limit, never more than the limit', async () => {
    let clock = 1_000_000;
    const store = createMemoryStore(() => clock);
    const tier = { limit: 3, windowSeconds: 30 };
    for (let index = 0; index < 3; index += 1) expect((await one(store, 'k', tier)).allowed).toBe(true);
    expect((await one(store, 'k', tier)).allowed).toBe(false);
    clock += 9_999;
    expect((await one(store, 'k', tier)).allowed).toBe(false);
    clock += 1;
    expect((await one(store, 'k', tier)).allowed).toBe(true);
    // An hour idle gives back the limit, not more.
    clock += 3_600_000;
    const after = [];
    for (let index = 0; index < 4; index += 1) after.push((await one(store, 'k', tier)).allowed);
    expect(after).toEqual([true, true, true, false]);
  });
});

describe('the address a caller is counted by', () => {
  it('should be the socket’s peer, or behind a trusted proxy the last forwarded entry', () => {
    expect(clientAddress('198.51.100.7', '203.0.113.1', false)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', '203.0.113.1, 198.51.100.9', true)).toBe('198.51.100.9');
    expect(clientAddress(undefined, undefined, false)).toBe('local');
  });

  it('should count an IPv6 client by its /64, and an IPv4-mapped one by its IPv4 address', () => {
    expect(clientAddress('2001:db8:1:2:aaaa::1', undefined, false)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee', undefined, false)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8::5', undefined, false)).toBe('2001:db8:0:0::/64');
    expect(clientAddress('::1', undefined, false)).toBe('0:0:0:0::/64');
    expect(clientAddress('::ffff:192.0.2.4', undefined, false)).toBe('192.0.2.4');
  });
});

describe('RATE_LIMITS', () => {
  it('should take overrides of the defaults, and off', () => {
    const tiers = loadConfig({ RATE_LIMITS: 'messages=30/60, general=1200/60' }).rateLimits!;
    expect(tiers.messages).toEqual({ limit: 30, windowSeconds: 60 });
    expect(tiers.general).toEqual({ limit: 1200, windowSeconds: 60 });
    expect(tiers.friendRequests).toEqual(defaultTiers.friendRequests);
    expect(loadConfig({}).rateLimits).toEqual(defaultTiers);
    expect(loadConfig({ RATE_LIMITS: 'off' }).rateLimits).toBeNull();
  });

  it('should refuse unknown tiers and malformed values, naming the variable', () => {
    expect(() => loadConfig({ RATE_LIMITS: 'chat=5/60' })).toThrow(ConfigError);
    expect(() => loadConfig({ RATE_LIMITS: 'chat=5/60' })).toThrow(/RATE_LIMITS: unknown tier "chat"/);
    expect(() => loadConfig({ RATE_LIMITS: 'messages=5' })).toThrow(/RATE_LIMITS: "messages=5" is not tier=limit\/seconds/);
    expect(() => loadConfig({ RATE_LIMITS: 'messages=0/60' })).toThrow(/at least 1/);
  });
});

const meQuery = `{ me { user { handle } } }`;

describe.each([
  ['memory', () => ''],
  ['redis', () => redis.url],
])('rate limits counted in %s', (_name, redisUrl) => {
  let t: TestApp;
  let url: string;
  let wsUrl: string;
  beforeAll(async () => {
    t = await createTestApp({
      NODE_ENV: 'production',
      REDIS_URL: redisUrl(),
      TRUST_PROXY: 'true',
      RATE_LIMITS: 'general=5/60,messages=2/60,friendRequests=2/3600,signInPerHandle=3/900,signInPerAddress=4/900,discovery=2/60',
    });
    ({ url } = await t.app.server.start(0, '127.0.0.1'));
    wsUrl = url.replace(/^http/, 'ws');
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] } };
  };
  // Each user signs up from an address of its own: sign-ups count against the address.
  let addresses = 0;
  const newUser = async (handle: string) => {
    addresses += 1;
    const data = ok(
      (
        await post(
          `mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id handle } } }`,
          { input: { handle, displayName: handle, password: 'password-123' } },
          { 'x-forwarded-for': `10.0.0.${addresses}` },
        )
      ).body,
    );
    return { token: data.signUp.accessToken as string, handle, id: data.signUp.user.id as string };
  };
  const as = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

  it('should count every operation of a user, say so in the headers, and refuse the one over with 429 and the time to wait', async () => {
    const user = await newUser('general_user');
    const answers = [];
    for (let index = 0; index < 6; index += 1) answers.push(await post(meQuery, {}, as(user)));
    expect(answers.slice(0, 5).map((answer) => answer.body.data?.me.user.handle)).toEqual(Array(5).fill('general_user'));
    expect(answers.slice(0, 5).map((answer) => answer.headers.get('ratelimit-remaining'))).toEqual(['4', '3', '2', '1', '0']);
    expect(answers[0]!.headers.get('ratelimit-limit')).toBe('5');
    const refused = answers[5]!;
    expect(refused.status).toBe(429);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors).toHaveLength(1);
    const error = refused.body.errors![0]!;
    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: expect.any(Number), tier: 'general' });
    expect(error.extensions!.retryAfter).toBeGreaterThanOrEqual(11);
    expect(error.extensions!.retryAfter).toBeLessThanOrEqual(12);
    expect(refused.headers.get('retry-after')).toBe(String(error.extensions!.retryAfter));
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    // Someone else is not held back.
    const other = await newUser('general_other');
    expect((await post(meQuery, {}, as(other))).body.data?.me.user.handle).toBe('general_other');
  });

  it('should count anonymous callers by address', async () => {
    const from = (address: string) => post('{ __typename }', {}, { 'x-forwarded-for': `203.0.113.9, ${address}` });
    for (let index = 0; index < 5; index += 1) expect((await from('198.51.100.1')).status).toBe(200);
    expect((await from('198.51.100.1')).body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // Only the last hop counts: what the client wrote before it is not trusted.
    expect((await post('{ __typename }', {}, { 'x-forwarded-for': '198.51.100.1, 198.51.100.2' })).status).toBe(200);
  });

  it('should hold back one action while others go on, and write nothing for the refused one', async () => {
    const [a, b] = [await newUser('msg_a'), await newUser('msg_b')];
    await befriend(t, a as TestUser, b as TestUser);
    // b opens it, so that a's general count is spent only on what this test checks.
    const opened = ok(await t.gql(`mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: a.handle }, { token: b.token }));
    const conversationId = opened.openDirectConversation.id;
    const send = (text: string) => post(`mutation($input: SendMessageInput!) { sendMessage(input: $input) { text } }`, { input: { conversationId, text } }, as(a));
    expect((await send('one')).body.data?.sendMessage.text).toBe('one');
    expect((await send('two')).body.data?.sendMessage.text).toBe('two');
    const third = await send('three');
    expect(third.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', tier: 'messages' });
    expect(await t.db.prisma.message.count({ where: { text: 'three' } })).toBe(0);
    expect((await post(meQuery, {}, as(a))).body.data?.me.user.handle).toBe('msg_a');
  });

  it('should count each aliased selection of a limited field, and refuse at once what no wait would let through', async () => {
    const [a, b, c] = [await newUser('alias_a'), await newUser('alias_b'), await newUser('alias_c')];
    const friendships = await t.db.prisma.friendship.count();
    const request = (...handles: string[]) =>
      post(`mutation { ${handles.map((handle, index) => `r${index}: sendFriendRequest(input: { handle: "${handle}" }) { handle }`).join(' ')} }`, {}, as(a));
    // Three at once can never fit a tier of two.
    const tooMany = await request(b.handle, c.handle, 'nobody_here');
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'operation' });
    expect(tooMany.body.errors?.[0]?.message).toBe('operation: it asks for 3 operations of the friendRequests tier at once; at most 2 are allowed');
    expect((await request(b.handle, c.handle)).body.data).toEqual({ r0: { handle: b.handle }, r1: { handle: c.handle } });
    const refused = await request(b.handle);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', tier: 'friendRequests' });
    expect(refused.body.data).toBeUndefined();
    expect(await t.db.prisma.friendship.count()).toBe(friendships + 2);
    // Fragments count where they are spread.
    const viaFragments = await post(`query { me { ...S ...S } } fragment S on Viewer { friendSuggestions { edges { node { id } } } } `, {}, as(c));
    expect(viaFragments.body.data?.me.friendSuggestions.edges).toEqual([]);
    const third = await post(`query { me { friendSuggestions { edges { node { id } } } } }`, {}, as(c));
    expect(third.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', tier: 'discovery' });
  });

  it('should limit sign-in attempts per handle from any address, and per address', async () => {
    const victim = await newUser('signin_victim');
    const attempt = (handle: string, password: string, address: string) =>
      post(`mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`, { input: { handle, password } }, { 'x-forwarded-for': address });
    for (let index = 0; index < 3; index += 1) expect((await attempt(victim.handle, 'wrong-password', `192.0.2.${index}`)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const locked = await attempt(victim.handle, 'password-123', '192.0.2.50');
    expect(locked.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', tier: 'signInPerHandle' });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe(String(locked.body.errors?.[0]?.extensions?.retryAfter));
    // Per address: four attempts at different handles from one address, then no more.
    const other = await newUser('signin_other');
    for (let index = 0; index < 4; index += 1) await attempt(`nobody_${index}`, 'wrong-password', '192.0.2.99');
    expect((await attempt(other.handle, 'password-123', '192.0.2.99')).body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', tier: 'signInPerAddress' });
    expect(ok((await attempt(other.handle, 'password-123', '192.0.2.100')).body).signIn.accessToken).toEqual(expect.any(String));
  });

  it('should refuse an operation over SSE with RATE_LIMITED and retryAfter', async () => {
    const user = await newUser('sse_user');
    const answers = [];
    for (let index = 0; index < 6; index += 1) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...as(user) },
        body: JSON.stringify({ query: meQuery }),
      });
      const text = await response.text();
      // One `next` event per answer: its JSON after "data: ".
      const next = /event: next\ndata: (.*)\n/.exec(text)?.[1];
      answers.push({ status: response.status, result: next ? JSON.parse(next) : undefined, remaining: response.headers.get('ratelimit-remaining') });
    }
    expect(answers.slice(0, 5).map((answer) => answer.result?.data?.me.user.handle)).toEqual(Array(5).fill('sse_user'));
    expect(answers.slice(0, 5).map((answer) => answer.remaining)).toEqual(['4', '3', '2', '1', '0']);
    expect(answers[5]!.result?.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: expect.any(Number), tier: 'general' });
  });

  it('should refuse an operation over the WebSocket with RATE_LIMITED and retryAfter', async () => {
    const user = await newUser('socket_user');
    const live = connectLive(wsUrl, user.token);
    try {
      const results = [];
      for (let index = 0; index < 6; index += 1) {
        const subscription = live.subscribe(meQuery);
        await subscription.ended;
        results.push(subscription.results[0]);
      }
      expect(results.slice(0, 5).map((result) => result?.data?.me.user.handle)).toEqual(Array(5).fill('socket_user'));
      expect(results[5]?.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: expect.any(Number), tier: 'general' });
    } finally {
      await live.close();
    }
  });
});

describe('rate limits shared by two instances through Redis', () => {
  it('should count a user\'s operations on both instances together', async () => {
    const env = { NODE_ENV: 'production', REDIS_URL: redis.url, RATE_LIMITS: 'general=6/60' };
    const first = await createTestApp(env, { rateLimitPrefix: 'shared-deployment' });
    const second = await createTestApp(env, { rateLimitPrefix: 'shared-deployment', database: { ...first, drop: async () => {} } });
    try {
      const user = await signUp(first, 'shared_user');
      const codes = [];
      for (let index = 0; index < 7; index += 1) {
        const app = index % 2 === 0 ? first : second;
        codes.push((await app.gql(meQuery, {}, { token: user.token })).errors?.[0]?.extensions?.code ?? 'ok');
      }
      // Counted apart, each instance would have allowed all of its three or four.
      expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'RATE_LIMITED']);
    } finally {
      await second.close();
      await first.close();
    }
  });
});

describe('a Redis outage', () => {
  it('should count in the process while Redis is away, log it once, and count in Redis again once it is back', async () => {
    const own = await startRedisServer();
    const t = await createTestApp({ NODE_ENV: 'production', REDIS_URL: own.url, RATE_LIMITS: 'general=3/60' }, { captureLogs: true });
    try {
      const user = await signUp(t, 'outage_user');
      // Spent in Redis before the outage, which the process does not know of.
      expect((await t.gql(meQuery, {}, { token: user.token })).data?.me.user.handle).toBe('outage_user');
      await own.stop();
      const during = [];
      for (let index = 0; index < 4; index += 1) during.push((await t.gql(meQuery, {}, { token: user.token })).errors?.[0]?.extensions?.code ?? 'ok');
      expect(during).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
      expect(t.logs.filter((line) => line.msg.startsWith('rate limits cannot be counted in redis'))).toHaveLength(1);
      await own.start();
      // The process counts on its own until a request finds Redis again.
      await pollUntil(10_000, 'counting in redis to resume', async () => {
        await t.gql(meQuery, {}, { token: user.token });
        return t.logs.some((line) => line.msg === 'rate limits counted in redis again');
      });
      // Redis restarted empty: the request that found it was its first of three.
      const after = [];
      for (let index = 0; index < 3; index += 1) after.push((await t.gql(meQuery, {}, { token: user.token })).errors?.[0]?.extensions?.code ?? 'ok');
      expect(after).toEqual(['ok', 'ok', 'RATE_LIMITED']);
    } finally {
      await t.close();
      await own.close();
    }
  });
});
