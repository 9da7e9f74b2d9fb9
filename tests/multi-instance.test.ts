// Two server instances on their own ports, sharing one database and one Redis, behave as one;
// a Redis restart or a cut socket costs a client that resumes with its last seq nothing, while
// bare Redis pub/sub (at most once) loses what was published during the outage. The Redis is a
// private one, so stopping it disturbs no other test file.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { channelOf } from '../src/pubsub/topics.ts';
import { shareTestDatabase } from './utils/database.ts';
import { connectLive, type LiveClient } from './utils/live-client.ts';
import { startRedisServer, type RedisServer } from './utils/redis-server.ts';
import { conversationEventsQuery, createSeqLog, startResumingClient, tally, type ResumingClient } from './utils/resuming-client.ts';
import { createTestApp, ok, type GraphQLResult, type TestApp } from './utils/test-app.ts';
import { befriend, signUp, type TestUser } from './utils/users.ts';
import { pollUntil, within } from './utils/waiting.ts';

const host = '127.0.0.1';

interface Instance {
  t: TestApp;
  base: string;
  wsUrl: string;
}

async function listen(t: TestApp): Promise<Instance> {
  const { port } = await t.app.server.start(0, host);
  return { t, base: `http://${host}:${port}`, wsUrl: `ws://${host}:${port}/graphql` };
}

/** An operation posted to an instance's real port, as a client behind a load balancer would. */
async function post(instance: Instance, query: string, variables: Record<string, unknown>, token: string): Promise<GraphQLResult> {
  const response = await fetch(`${instance.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult;
}

const sendMessage = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`;
const openDirect = `mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`;
const createGroup = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`;
const lastSeqQuery = `query($id: ID!) { conversation(id: $id) { lastSeq } }`;
const myEvents = `subscription {
  myEvents { __typename ... on ConversationUpdated { conversation { id lastSeq } } ... on NotificationAdded { notification { kind count } } }
}`;

async function send(instance: Instance, from: TestUser, conversationId: string, text: string): Promise<void> {
  ok(await post(instance, sendMessage, { input: { conversationId, text } }, from.token));
}

/** A new direct conversation; `opened` is the seq of the last event that opening it logged. */
async function directConversation(a: TestUser, b: TestUser): Promise<{ id: string; rawId: string; opened: number }> {
  await befriend(one.t, a, b);
  const { id } = ok(await one.t.gql(openDirect, { h: b.handle }, { token: a.token })).openDirectConversation;
  return { id, rawId: decodeGlobalID(id).id, opened: await lastSeqOf(id, a) };
}

/** Read back rather than taken from the mutation's answer, which need not count the events it logged. */
async function lastSeqOf(conversationId: string, member: TestUser): Promise<number> {
  return ok(await two.t.gql(lastSeqQuery, { id: conversationId }, { token: member.token })).conversation.lastSeq;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const seqsOf = (results: { data?: any }[]) => results.map((result) => result.data?.conversationEvents?.seq);

/** How many Redis subscriptions a channel has, across every instance; 0 while Redis is away. */
async function subscribersOf(channel: string): Promise<number> {
  const client = new Redis(redis.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  try {
    await client.connect();
    const [, count] = (await client.pubsub('NUMSUB', channel)) as [string, number];
    return Number(count);
  } catch {
    return 0;
  } finally {
    client.disconnect();
  }
}

/** Resolves once a publish from the instance has failed: its offline queue was flushed with errors. */
async function offlineQueueFlushed(instance: Instance): Promise<void> {
  const probe = instance.t.pubsub.publish('conversation', 'probe', { kind: 'access' });
  await within(15_000, 'the offline queue to be flushed', probe.then(() => Promise.reject(new Error('the probe publish succeeded')), () => undefined));
}

async function readiness(instance: Instance): Promise<number> {
  const response = await fetch(`${instance.base}/readiness`, { signal: AbortSignal.timeout(15_000) });
  await response.arrayBuffer();
  return response.status;
}

let redis: RedisServer;
let one: Instance;
let two: Instance;
const cleanups: (() => Promise<unknown>)[] = [];

function track<T extends LiveClient | ResumingClient>(client: T): T {
  cleanups.push(() => client.close());
  return client;
}

beforeAll(async () => {
  redis = await startRedisServer();
  one = await listen(await createTestApp({ REDIS_URL: redis.url }, { instanceName: 'chorus-one' }));
  const database = await shareTestDatabase(one.t);
  two = await listen(await createTestApp({ REDIS_URL: redis.url }, { database, instanceName: 'chorus-two', captureLogs: true }));
});

// A test that failed while Redis was down must not take the next ones with it.
afterEach(async () => {
  if (redis && !redis.running()) await redis.start();
});

afterAll(async () => {
  const steps: (() => Promise<unknown>)[] = [
    ...cleanups.reverse(),
    async () => {
      if (redis && !redis.running()) await redis.start();
    },
    // The second instance first: on PGlite it borrows the first one's database.
    async () => two?.t.close(),
    async () => one?.t.close(),
    async () => redis?.close(),
  ];
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await within(15_000, 'teardown', step());
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
});

describe('two instances sharing PostgreSQL and Redis', () => {
  it('should deliver every message sent through one instance to a subscriber on the other, once and in order', async () => {
    const [ann, ben] = [await signUp(one.t, 'ann'), await signUp(one.t, 'ben')];
    const conversation = await directConversation(ann, ben);
    const live = track(connectLive(one.wsUrl, ben.token));
    const events = live.subscribe(conversationEventsQuery, { conversationId: conversation.id, afterSeq: 0 });
    const mine = live.subscribe(myEvents);
    // myEvents replays nothing, so wait until instance one listens on ben's channel.
    await pollUntil(10_000, "instance one to subscribe to ben's channel", async () => (await subscribersOf(channelOf('user', ben.rawId))) >= 1);

    const { opened } = conversation;
    const total = 50;
    for (let n = 1; n <= total; n++) await send(two, ann, conversation.id, `#${n}`);
    // Each message reaches ben's own stream twice: ConversationUpdated and NotificationAdded.
    await within(20_000, 'fifty events on instance one', Promise.all([events.waitFor(opened + total), mine.waitFor(2 * total)]));
    // One more: anything delivered twice would have come before it.
    await send(two, ann, conversation.id, `#${total + 1}`);
    await within(10_000, 'the last event', Promise.all([events.waitFor(opened + total + 1), mine.waitFor(2 * (total + 1))]));

    expect(seqsOf(events.results)).toEqual(range(1, opened + total + 1));
    expect(events.results.slice(opened).map((result) => result.data?.conversationEvents)).toEqual(
      range(1, total + 1).map((n) => ({ __typename: 'MessageAdded', seq: opened + n, message: { text: `#${n}` } })),
    );
    expect(mine.results).toHaveLength(2 * (total + 1));
    const ofKind = (typename: string) => mine.results.map((result) => result.data?.myEvents).filter((event) => event.__typename === typename);
    const updates = ofKind('ConversationUpdated');
    expect(updates).toHaveLength(total + 1);
    expect(new Set(updates.map((event) => event.conversation.id))).toEqual(new Set([conversation.id]));
    expect(Math.max(...updates.map((event) => event.conversation.lastSeq))).toBe(opened + total + 1);
    // One unread notification for the conversation, counting every message.
    const notices = ofKind('NotificationAdded');
    expect(notices).toHaveLength(total + 1);
    expect(new Set(notices.map((event) => event.notification.kind))).toEqual(new Set(['NEW_MESSAGE']));
    expect(Math.max(...notices.map((event) => event.notification.count))).toBe(total + 1);
  });

  it('should let members on either instance follow a group whose members send through both', async () => {
    const [cat, dan, eve] = [await signUp(one.t, 'cat'), await signUp(one.t, 'dan'), await signUp(one.t, 'eve')];
    await befriend(one.t, cat, dan);
    await befriend(one.t, cat, eve);
    const group = ok(await two.t.gql(createGroup, { input: { title: 'Both', memberIds: [dan.id, eve.id] } }, { token: cat.token })).createGroup;
    const opened = await lastSeqOf(group.id, cat);
    const onOne = track(connectLive(one.wsUrl, dan.token)).subscribe(conversationEventsQuery, { conversationId: group.id, afterSeq: 0 });
    const onTwo = track(connectLive(two.wsUrl, eve.token)).subscribe(conversationEventsQuery, { conversationId: group.id, afterSeq: 0 });

    const rounds = 20;
    for (let round = 1; round <= rounds; round++) {
      await send(two, cat, group.id, `cat ${round}`);
      await send(one, dan, group.id, `dan ${round}`);
    }
    const last = opened + 2 * rounds;
    await within(20_000, 'every group event on both instances', Promise.all([onOne.waitFor(last), onTwo.waitFor(last)]));

    expect(seqsOf(onOne.results)).toEqual(range(1, last));
    expect(onTwo.results).toEqual(onOne.results);
    expect(onOne.results.slice(opened).map((result) => result.data?.conversationEvents.message.text)).toEqual(
      range(1, rounds).flatMap((round) => [`cat ${round}`, `dan ${round}`]),
    );
  });
});

describe('a Redis outage', () => {
  it('should give a client resuming with its last seq every message exactly once across a Redis restart, while bare pub/sub loses some', async () => {
    const [fay, gus] = [await signUp(one.t, 'fay'), await signUp(one.t, 'gus')];
    const conversation = await directConversation(fay, gus);
    const resuming = track(startResumingClient(one.wsUrl, gus.token, conversation.id));
    // A WebSocket subscriber that never resubscribes: its socket stays up, and the server fills
    // the gap from the log once a later live event shows it.
    const steady = track(connectLive(one.wsUrl, gus.token)).subscribe(conversationEventsQuery, { conversationId: conversation.id, afterSeq: 0 });
    // What Redis pub/sub alone gives: instance one's own subscription to the conversation.
    const plain = createSeqLog();
    const stream = await one.t.pubsub.subscribe('conversation', conversation.rawId);
    const consuming = (async () => {
      for await (const signal of stream) if (signal.kind === 'event') plain.record(signal.event.seq);
    })();
    cleanups.push(async () => {
      await stream.return();
      await consuming;
    });

    // Message n gets seq opened + n; messages are what we count.
    const { opened } = conversation;
    const total = 200;
    const lastSeq = opened + total;
    let sent = 0;
    const sendUpTo = async (last: number) => {
      while (sent < last) await send(two, fay, conversation.id, `#${++sent}`);
    };

    await sendUpTo(60);
    await within(10_000, 'the resuming client to be live', resuming.log.reached(opened + 60));
    await redis.stop();
    // Every send below succeeds: the message is stored, and announce() does not wait for Redis.
    const firstDuringOutage = opened + sent + 1;
    await sendUpTo(90);
    // Its socket dies too, and it comes back with afterSeq while Redis is still away.
    resuming.cut();
    await sendUpTo(120);
    const lastDuringOutage = opened + sent;
    const outageProbe = Date.now();
    await pollUntil(15_000, 'instance two to report that Redis is unreachable', async () => (await readiness(two)) === 503);
    const probeMs = Date.now() - outageProbe;
    // Those publishes wait in ioredis' offline queue; a probe queued behind them fails only once
    // ioredis gave up retrying (maxRetriesPerRequest) and flushed the queue: they are gone for good.
    await offlineQueueFlushed(two);

    await redis.start();
    // ioredis reconnects by itself and re-subscribes the channels it had.
    const channel = channelOf('conversation', conversation.rawId);
    await pollUntil(15_000, 'instance one to re-subscribe to the conversation', async () => (await subscribersOf(channel)) >= 1);
    await pollUntil(15_000, 'instance two to be ready again', async () => (await readiness(two)) === 200);
    await sendUpTo(total);
    await within(20_000, 'the resuming client to catch up', resuming.log.reached(lastSeq));
    await within(10_000, 'the plain subscriber to hear the last message', plain.reached(lastSeq));
    await within(10_000, 'the steady subscriber to catch up', steady.waitFor(lastSeq));

    const client = tally(resuming.log.seqs, opened + 1, lastSeq);
    const kept = tally(seqsOf(steady.results), opened + 1, lastSeq);
    const bare = tally(plain.seqs, opened + 1, lastSeq);
    console.info(
      `[redis restart] sent ${total} messages, ${lastDuringOutage - firstDuringOutage + 1} of them while Redis was down ` +
        `(503 after ${probeMs} ms); resuming client: received ${client.received}, lost ${client.lost}, duplicated ${client.duplicated}, ` +
        `resumed ${resuming.resumes()}×; WebSocket subscriber that never resumed: received ${kept.received}, lost ${kept.lost}, duplicated ${kept.duplicated}; ` +
        `plain pub/sub subscriber: received ${bare.received}, lost ${bare.lost}, duplicated ${bare.duplicated}`,
    );

    expect(resuming.log.seqs).toEqual(range(1, lastSeq));
    expect(range(1, total).map((n) => resuming.texts.get(opened + n))).toEqual(range(1, total).map((n) => `#${n}`));
    expect(resuming.resumes()).toBe(1);
    expect(seqsOf(steady.results)).toEqual(range(1, lastSeq));
    // Bare pub/sub loses messages, and only ones published while Redis was away.
    const lost = range(opened + 1, lastSeq).filter((seq) => !plain.seqs.includes(seq));
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.filter((seq) => seq < firstDuringOutage || seq > lastDuringOutage)).toEqual([]);
    expect(bare.duplicated).toBe(0);
  });

  it('should answer /readiness with 503 while its Redis is down and 200 once it is back', async () => {
    await pollUntil(15_000, 'readiness before the outage', async () => (await readiness(one)) === 200);
    await redis.stop();
    await pollUntil(15_000, 'readiness to fail', async () => (await readiness(one)) === 503);
    expect((await fetch(`${one.base}/health`)).status).toBe(200);
    await redis.start();
    await pollUntil(15_000, 'readiness to recover', async () => (await readiness(one)) === 200);
  });

  it('should log an outage once per connection, however many reconnection attempts it takes, and log the recovery', async () => {
    await pollUntil(15_000, 'readiness before the outage', async () => (await readiness(two)) === 200);
    two.t.logs.length = 0;
    await redis.stop();
    // Once a publish fails, ioredis has given up retrying it: at least three reconnection attempts failed.
    await offlineQueueFlushed(two);
    await redis.start();
    await pollUntil(15_000, 'both connections to log their recovery', async () =>
      two.t.logs.filter((line) => line.msg === 'redis reachable again').length === 2,
    );

    const about = (msg: string) => two.t.logs.filter((line) => line.msg.startsWith(msg)).map((line) => line.redis).sort();
    expect(about('redis unreachable')).toEqual(['pub', 'sub']);
    expect(about('redis reachable again')).toEqual(['pub', 'sub']);
  });
});

describe('the last subscriber of a channel leaving while Redis is down', () => {
  it('should not bring the process down (its UNSUBSCRIBE fails and is handled)', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const stream = await one.t.pubsub.subscribe('conversation', 'leaving-during-an-outage');
      await redis.stop();
      await stream.return();
      // Both connections retry on the same schedule: two flushes of the publisher's queue
      // leave the subscriber's UNSUBSCRIBE time to have failed too.
      await offlineQueueFlushed(one);
      await offlineQueueFlushed(one);
      await redis.start();
      await pollUntil(15_000, 'readiness to recover', async () => (await readiness(one)) === 200);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});

describe('a cut socket', () => {
  it('should let a client whose socket is cut mid-stream resume with its last seq and miss nothing', async () => {
    const [hal, ivy] = [await signUp(one.t, 'hal'), await signUp(one.t, 'ivy')];
    const conversation = await directConversation(hal, ivy);
    const resuming = track(startResumingClient(one.wsUrl, ivy.token, conversation.id));

    const { opened } = conversation;
    const total = 120;
    const sending = (async () => {
      for (let n = 1; n <= total; n++) await send(two, hal, conversation.id, `#${n}`);
    })();
    try {
      for (const at of [30, 60, 90]) {
        await within(20_000, `message ${at}`, resuming.log.reached(opened + at));
        resuming.cut();
      }
    } finally {
      await sending;
    }
    await within(20_000, 'the resuming client to catch up', resuming.log.reached(opened + total));

    const client = tally(resuming.log.seqs, opened + 1, opened + total);
    console.info(`[socket cuts] sent ${total} messages; resuming client cut 3×: received ${client.received}, lost ${client.lost}, duplicated ${client.duplicated}`);
    expect(resuming.log.seqs).toEqual(range(1, opened + total));
    expect(resuming.resumes()).toBe(3);
    expect(resuming.endings).toEqual(['socket closed 4499 Terminated', 'socket closed 4499 Terminated', 'socket closed 4499 Terminated']);
  });
});
