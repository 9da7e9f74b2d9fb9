// The outbox worker on its own, against a real API and the fake Telegram, when the API does not
// take a report: the report is kept and sent again, nothing more is claimed meanwhile, and
// nothing goes out twice.
import { Api } from 'grammy';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphQLClient, type GraphQLClient } from '../clients/telegram/src/api/client.ts';
import { createLiveConnector } from '../clients/telegram/src/api/live.ts';
import { ReportDeliveries } from '../clients/telegram/src/api/operations.ts';
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

beforeAll(async () => {
  api = await createLiveTestApp({ ADMIN_HANDLES: 'worker_admin' });
  telegram = await startFakeTelegram();
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
    for (const id of chats) {
      ok(await api.t.gql(`mutation($i: TelegramSignInInput!) { telegramSignIn(input: $i) { accessToken } }`, { i: { telegramId: id, chatId: id, firstName: `W${id}` } }, { serviceKey }));
    }
    const admin = await signUp(api.t, 'worker_admin');
    ok(await api.t.gql(`mutation { sendBroadcast(input: { text: "Reported in the end", audience: { telegramLinkedOnly: true } }) { id } }`, {}, { token: admin.token }));

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
