// The outbox worker on its own, against a real API and the fake Telegram: when the API does not
// take a report, the report is kept and sent again, nothing more is claimed meanwhile, and
// nothing goes out twice; the next claim is made while the last one is still being sent; and a
// claim that comes back with less than half its lease left is not sent.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { Api } from 'grammy';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphQLClient, type GraphQLClient } from '../clients/telegram/src/api/client.ts';
import { createLiveConnector } from '../clients/telegram/src/api/live.ts';
import { ClaimDeliveries, ReportDeliveries } from '../clients/telegram/src/api/operations.ts';
import { installLimits } from '../clients/telegram/src/bot.ts';
import { createI18n } from '../clients/telegram/src/i18n.ts';
import { createOutboxWorker } from '../clients/telegram/src/outbox/worker.ts';
import { startFakeTelegram, type FakeTelegram } from './utils/fake-telegram.ts';
import { createLiveTestApp, type LiveTestApp } from './utils/live-app.ts';
import { ok, serviceKey } from './utils/test-app.ts';
import { signUp } from './utils/users.ts';
import { pollUntil } from './utils/waiting.ts';

/** Polls `check` until it holds (for state that sends no event: rows in the database). */
const waitFor = (check: () => Promise<boolean>, what: string, ms = 15_000) => pollUntil(ms, what, check);

let api: LiveTestApp;
let telegram: FakeTelegram;
let adminToken: string;

beforeAll(async () => {
  api = await createLiveTestApp({ ADMIN_HANDLES: 'worker_admin' });
  telegram = await startFakeTelegram();
  adminToken = (await signUp(api.t, 'worker_admin')).token;
});
afterAll(async () => {
  await telegram?.close();
  await api?.close();
});

/** The API client, except that the first `failures` reports do not get through (as in an outage). */
function withLostReports(client: GraphQLClient, failures: number): GraphQLClient & { reportTries: number[] } {
  /** When each report was tried. */
  const reportTries: number[] = [];
  return {
    reportTries,
    request(document, variables, caller, options) {
      if (document === (ReportDeliveries as unknown)) {
        reportTries.push(Date.now());
        if (reportTries.length <= failures) return Promise.reject(new Error('fetch failed'));
      }
      return client.request(document, variables, caller, options);
    },
  };
}

describe('a report the API did not take', () => {
  it('should be sent again, with nothing claimed meanwhile and nothing sent twice', async () => {
    const chats = ['880001', '880002', '880003'];
    await linkChats(chats);
    await broadcast('Reported in the end');

    const client = withLostReports(createGraphQLClient({ url: api.httpUrl, serviceKey }), 2);
    const live = createLiveConnector({ url: api.wsUrl, serviceKey });
    const telegramApi = new Api(telegram.token, { apiRoot: telegram.apiRoot });
    installLimits(telegramApi, { maxRetryDelaySeconds: 5, sendRate: 30 });
    const i18n = createI18n();
    // One delivery a claim, so a second claim while a report waits would show.
    const worker = createOutboxWorker({ client, live, telegram: telegramApi, translate: (l, k, v) => i18n.t(l, k, v), log: pino({ level: 'silent' }), batchSize: 1, pollMs: 100 });
    worker.start();
    try {
      const deliveries = () => api.t.db.prisma.delivery.findMany({ where: { chatId: { in: chats }, kind: 'BROADCAST' }, orderBy: { position: 'asc' } });
      await waitFor(async () => (await deliveries()).every((delivery) => delivery.status === 'SENT'), 'every delivery to be reported SENT');
      const rows = await deliveries();
      const received = telegram.sent.filter((message) => message.text === 'Reported in the end');
      expect(received.map((message) => message.chatId).sort()).toEqual([...chats].sort());
      expect(rows.map((row) => row.claims)).toEqual([1, 1, 1]);
      expect(rows.map((row) => row.externalId).sort()).toEqual(received.map((message) => String(message.messageId)).sort());
      // The first send's report was lost twice and taken on the third try; only then was the next claimed.
      const [, , taken] = client.reportTries;
      expect(received.filter((message) => message.at < taken!)).toHaveLength(1);
    } finally {
      await worker.stop();
      await live.close();
    }
  });
});

/** People who signed in through Telegram, each in their own chat. */
async function linkChats(chats: string[]): Promise<void> {
  for (const id of chats) {
    ok(await api.t.gql(`mutation($i: TelegramSignInInput!) { telegramSignIn(input: $i) { accessToken } }`, { i: { telegramId: id, chatId: id, firstName: `W${id}` } }, { serviceKey }));
  }
}

/** A broadcast to everyone linked to Telegram; its row id. */
async function broadcast(text: string): Promise<string> {
  const sent = ok(await api.t.gql(`mutation($t: String!) { sendBroadcast(input: { text: $t, audience: { telegramLinkedOnly: true } }) { id } }`, { t: text }, { token: adminToken }));
  return decodeGlobalID(sent.sendBroadcast.id).id;
}

/** The API client, telling `onClaim` of every claim (with what it answered) before the worker hears of it. */
function watchingClaims(client: GraphQLClient, onClaim: (chats: string[], index: number) => void): GraphQLClient {
  let claims = 0;
  return {
    request(document, variables, caller, options) {
      const answer = client.request(document, variables, caller, options);
      if (document !== (ClaimDeliveries as unknown)) return answer;
      return answer.then((result) => {
        onClaim((result as { claimDeliveries: { chatId: string }[] }).claimDeliveries.map((delivery) => delivery.chatId), claims++);
        return result;
      });
    },
  };
}

/** A worker on the fake Telegram, within its limits as the bot is. */
function workerWith(client: GraphQLClient, telegramApi: Api, options: { batchSize: number; now?: () => number }) {
  const live = createLiveConnector({ url: api.wsUrl, serviceKey });
  const i18n = createI18n();
  const worker = createOutboxWorker({ client, live, telegram: telegramApi, translate: (l, k, v) => i18n.t(l, k, v), log: pino({ level: 'silent' }), pollMs: 100, ...options });
  return {
    worker,
    async stop() {
      await worker.stop();
      await live.close();
    },
  };
}

function limitedTelegramApi(): Api {
  const telegramApi = new Api(telegram.token, { apiRoot: telegram.apiRoot });
  installLimits(telegramApi, { maxRetryDelaySeconds: 5, sendRate: 30 });
  return telegramApi;
}

/** Rejects with `what` if `promise` has not settled after `ms` (a worker that never gets there). */
const within = <T>(promise: Promise<T>, what: string, ms = 15_000) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms).unref())]);

describe('claiming', () => {
  it('should claim the next deliveries while the last claim is still being sent, and send each once', async () => {
    await linkChats(['881001', '881002', '881003', '881004']);
    const broadcastId = await broadcast('Claimed ahead');
    let secondClaim!: () => void;
    const claimedAgain = new Promise<void>((resolve) => (secondClaim = resolve));
    const sentAtSecondClaim: number[] = [];
    const received = () => telegram.sent.filter((message) => message.text === 'Claimed ahead');
    const client = watchingClaims(createGraphQLClient({ url: api.httpUrl, serviceKey }), (_chats, index) => {
      if (index !== 1) return;
      sentAtSecondClaim.push(received().length);
      secondClaim();
    });
    // Telegram does not answer the second send until the next claim has been made.
    const telegramApi = limitedTelegramApi();
    let sends = 0;
    telegramApi.config.use(async (prev, method, payload, signal) => {
      if (method === 'sendMessage' && ++sends === 2) await within(claimedAgain, 'the next claim while a send was still out');
      return prev(method, payload, signal);
    });
    const { worker, stop } = workerWith(client, telegramApi, { batchSize: 2 });
    worker.start();
    try {
      await claimedAgain;
      const deliveries = () => api.t.db.prisma.delivery.findMany({ where: { broadcastId, channel: 'TELEGRAM' } });
      await waitFor(async () => (await deliveries()).every((delivery) => delivery.status === 'SENT'), 'every delivery to be reported SENT');
      const rows = await deliveries();
      // The first of the first claim had gone out; the second was still with Telegram.
      expect(sentAtSecondClaim).toEqual([1]);
      expect(rows.length).toBeGreaterThan(4);
      expect(rows.map((row) => row.claims)).toEqual(rows.map(() => 1));
      expect(received().map((message) => message.chatId).sort()).toEqual(rows.map((row) => row.chatId).sort());
    } finally {
      await stop();
    }
  });

  it('should not send what a claim brought back with less than half its lease left, and go on with the next claim', async () => {
    await linkChats(['882001', '882002']);
    const broadcastId = await broadcast('Late claim');
    // The first claim's answer comes back 31 s after it was asked for, as from an API that stalled: half of 60 s has gone.
    let skew = 0;
    const late: string[] = [];
    const client = watchingClaims(createGraphQLClient({ url: api.httpUrl, serviceKey }), (chats, index) => {
      if (index !== 0) return;
      late.push(...chats);
      skew = 31_000;
    });
    const { worker, stop } = workerWith(client, limitedTelegramApi(), { batchSize: 2, now: () => Date.now() + skew });
    worker.start();
    try {
      const deliveries = () => api.t.db.prisma.delivery.findMany({ where: { broadcastId, channel: 'TELEGRAM' } });
      await waitFor(async () => (await deliveries()).filter((delivery) => !late.includes(delivery.chatId!)).every((delivery) => delivery.status === 'SENT'), 'the other deliveries to be reported SENT');
      const rows = await deliveries();
      const received = telegram.sent.filter((message) => message.text === 'Late claim').map((message) => message.chatId);
      expect(late).toHaveLength(2);
      expect(rows.length).toBeGreaterThan(2);
      expect(received.sort()).toEqual(rows.filter((row) => !late.includes(row.chatId!)).map((row) => row.chatId).sort());
      // Claimed once, never sent: they go out again when the lease ends.
      expect(rows.filter((row) => late.includes(row.chatId!)).map((row) => [row.status, row.claims])).toEqual([
        ['PENDING', 1],
        ['PENDING', 1],
      ]);
    } finally {
      await stop();
    }
  });
});
