import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeGlobalID } from '@pothos/plugin-relay';
import pg from 'pg';
import { createMigratedPostgresDatabase } from '../../tests/utils/database.ts';
import type { Scenario } from '../lib/context.ts';
import { cores, freePort, outputDir, startProgram, waitUntilReady, type Program } from '../lib/processes.ts';
import { percent, perSecond, ratio, type Row } from '../lib/results.ts';
import { startServer, tokensFor, type BenchServer } from '../lib/server.ts';
import { writeLineChart } from '../lib/svg.ts';

const name = '9. Telegram delivery rate';
const goal = '≥ 95% of 30/s, 0 lost, 0 duplicated';
/** Telegram's overall limit per bot, which the fake enforces. */
const limit = 30;
const serviceKey = 'bench-service-key-bench-service-key';
/** The shortest lease the bot allows: what the killed process held comes back this long after. */
const leaseSeconds = 30;
/** The bot is killed once this share of the deliveries has been accepted. */
const killAt = 0.4;

interface Accepted {
  chatId: string;
  text: string;
  at: number;
}

/**
 * An admin broadcast to `people` Telegram-linked people, through the real API and the real bot
 * process (worker mode) against the fake Bot API of the tests in its own process, which
 * accepts at most 30 sendMessage in any second and answers 429 with retry_after past that. At
 * 40% accepted the bot is killed with SIGKILL and started again. Rate: deliveries the fake
 * accepted, from the first accepted to the last (restart gap included), as a share of 30/s.
 * Lost: ledger rows for Telegram the fake never accepted once the ledger says the broadcast
 * is done, or that never finish. Duplicated: a chat that accepted the broadcast more than once.
 */
export const telegramRate: Scenario = {
  id: 9,
  title: 'Telegram delivery rate',
  async run(context) {
    const people = context.size(6_000, 60);
    const database = await createMigratedPostgresDatabase();
    const programs: Program[] = [];
    try {
      const { adminId, chatIds } = await seedPeople(database.url, people);

      const controlPort = await freePort();
      const fake = startProgram({ name: 'telegram-fake-api', entry: 'bench/load/telegram-fake-api.ts', args: [JSON.stringify({ controlPort })], cpu: cores.load });
      programs.push(fake);
      const control = `http://127.0.0.1:${controlPort}`;
      await waitUntilReady(`${control}/state`);
      const { apiRoot, token } = (await (await fetch(`${control}/state`)).json()) as { apiRoot: string; token: string };
      const accepted = async () => ((await (await fetch(`${control}/state`)).json()) as { accepted: number; refusals: number });

      const server = await startServer({ name: 'telegram-rate-api', databaseUrl: database.url, env: { BOT_SERVICE_KEY: serviceKey, LOG_LEVEL: 'warn' } });
      programs.push(server);
      const [adminToken] = await tokensFor(database.url, [adminId]);

      const botEnv = { BOT_TOKEN: token, API_URL: server.url, BOT_SERVICE_KEY: serviceKey, TELEGRAM_API_ROOT: apiRoot, BOT_MODE: 'worker', BOT_LEASE_SECONDS: String(leaseSeconds), BOT_POLL_SECONDS: '5', LOG_LEVEL: 'info' };
      const first = await startBot(botEnv);
      programs.push(first);

      const text = `Bench broadcast ${Date.now()}`;
      const broadcastId = await sendBroadcast(server, adminToken!, text);
      const sentAt = Date.now();
      context.log(`   broadcast to ${people} people sent; killing the bot at ${percent(killAt)} accepted`);

      for (;;) {
        if ((await accepted()).accepted >= people * killAt) break;
        if (Date.now() - sentAt > 60_000 + (people / limit) * 3000) throw new Error(`fewer than ${percent(killAt)} accepted in time`);
        await sleep(20);
      }
      const killedAt = Date.now();
      await first.kill();
      const second = await startBot(botEnv);
      programs.push(second);
      const readyAgainAt = Date.now();
      if (context.smoke) await releaseLeases(database.url, broadcastId, killedAt);
      context.log(`   killed at ${(await accepted()).accepted} accepted; the new bot was ready ${((readyAgainAt - killedAt) / 1000).toFixed(1)} s later`);

      // Everything was claimable from the start, so the run ends ~N/30 s after it began, plus the lease if the killed claims come back last.
      const deadline = sentAt + ((people / limit) * 2 + leaseSeconds + 30) * 1000;
      let ledger = await ledgerState(database.url, broadcastId);
      while (ledger.pending > 0 && Date.now() < deadline) {
        await sleep(200);
        ledger = await ledgerState(database.url, broadcastId);
      }
      const doneAt = Date.now();
      const { refusals } = await accepted();
      const all = (await (await fetch(`${control}/sent`)).json()) as Accepted[];
      const ours = all.filter((message) => message.text === text).sort((a, b) => a.at - b.at);

      const timesByChat = new Map<string, number>();
      for (const message of ours) timesByChat.set(message.chatId, (timesByChat.get(message.chatId) ?? 0) + 1);
      const duplicated = [...timesByChat.values()].reduce((sum, times) => sum + times - 1, 0);
      const lost = ledger.rows.filter((row) => row.status !== 'SENT' || !timesByChat.has(row.chatId)).length + chatIds.filter((id) => !ledger.rows.some((row) => row.chatId === id)).length;

      const firstAt = ours[0]?.at ?? sentAt;
      const lastAt = ours.at(-1)?.at ?? sentAt;
      const rate = ours.length > 1 ? (ours.length - 1) / ((lastAt - firstAt) / 1000) : 0;
      const share = rate / limit;
      // Every acceptance, for reading a run closer than the chart allows.
      writeFileSync(join(outputDir, 'telegram-rate-accepted.json'), JSON.stringify({ sentAt, killedAt, readyAgainAt, accepted: ours.map((message) => [message.at - firstAt, message.chatId]) }));
      writeChart(join(context.chartsDir, '09-telegram-rate.svg'), ours, firstAt, killedAt, readyAgainAt, people);
      context.log(
        `   ${ours.length} accepted in ${((lastAt - firstAt) / 1000).toFixed(1)} s (${perSecond(rate)}); ${refusals} answered 429; ledger ${ledger.pending} pending, ${ledger.reclaimed} handed out again; done ${((doneAt - sentAt) / 1000).toFixed(1)} s after sending`,
      );

      return [
        {
          scenario: name,
          measured: `admin broadcast to ${people} Telegram-linked people through the API and the bot (worker mode) against a fake Bot API allowing 30 sendMessage in any 1 s (429 + retry_after past it); bot SIGKILLed at ${percent(killAt)} accepted and restarted (back ${((readyAgainAt - killedAt) / 1000).toFixed(1)} s later${context.smoke ? '; smoke: the killed claims released by hand instead of a 30 s lease' : `; its claims came back after the ${leaseSeconds} s lease`}); rate = accepted ÷ time from first to last accepted (restart gap included): ${ours.length} in ${((lastAt - firstAt) / 1000).toFixed(1)} s; ${refusals} answered 429; ${ledger.reclaimed} deliveries claimed more than once`,
          ours: `${perSecond(rate)} (${percent(share)} of the limit); ${lost} lost; ${duplicated} duplicated`,
          reference: `${limit}/s (the fake's limit)`,
          ratio: ratio(share),
          goal,
          met: share >= 0.95 && lost === 0 && duplicated === 0,
        } satisfies Row,
      ];
    } finally {
      for (const program of programs.reverse()) await program.stop();
      await database.drop();
    }
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The admin and `count` people linked to Telegram (chat id = Telegram id), written straight in SQL. */
async function seedPeople(url: string, count: number): Promise<{ adminId: string; chatIds: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [admin] = (await client.query<{ id: string }>(`INSERT INTO "User" (handle, "displayName", role) VALUES ('bench_admin', 'Bench admin', 'ADMIN') RETURNING id`)).rows;
    const { rows } = await client.query<{ chatId: string }>(
      `INSERT INTO "User" (handle, "displayName", "telegramId", "telegramChatId")
       SELECT 'tg_' || n, 'Telegram ' || n, (800000000 + n)::text, (800000000 + n)::text FROM generate_series(1, $1::int) AS n
       RETURNING "telegramChatId" AS "chatId"`,
      [count],
    );
    return { adminId: admin!.id, chatIds: rows.map((row) => row.chatId) };
  } finally {
    await client.end();
  }
}

/** The real bot (clients/telegram/src/main.ts) on the server core; resolves once it says it is running. */
async function startBot(env: Record<string, string>): Promise<Program> {
  const bot = startProgram({ name: 'telegram-rate-bot', entry: 'clients/telegram/src/main.ts', env, cpu: cores.server });
  let output = '';
  let listen: ((chunk: Buffer) => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the bot did not start within 30 s (test-output/bench/telegram-rate-bot.log)')), 30_000);
      // Beside the pipe to its log file, which keeps the stream flowing.
      listen = (chunk) => {
        output += chunk.toString();
        if (!output.includes('the Telegram client is running')) return;
        clearTimeout(timer);
        resolve();
      };
      bot.child.stdout!.on('data', listen);
      bot.child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the bot exited with ${code} (test-output/bench/telegram-rate-bot.log)`));
      });
    });
  } catch (error) {
    await bot.kill();
    throw error;
  } finally {
    if (listen) bot.child.stdout!.off('data', listen);
  }
  return bot;
}

async function sendBroadcast(server: BenchServer, token: string, text: string): Promise<string> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: 'mutation($i: BroadcastInput!) { sendBroadcast(input: $i) { id } }', variables: { i: { text, audience: { telegramLinkedOnly: true } } } }),
  });
  const body = (await response.json()) as { data?: { sendBroadcast: { id: string } }; errors?: unknown[] };
  if (!body.data) throw new Error(`sendBroadcast failed: ${JSON.stringify(body.errors)}`);
  // The ledger keys deliveries by the broadcast's row id, the global id's payload.
  return decodeGlobalID(body.data.sendBroadcast.id).id;
}

/**
 * Smoke size only: ends the leases of what the killed process held, as if they had run out, so a
 * run of seconds need not wait 30 s for them. Called once the new process runs, so that a claim
 * the killed one had under way has landed; the new one's claims were made later and end later.
 */
async function releaseLeases(url: string, broadcastId: string, killedAt: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `UPDATE "Delivery" SET "leaseExpiresAt" = now() WHERE "broadcastId" = $1 AND channel = 'TELEGRAM' AND status = 'PENDING' AND "leaseExpiresAt" > now() AND "leaseExpiresAt" < $2`,
      [broadcastId, new Date(killedAt + (leaseSeconds + 0.5) * 1000)],
    );
  } finally {
    await client.end();
  }
}

/** The broadcast's Telegram ledger: its rows, how many are still pending, how many were claimed more than once. */
async function ledgerState(url: string, broadcastId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ chatId: string; status: string; claims: number }>(
      `SELECT "chatId", status::text AS status, claims FROM "Delivery" WHERE "broadcastId" = $1 AND channel = 'TELEGRAM'`,
      [broadcastId],
    );
    return { rows, pending: rows.filter((row) => row.status === 'PENDING').length, reclaimed: rows.filter((row) => row.claims > 1).length };
  } finally {
    await client.end();
  }
}

/** Accepted per second since the first, with the kill and the restart as a second series. */
function writeChart(path: string, accepted: Accepted[], firstAt: number, killedAt: number, readyAgainAt: number, people: number) {
  const seconds = Math.max(1, Math.ceil(((accepted.at(-1)?.at ?? firstAt) - firstAt + 1) / 1000));
  const perSecondCounts = Array.from({ length: seconds }, () => 0);
  for (const message of accepted) perSecondCounts[Math.floor((message.at - firstAt) / 1000)]! += 1;
  const killed = (killedAt - firstAt) / 1000;
  const ready = (readyAgainAt - firstAt) / 1000;
  writeLineChart(path, {
    title: `Telegram deliveries accepted per second (${people} people; bot killed at ${killed.toFixed(1)} s, back at ${ready.toFixed(1)} s)`,
    xLabel: 'seconds since the first accepted',
    yLabel: 'accepted per second',
    series: [
      { label: 'accepted in that second', points: perSecondCounts.map((count, second) => [second, count]) },
      { label: `limit (${limit}/s)`, points: [[0, limit], [seconds, limit]] },
      { label: 'bot down (killed → ready again)', points: [[killed, 0], [killed, limit], [ready, limit], [ready, 0]] },
    ],
  });
}
