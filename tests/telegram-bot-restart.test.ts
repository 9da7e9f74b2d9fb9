// The Telegram client as a real process (`npm run bot` runs clients/telegram/src/main.ts): killed
// without warning in the middle of a broadcast, another one started after it still reaches
// everyone, because the outbox hands out again whatever was claimed and never reported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botEnvironment } from './utils/bot-env.ts';
import { startFakeTelegram, type FakeTelegram } from './utils/fake-telegram.ts';
import { createLiveTestApp, type LiveTestApp } from './utils/live-app.ts';
import { startProgram } from './utils/server-process.ts';
import { ok, serviceKey } from './utils/test-app.ts';
import { signUp } from './utils/users.ts';

let api: LiveTestApp;
let telegram: FakeTelegram;

beforeAll(async () => {
  api = await createLiveTestApp({ ADMIN_HANDLES: 'restart_admin' });
  telegram = await startFakeTelegram();
});
afterAll(async () => {
  await telegram?.close();
  await api?.close();
});

/** A bot process pointed at this test's API and fake Telegram. */
const startBot = (extra: Record<string, string> = {}) =>
  startProgram({
    entry: 'clients/telegram/src/main.ts',
    // The shortest lease allowed, so what the killed process held is handed out again soon; info logs say when it is ready.
    env: botEnvironment(api, telegram, { BOT_LEASE_SECONDS: '30', LOG_LEVEL: 'info', ...extra }),
    ready: (line) => line.msg === 'the Telegram client is running',
  });

describe('a bot process killed mid-broadcast', () => {
  it('should leave the next one to reach everyone, sending again at most what was in flight', async () => {
    const people = Array.from({ length: 100 }, (_, index) => String(700_000 + index));
    for (const id of people) {
      ok(await api.t.gql(`mutation($i: TelegramSignInInput!) { telegramSignIn(input: $i) { accessToken } }`, { i: { telegramId: id, chatId: id, firstName: `R${id}` } }, { serviceKey }));
    }
    const admin = await signUp(api.t, 'restart_admin');
    // Ten a second, so the process dies holding a claim of 30 it has only partly sent.
    const first = await startBot({ BOT_SEND_RATE: '10' });
    const received = () => telegram.sent.filter((message) => message.text === 'Keep going');
    try {
      ok(await api.t.gql(`mutation { sendBroadcast(input: { text: "Keep going" }) { id } }`, {}, { token: admin.token }));
      await telegram.until(() => received().length >= 15, 'the first 15 messages');
    } finally {
      await first.kill();
    }
    const beforeRestart = received().length;
    const second = await startBot();
    try {
      const reached = () => new Set(received().map((message) => message.chatId));
      await telegram.until(() => people.every((id) => reached().has(id)), 'the broadcast to reach all 100 after the restart', 60_000);
      const duplicates = received().length - reached().size;
      const reclaimed = await api.t.db.prisma.delivery.count({ where: { chatId: { in: people }, claims: { gt: 1 } } });
      console.info(`[restart] killed after ${beforeRestart} of 100 sent; all 100 reached; ${reclaimed} handed out again after the lease; ${duplicates} sent twice`);
      // The killed process held deliveries it had not sent: they went out after their lease ran out.
      expect(reclaimed).toBeGreaterThan(0);
      expect(reached().size).toBe(100);
      // Only a claim that was sent but not yet reported when the process died can go out twice.
      expect(duplicates).toBeLessThanOrEqual(30);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
