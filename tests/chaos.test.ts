// Chaos: real server processes (src/main.ts) lose a dependency or a sibling while people use
// them, and clients that resume with their last seq still see every event exactly once.
// - Redis is killed (SIGKILL) and started again while messages flow through two processes and
//   while the Telegram worker (a real bot process, against a fake Bot API) drains a broadcast.
// - One of two processes is killed (SIGKILL) while clients are subscribed to it: they move to
//   the other and resume; messages keep being sent before, during and after the kill.
// - PostgreSQL stops at once (immediate shutdown, as in a crash) under a running process and
//   starts again: meanwhile readiness and requests say the service is unavailable, and nothing
//   acknowledged is lost or doubled.
// Every database and Redis here is private to this file (the PostgreSQL outage even uses a
// cluster of its own), so stopping one disturbs no other test file. Each test prints one
// `chaos:` line with its counts.
import { decodeGlobalID } from '@pothos/plugin-relay';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase } from './utils/database.ts';
import { startFakeTelegram, type FakeTelegram } from './utils/fake-telegram.ts';
import { connectLive, type LiveClient } from './utils/live-client.ts';
import { startPostgresServer, type PostgresServer } from './utils/postgres-server.ts';
import { startRedisServer, type RedisServer } from './utils/redis-server.ts';
import { conversationEventsQuery, startResumingClient, tally, type ResumingClient } from './utils/resuming-client.ts';
import { startProgram, startServerProcess, type ChildProgram, type ServerProcess } from './utils/server-process.ts';
import type { GraphQLResult } from './utils/test-app.ts';
import { pollUntil, within } from './utils/waiting.ts';

const serviceKey = 'chaos-service-key-0123456789';

/** What every server process of a deployment shares; rate limits off, since these tests send fast on purpose. */
function serverEnv(databaseUrl: string, redisUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: 'a-secret-every-chaos-instance-shares-0123456789',
    NODE_ENV: 'production',
    CHECKIN_TICK_SECONDS: '3600',
    RATE_LIMITS: 'off',
    BOT_SERVICE_KEY: serviceKey,
    ADMIN_HANDLES: 'boss',
  };
}

type Teardown = ReturnType<typeof createTeardown>;

/** Steps run in reverse order of registration, each bounded and each attempted even if one before it failed. */
function createTeardown() {
  const steps: (() => Promise<unknown>)[] = [];
  return {
    add(step: () => Promise<unknown>) {
      steps.push(step);
    },
    async run() {
      const failures: unknown[] = [];
      for (const step of steps.splice(0).reverse()) {
        try {
          await within(20_000, 'a teardown step', step());
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) throw failures[0];
    },
  };
}

interface Call {
  status: number;
  result: GraphQLResult;
}

/** An operation posted to a process over HTTP; a process that does not answer fails the call. */
async function call(server: ServerProcess, query: string, variables: Record<string, unknown> = {}, auth: { token?: string; service?: boolean } = {}): Promise<Call> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.service) headers['x-service-key'] = serviceKey;
  const response = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(15_000) });
  return { status: response.status, result: (await response.json()) as GraphQLResult };
}

/** The data of an operation that must succeed. */
async function must(server: ServerProcess, query: string, variables: Record<string, unknown> = {}, auth: { token?: string; service?: boolean } = {}) {
  const { status, result } = await call(server, query, variables, auth);
  if (status !== 200 || result.errors?.length || !result.data) throw new Error(`expected success, got HTTP ${status}: ${JSON.stringify(result.errors)}`);
  return result.data as Record<string, any>;
}

async function readiness(server: ServerProcess): Promise<number> {
  const response = await fetch(new URL('/readiness', server.url), { signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return response.status;
}

interface Person {
  id: string;
  handle: string;
  token: string;
}

async function signUp(server: ServerProcess, handle: string): Promise<Person> {
  const { signUp } = await must(
    server,
    `mutation($h: String!) { signUp(input: { handle: $h, displayName: $h, password: "password-123" }) { accessToken user { id handle } } }`,
    { h: handle },
  );
  return { id: signUp.user.id, handle: signUp.user.handle, token: signUp.accessToken };
}

async function befriend(server: ServerProcess, a: Person, b: Person): Promise<void> {
  await must(server, `mutation($h: String!) { sendFriendRequest(input: { handle: $h }) { handle } }`, { h: b.handle }, { token: a.token });
  await must(server, `mutation($h: String!) { acceptFriendRequest(input: { handle: $h }) { handle } }`, { h: a.handle }, { token: b.token });
}

const sendMessageMutation = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { seq text } }`;
const lastSeqQuery = `query($id: ID!) { conversation(id: $id) { lastSeq } }`;

/** A message its sender got an answer for: it is stored, under this seq. */
interface Ack {
  seq: number;
  text: string;
}

async function sendMessage(server: ServerProcess, from: Person, conversationId: string, text: string): Promise<Ack> {
  return (await must(server, sendMessageMutation, { input: { conversationId, text } }, { token: from.token })).sendMessage as Ack;
}

async function lastSeqOf(server: ServerProcess, member: Person, conversationId: string): Promise<number> {
  return (await must(server, lastSeqQuery, { id: conversationId }, { token: member.token })).conversation.lastSeq as number;
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);

/** Lost and duplicated events of the clients, summed, against the conversation's log (seqs 1 to `lastSeq`). */
function countEvents(clients: ResumingClient[], lastSeq: number) {
  return clients
    .map((client) => tally(client.log.seqs, 1, lastSeq))
    .reduce((sum, count) => ({ lost: sum.lost + count.lost, duplicated: sum.duplicated + count.duplicated }), { lost: 0, duplicated: 0 });
}

/**
 * Checks a resuming client against the conversation's log: every seq from 1 to `lastSeq` once,
 * in order, and each acknowledged message under its own seq.
 */
function expectEveryEventOnce(client: ResumingClient, lastSeq: number, acks: Ack[]) {
  const { lost, duplicated } = tally(client.log.seqs, 1, lastSeq);
  expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  expect(client.log.seqs).toEqual(range(1, lastSeq));
  expect(acks.filter((ack) => client.texts.get(ack.seq) !== ack.text)).toEqual([]);
}

/** A PostgreSQL database and a private Redis shared by `count` server processes. */
async function startDeployment(teardown: Teardown, count: number) {
  const database = await createEmptyPostgresDatabase();
  teardown.add(() => database.drop());
  const redis = await startRedisServer();
  teardown.add(() => redis.close());
  const env = serverEnv(database.url, redis.url);
  // Started together: both find the database empty, and the migration lock lets one apply.
  const started = await Promise.allSettled(Array.from({ length: count }, () => startServerProcess(env)));
  const servers: ServerProcess[] = [];
  for (const outcome of started) {
    if (outcome.status === 'fulfilled') {
      servers.push(outcome.value);
      teardown.add(() => outcome.value.stop());
    }
  }
  const failed = started.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return { database, redis, servers };
}

async function startTwoProcesses(teardown: Teardown) {
  const { database, redis, servers } = await startDeployment(teardown, 2);
  const telegram = await startFakeTelegram();
  teardown.add(() => telegram.close());
  // A test that failed while Redis was down must not leave the processes without it at teardown.
  teardown.add(async () => {
    if (!redis.running()) await redis.start();
  });
  const [one, two] = servers as [ServerProcess, ServerProcess];
  return { redis, databaseUrl: database.url, one, two, telegram };
}

async function startPostgresWorld(teardown: Teardown) {
  // A cluster of its own: the machine's server on 5432 is shared with every other test file.
  const postgres = await startPostgresServer();
  teardown.add(() => postgres.close());
  const databaseUrl = await postgres.createDatabase('chorus_chaos');
  const redis = await startRedisServer();
  teardown.add(() => redis.close());
  const server = await startServerProcess(serverEnv(databaseUrl, redis.url));
  teardown.add(() => server.stop());
  // A test that failed while PostgreSQL was down must not leave the process without it at teardown.
  teardown.add(async () => {
    if (!postgres.running()) await postgres.start();
  });
  return { postgres, server };
}

// Starting processes is most of what these tests cost: both deployments start at once, each
// describe waits for its own and stops it as soon as its tests are over, and the Redis outage
// and the kill share one pair of processes (the kill comes last).
const teardowns = { pair: createTeardown(), postgres: createTeardown() };
let worlds: {
  pair: Promise<Awaited<ReturnType<typeof startTwoProcesses>>>;
  postgres: Promise<Awaited<ReturnType<typeof startPostgresWorld>>>;
};
/** A start that is awaited later: its failure is reported there, not as an unhandled rejection. */
const later = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(() => undefined);
  return promise;
};
beforeAll(() => {
  worlds = { pair: later(startTwoProcesses(teardowns.pair)), postgres: later(startPostgresWorld(teardowns.postgres)) };
});
// Whatever a describe did not stop (it failed, or was filtered out) is stopped here.
afterAll(async () => {
  await Promise.allSettled(Object.values(worlds ?? {}));
  const outcomes = await Promise.allSettled(Object.values(teardowns).map((teardown) => teardown.run()));
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}, 60_000);

describe('chaos: two processes sharing PostgreSQL and a private Redis', () => {
  const teardown = teardowns.pair;
  let redis: RedisServer;
  let databaseUrl: string;
  let one: ServerProcess;
  let two: ServerProcess;
  let telegram: FakeTelegram;

  beforeAll(async () => {
    ({ redis, databaseUrl, one, two, telegram } = await worlds.pair);
  }, 60_000);
  afterAll(() => teardown.run(), 60_000);

  it('should, across a Redis restart, reach every broadcast recipient exactly once, finish the broadcast, and give resuming clients every message exactly once', async () => {
    const boss = await signUp(one, 'boss');
    const ann = await signUp(one, 'ann');
    const ben = await signUp(two, 'ben');
    await befriend(two, ann, ben);
    const conversationId = (await must(one, `mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: ben.handle }, { token: ann.token }))
      .openDirectConversation.id as string;

    // People who talk to the bot: each gets the broadcast on Telegram, through the worker.
    const chats = range(1, 60).map((n) => String(8_100_000 + n));
    for (const [index, chatId] of chats.entries()) {
      await must(index % 2 ? one : two, `mutation($i: TelegramSignInInput!) { telegramSignIn(input: $i) { accessToken } }`, { i: { telegramId: chatId, chatId, firstName: `P${index}` } }, { service: true });
    }
    // Ten a second, so the outage falls in the middle of the drain. The worker talks to instance
    // two; the broadcast is sent through instance one, so its wake-up crosses Redis.
    const bot: ChildProgram = await startProgram({
      entry: 'clients/telegram/src/main.ts',
      env: {
        BOT_TOKEN: telegram.token,
        API_URL: two.url,
        BOT_SERVICE_KEY: serviceKey,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        BOT_MODE: 'worker',
        BOT_POLL_SECONDS: '1',
        BOT_SEND_RATE: '10',
        BOT_LEASE_SECONDS: '30',
        LOG_LEVEL: 'info',
      },
      ready: (line) => line.msg === 'the Telegram client is running',
    });
    teardown.add(() => bot.stop());

    // Each member follows the conversation on a different instance.
    const clients = [startResumingClient(one.wsUrl, ben.token, conversationId), startResumingClient(two.wsUrl, ann.token, conversationId)];
    for (const client of clients) teardown.add(() => client.close());
    const opened = await lastSeqOf(one, ann, conversationId);

    // Messages alternate between the two members and the two instances, one at a time.
    const acks: Ack[] = [];
    const senders = [
      { server: one, from: ann },
      { server: two, from: ben },
    ];
    /** Sends messages until `done` settles (at most `max` more); its outcome. */
    const flowUntil = async <T>(done: Promise<T>, max = 1500): Promise<T> => {
      let settled = false;
      void done.then(
        () => (settled = true),
        () => (settled = true),
      );
      for (let sent = 0; !settled; sent++) {
        if (sent === max) throw new Error(`still waiting after ${max} messages`);
        await sendOne();
      }
      return done;
    };
    const sendOne = async () => {
      const { server, from } = senders[acks.length % 2]!;
      acks.push(await sendMessage(server, from, conversationId, `#${acks.length + 1}`));
    };

    const text = 'Chaos broadcast: stay calm';
    const { sendBroadcast } = await must(one, `mutation($t: String!) { sendBroadcast(input: { text: $t }) { id recipientCount state } }`, { t: text }, { token: boss.token });
    expect(sendBroadcast).toMatchObject({ recipientCount: chats.length + 3, state: 'SENDING' });
    const progress = connectLive(one.wsUrl, boss.token);
    teardown.add(() => progress.close());
    const watched = progress.subscribe(`subscription($id: ID!) { broadcastProgress(id: $id) { total sent failed blocked pending cancelled } }`, { id: sendBroadcast.id });
    const delivered = () => telegram.sent.filter((message) => message.text === text);

    await flowUntil(telegram.until(() => delivered().length >= 15, 'the first 15 broadcast messages', 20_000));
    await redis.kill();
    const ackedBeforeOutage = acks.length;
    const deliveredBeforeOutage = delivered().length;
    // Both processes notice, and the worker keeps draining: the outbox lives in PostgreSQL.
    await flowUntil(
      Promise.all([
        pollUntil(15_000, 'both processes to report Redis unreachable', async () => (await readiness(one)) === 503 && (await readiness(two)) === 503),
        telegram.until(() => delivered().length >= deliveredBeforeOutage + 10, '10 more broadcast messages while Redis is down', 20_000),
      ]),
    );
    // Both sockets die too: the clients come back with their last seq while Redis is still away.
    for (const client of clients) client.cut();
    await flowUntil(pollUntil(15_000, 'both clients to resume', async () => clients.every((client) => client.resumes() >= 1)));
    const ackedDuringOutage = acks.length - ackedBeforeOutage;
    const deliveredDuringOutage = delivered().length - deliveredBeforeOutage;
    await redis.start();

    await flowUntil(pollUntil(15_000, 'both processes to be ready again', async () => (await readiness(one)) === 200 && (await readiness(two)) === 200));
    const deliveredAtRecovery = delivered().length;
    // Until the broadcast is over: its progress stream ends by itself when it is DONE.
    const ending = await flowUntil(within(30_000, 'the broadcast progress stream to end', watched.ended));
    // A few more after it, so a stream that missed a signal sees the gap and fills it.
    for (let n = 0; n < 4; n++) await sendOne();

    const lastSeq = await lastSeqOf(two, ben, conversationId);
    await within(20_000, 'both clients to catch up', Promise.all(clients.map((client) => client.log.reached(lastSeq))));

    const final = (await must(one, `query($id: ID!) { node(id: $id) { ... on Broadcast { state progress { total sent failed blocked pending cancelled } } } }`, { id: sendBroadcast.id }, { token: boss.token })).node;
    const perChat = new Map<string, number>();
    for (const message of delivered()) perChat.set(message.chatId, (perChat.get(message.chatId) ?? 0) + 1);
    const lostChats = chats.filter((chatId) => !perChat.has(chatId));
    const duplicateSends = [...perChat.values()].reduce((sum, times) => sum + times - 1, 0);
    const ledger = await ledgerOf(databaseUrl, decodeGlobalID(sendBroadcast.id).id);
    const { lost, duplicated } = countEvents(clients, lastSeq);
    console.log(
      `chaos: redis-broadcast lost=${lost} dup=${duplicated} messages=${acks.length} (during outage ${ackedDuringOutage}) clients=${clients.length} resumes=${clients.map((client) => client.resumes()).join('+')} ` +
        `delivered=${perChat.size}/${chats.length} (before outage ${deliveredBeforeOutage}, during ${deliveredDuringOutage}, at recovery ${deliveredAtRecovery}) ` +
        `telegramLost=${lostChats.length} telegramDup=${duplicateSends} ledger=${ledger.map((row) => `${row.channel}:${row.status}=${row.rows}/claims ${row.claims}`).join(',')} state=${final.state}`,
    );

    // The conversation: both resuming clients saw every event once, in order.
    for (const client of clients) expectEveryEventOnce(client, lastSeq, acks);
    expect(lastSeq).toBe(opened + acks.length);
    expect(clients.map((client) => client.resumes())).toEqual([1, 1]);
    expect(ackedDuringOutage).toBeGreaterThan(0);
    // The broadcast: one Telegram message per person, none twice; some went out during the outage.
    expect({ lostChats, duplicateSends }).toEqual({ lostChats: [], duplicateSends: 0 });
    expect([...perChat.keys()].sort()).toEqual([...chats].sort());
    expect(deliveredDuringOutage).toBeGreaterThan(0);
    // The ledger: one row per person and channel, every one SENT, each Telegram one claimed once.
    expect(ledger).toEqual([
      { channel: 'IN_APP', status: 'SENT', rows: chats.length + 3, people: chats.length + 3, claims: 0 },
      { channel: 'TELEGRAM', status: 'SENT', rows: chats.length, people: chats.length, claims: chats.length },
    ]);
    // Its final state, with counts that add up, as read and as last streamed before the stream completed.
    const everyone = 2 * chats.length + 3;
    expect(final).toEqual({ state: 'DONE', progress: { total: everyone, sent: everyone, failed: 0, blocked: 0, pending: 0, cancelled: 0 } });
    expect(ending).toBe('complete');
    expect(watched.results.at(-1)).toEqual({ data: { broadcastProgress: final.progress } });
  });

  it('should, when one process is killed (SIGKILL) under its subscribers, let every client resume on the other with its last seq and miss nothing', async () => {
    // Whatever the test before left, both processes start this one ready, Redis included.
    if (!redis.running()) await redis.start();
    await pollUntil(15_000, 'both processes to be ready', async () => (await readiness(one)) === 200 && (await readiness(two)) === 200);
    const [cat, dan, eve, fay] = [await signUp(two, 'cat'), await signUp(two, 'dan'), await signUp(one, 'eve'), await signUp(one, 'fay')];
    for (const friend of [dan, eve, fay]) await befriend(two, cat, friend);
    const groupId = (await must(two, `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`, { input: { title: 'Chaos', memberIds: [dan.id, eve.id, fay.id] } }, { token: cat.token }))
      .createGroup.id as string;
    const opened = await lastSeqOf(two, cat, groupId);

    // As behind a load balancer: a client whose connection fails tries the next instance.
    const rotating = () => {
      let turn = 0;
      return () => [one.wsUrl, two.wsUrl][turn++ % 2]!;
    };
    const doomed = [cat, dan, eve].map((member) => startResumingClient(rotating(), member.token, groupId));
    const control = startResumingClient(two.wsUrl, fay.token, groupId);
    const clients = [...doomed, control];
    for (const client of clients) teardown.add(() => client.close());
    await within(15_000, 'every client to replay the group so far', Promise.all(clients.map((client) => client.log.reached(opened))));

    // Cat sends through the surviving instance all along; dan through the doomed one until it
    // is gone, then through the other. A send whose answer never came (cut by the kill) is not
    // acknowledged: it may or may not be in the log, and the clients must agree with the log.
    const acks: Ack[] = [];
    const unanswered: string[] = [];
    let stopped = false;
    let killed = false;
    const max = 600;
    const catSending = (async () => {
      for (let n = 1; !stopped && n <= max; n++) acks.push(await sendMessage(two, cat, groupId, `cat ${n}`));
    })();
    const danSending = (async () => {
      let server = one;
      for (let n = 1; !stopped && n <= max; n++) {
        try {
          acks.push(await sendMessage(server, dan, groupId, `dan ${n}`));
        } catch (error) {
          // Only the kill may fail a send, and only one made to the killed process.
          if (!(server === one && killed && error instanceof TypeError)) throw error;
          unanswered.push(`dan ${n}`);
          server = two;
        }
      }
    })();
    const sending = Promise.all([catSending, danSending]);
    // Surfaces a failed sender at once rather than at the end of a wait.
    const failedSending = sending.then(() => new Promise<never>(() => {}));
    failedSending.catch(() => undefined);

    try {
      await within(20_000, 'thirty messages on every client', Promise.race([failedSending, Promise.all(clients.map((client) => client.log.reached(opened + 30)))]));
      killed = true;
      await one.kill();
      const ackedBeforeKill = acks.length;
      const lastSeqAtKill = Math.max(...acks.map((ack) => ack.seq));
      // Messages keep coming after the kill, and every client follows them on the survivor.
      await within(
        20_000,
        'the clients to resume and follow thirty messages sent after the kill',
        Promise.race([
          failedSending,
          pollUntil(20_000, 'thirty acknowledged messages after the kill', async () => acks.filter((ack) => ack.seq > lastSeqAtKill).length >= 30).then(() =>
            Promise.all(clients.map((client) => client.log.reached(lastSeqAtKill + 30))),
          ),
        ]),
      );
      stopped = true;
      await within(15_000, 'the senders to stop', sending);
      const ackedAfterKill = acks.length - ackedBeforeKill;

      const lastSeq = await lastSeqOf(two, fay, groupId);
      await within(20_000, 'every client to catch up', Promise.all(clients.map((client) => client.log.reached(lastSeq))));
      const { lost, duplicated } = countEvents(clients, lastSeq);
      const storedAnyway = unanswered.filter((text) => [...control.texts.values()].includes(text)).length;
      console.log(
        `chaos: instance-kill lost=${lost} dup=${duplicated} clients=${clients.length} (moved ${doomed.length}, resumes ${doomed.map((client) => client.resumes()).join('+')}) ` +
          `messages=${acks.length} (before kill ${ackedBeforeKill}, after ${ackedAfterKill}) unanswered=${unanswered.length} (stored anyway ${storedAnyway}) lastSeq=${lastSeq} ` +
          `endings=${JSON.stringify(doomed[0]!.endings)}`,
      );

      for (const client of clients) expectEveryEventOnce(client, lastSeq, acks);
      // The log holds the acknowledged messages and, besides, at most the unanswered ones.
      expect(lastSeq - opened - acks.length).toBe(storedAnyway);
      expect(storedAnyway).toBeLessThanOrEqual(unanswered.length);
      // Each client on the killed process moved once, to the survivor; the control never had to.
      expect(doomed.map((client) => client.resumes())).toEqual([1, 1, 1]);
      expect(control.resumes()).toBe(0);
      expect(ackedAfterKill).toBeGreaterThan(0);
    } finally {
      stopped = true;
      await sending.catch(() => undefined);
    }
  });
});

describe('chaos: PostgreSQL stopped at once and started again under a running process', () => {
  const teardown = teardowns.postgres;
  let postgres: PostgresServer;
  let server: ServerProcess;

  beforeAll(async () => {
    ({ postgres, server } = await worlds.postgres);
  }, 60_000);
  afterAll(() => teardown.run(), 60_000);

  it('should answer 503 and SERVICE_UNAVAILABLE while it is down, recover by itself, and keep every acknowledged message once', async () => {
    const [ann, ben] = [await signUp(server, 'ann'), await signUp(server, 'ben')];
    await befriend(server, ann, ben);
    const conversationId = (await must(server, `mutation($h: String!) { openDirectConversation(input: { handle: $h }) { id } }`, { h: ben.handle }, { token: ann.token }))
      .openDirectConversation.id as string;
    const opened = await lastSeqOf(server, ann, conversationId);
    // Subscribed before the outage and kept through it.
    const client = startResumingClient(server.wsUrl, ben.token, conversationId);
    teardown.add(() => client.close());

    const acks: Ack[] = [];
    const sendSome = async (count: number) => {
      for (let n = 0; n < count; n++) {
        const from = acks.length % 2 ? ben : ann;
        acks.push(await sendMessage(server, from, conversationId, `#${acks.length + 1}`));
      }
    };
    await sendSome(20);
    await within(15_000, 'the client to follow the first twenty', client.log.reached(opened + 20));
    expect(await readiness(server)).toBe(200);

    // As a crash would: every backend stops at once; the next start recovers from the WAL.
    await postgres.stop('immediate');
    const outageStarted = Date.now();
    await pollUntil(15_000, 'readiness to report the database unreachable', async () => (await readiness(server)) === 503);
    const unreadyAfterMs = Date.now() - outageStarted;
    expect((await fetch(new URL('/health', server.url))).status).toBe(200);
    // Long enough for the once-a-second re-check of live streams to fail: the open stream must outlive it.
    await pollUntil(10_000, 'a re-check of the live streams to fail', async () => server.logs.some((line) => String(line.msg).startsWith('could not re-check live streams')));

    const write = await call(server, sendMessageMutation, { input: { conversationId, text: 'lost in the outage?' } }, { token: ann.token });
    const read = await call(server, lastSeqQuery, { id: conversationId }, { token: ben.token });
    for (const answer of [write, read]) {
      expect(answer.result.data ?? null).toBeNull();
      expect(answer.result.errors).toHaveLength(1);
      // Nothing of the database or the ORM reaches the client.
      expect(JSON.stringify(answer.result.errors)).not.toMatch(/prisma|sql|select|insert|postgres|econnrefused|127\.0\.0\.1|stack/i);
      // A clear answer a client can retry on, not "Unexpected error." (soft: the recovery below is checked whatever it says).
      expect.soft(answer.result.errors?.[0]?.extensions?.code, 'extensions.code while PostgreSQL is down').toBe('SERVICE_UNAVAILABLE');
      expect.soft(answer.status, 'HTTP status while PostgreSQL is down').toBe(503);
    }

    await postgres.start();
    const outageMs = Date.now() - outageStarted;
    const restarted = Date.now();
    await pollUntil(30_000, 'readiness to recover', async () => (await readiness(server)) === 200);
    const readyAfterMs = Date.now() - restarted;
    // Writes work again at once: no connection the outage broke is handed out.
    await sendSome(20);
    const lastSeq = await lastSeqOf(server, ben, conversationId);
    expect(lastSeq).toBe(opened + acks.length);
    await within(20_000, 'the client to follow the messages after the outage', client.log.reached(lastSeq));

    // Read back page by page, and replayed from the start.
    const stored: Ack[] = [];
    let after: string | null = null;
    type Page = { edges: { node: Ack }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    for (let page = 0; page < 10; page++) {
      const messages: Page = (
        await must(
          server,
          `query($id: ID!, $after: String) { conversation(id: $id) { messages(first: 50, after: $after) { edges { node { seq text } } pageInfo { hasNextPage endCursor } } } }`,
          { id: conversationId, after },
          { token: ben.token },
        )
      ).conversation.messages;
      stored.push(...messages.edges.map((edge) => edge.node));
      if (!messages.pageInfo.hasNextPage) break;
      after = messages.pageInfo.endCursor;
    }
    const replay: LiveClient = connectLive(server.wsUrl, ann.token);
    teardown.add(() => replay.close());
    const replayed = replay.subscribe(conversationEventsQuery, { conversationId, afterSeq: 0 });
    await within(15_000, 'the replay', replayed.waitFor(lastSeq));
    const replayedSeqs = replayed.results.map((result) => result.data?.conversationEvents?.seq as number);

    const { lost, duplicated } = countEvents([client], lastSeq);
    const replayCounts = tally(replayedSeqs, 1, lastSeq);
    console.log(
      `chaos: postgres-restart lost=${lost} dup=${duplicated} messages=${acks.length} readBack=${stored.length} replay lost=${replayCounts.lost} dup=${replayCounts.duplicated} ` +
        `resumes=${client.resumes()} outage=${outageMs} ms (readiness 503 after ${unreadyAfterMs} ms, 200 again ${readyAfterMs} ms after the restart); ` +
        `during it write=HTTP ${write.status} ${write.result.errors?.[0]?.extensions?.code} "${write.result.errors?.[0]?.message}", read=HTTP ${read.status} ${read.result.errors?.[0]?.extensions?.code}`,
    );

    // The live client saw every event once, in order, across the outage.
    expectEveryEventOnce(client, lastSeq, acks);
    // The acknowledged messages, each once, in order, and nothing else (the refused write is not there).
    expect(stored).toEqual(acks);
    expect(replayedSeqs).toEqual(range(1, lastSeq));
  });
});

/** A broadcast's ledger by channel and status: rows, distinct people, and claims made. */
async function ledgerOf(databaseUrl: string, broadcastId: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT channel::text AS channel, status::text AS status, count(*)::int AS rows, count(DISTINCT "userId")::int AS people, sum(claims)::int AS claims
       FROM "Delivery" WHERE "broadcastId" = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [broadcastId],
    );
    return rows as { channel: string; status: string; rows: number; people: number; claims: number }[];
  } finally {
    await client.end();
  }
}
