import { GrammyError, type Api } from 'grammy';
import type { Logger } from 'pino';
import { ApiError, type GraphQLClient } from '../api/client.ts';
import type { LiveConnector } from '../api/live.ts';
import { ClaimDeliveries, DeliveriesReady, ReportDeliveries } from '../api/operations.ts';
import type { DeliveryReportInput } from '../generated/graphql.ts';
import { render, type ClaimedDelivery, type Translate } from './render.ts';

export interface OutboxWorkerOptions {
  client: GraphQLClient;
  live: LiveConnector;
  /** The bot's API, with the throttler and auto-retry installed: sends stay within Telegram's limits. */
  telegram: Api;
  translate: Translate;
  log: Logger;
  /**
   * Deliveries claimed at a time (default 30: one second of Telegram's overall limit). The next
   * claim is made once fewer than this many are out, so sends never wait for a claim; at most
   * this many are with Telegram (in the throttler's queue or sent) at once.
   */
  batchSize?: number;
  /** How long a claim holds (default 60 s): a worker that stops releases its claims this long after. */
  leaseSeconds?: number;
  /** How often to look for work when nothing wakes the worker (default 5000 ms). */
  pollMs?: number;
  /** The clock, in epoch ms (tests move it). */
  now?: () => number;
}

export interface OutboxWorker {
  start(): void;
  /** Stops claiming, lets the sends under way finish and report, and resolves. */
  stop(): Promise<void>;
}

/**
 * Drains the Telegram outbox: claims deliveries, sends each, and reports each at once. Claims
 * run ahead of the sends: a delivery is out from its claim until its report is taken, and a new
 * claim is made whenever fewer than `batchSize` are out, so the next second's sends are always
 * at hand and Telegram's limit, not the round trips to the API, sets the pace (waiting for a
 * whole claim to be reported before the next held it near 20/s). At most `batchSize` deliveries
 * are handed to Telegram at a time; the rest wait here, where what follows can still hold them.
 * One report request is under way at a time; the reports that come meanwhile go together in
 * the next, so a slow API gets fewer, larger requests rather than a growing queue of them.
 *
 * A report the API did not take is kept, and nothing more is claimed or sent until it is taken:
 * a message sent twice needs a report that never lands within the lease (a worker stopped
 * between Telegram accepting the message and the report, or an API unreachable for that long).
 * A delivery held so long that less than half its lease is left is not sent: another worker
 * may have it by the time it would be, and it comes back when the lease ends. Any number of
 * workers can run at once: the API never hands one delivery to two of them. It is woken by
 * deliveriesReady and also looks every `pollMs`, since a wake-up can be lost. When Telegram's
 * flood control asks for a longer wait than auto-retry takes, the worker neither claims nor
 * sends for that long (the limit is the bot's, not one chat's).
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { client, live, telegram, translate, log, batchSize = 30, leaseSeconds = 60, pollMs = 5000, now = Date.now } = options;
  let running: Promise<void> | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;
  let subscription: { stop(): void } | undefined;
  /** Reports not yet taken by the API: new ones, and any it did not take before. */
  const toReport: DeliveryReportInput[] = [];
  /** The report request under way, if any. */
  let reporting: Promise<void> | undefined;
  /** The API did not take the last reports tried, and has not since. */
  let failing = false;
  /** No claims or sends before this (Telegram's flood control). */
  let pausedUntil = 0;
  /** Deliveries claimed whose report has not been taken yet (and that were not left unsent). */
  let out = 0;
  /** Every delivery under way, for stop() to wait for. */
  const underWay = new Set<Promise<void>>();
  /** Deliveries handed to Telegram and not yet answered, and those waiting for one of them to be. */
  let sending = 0;
  const waitingToSend: (() => void)[] = [];
  /** Sends waiting for kept reports to be taken, or for a flood pause to end. */
  let held: { promise: Promise<void>; release(): void } | undefined;

  const waitForWork = (ms = pollMs) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
    });

  const mayGoOn = () => !failing && now() >= pausedUntil;

  /** Lets the held sends go once no kept report holds them any more, or the worker stops. */
  function releaseHeld(): void {
    if (!held || (!stopped && failing)) return;
    held.release();
    held = undefined;
  }

  /** Resolves once a send may go (true), or once the worker stopped while it still could not (false). */
  async function clearToSend(): Promise<boolean> {
    while (!stopped && !mayGoOn()) {
      if (!held) {
        let release!: () => void;
        held = { promise: new Promise<void>((resolve) => (release = resolve)), release: () => release() };
      }
      // Kept reports are taken by the claiming loop, which releases the held sends; a flood pause ends by itself.
      let timer: NodeJS.Timeout | undefined;
      const pauseOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(1, pausedUntil - now()))));
      await (failing ? held.promise : Promise.race([held.promise, pauseOver]));
      clearTimeout(timer);
    }
    return mayGoOn();
  }

  async function send(delivery: ClaimedDelivery): Promise<DeliveryReportInput> {
    try {
      const { text, replyMarkup } = render(delivery, translate);
      const message = await telegram.sendMessage(Number(delivery.chatId), text, replyMarkup ? { reply_markup: replyMarkup } : {});
      return { id: delivery.id, outcome: 'SENT', externalId: String(message.message_id) };
    } catch (error) {
      return failureReport(delivery.id, error);
    }
  }

  /** Sends a claimed delivery, unless it must not go any more, and reports it. */
  async function deliver(delivery: ClaimedDelivery, sendBy: number): Promise<void> {
    while (sending >= batchSize) await new Promise<void>((resolve) => waitingToSend.push(resolve));
    sending += 1;
    let report: DeliveryReportInput;
    try {
      const clear = await clearToSend();
      if (!clear || now() > sendBy) {
        if (clear) log.warn({ delivery: delivery.id }, 'a claimed delivery waited past half its lease; it goes out again when the lease ends');
        out -= 1;
        return;
      }
      report = await send(delivery);
    } finally {
      sending -= 1;
      waitingToSend.shift()?.();
    }
    if (report.outcome === 'RETRY') pausedUntil = Math.max(pausedUntil, now() + (report.retryAfterSeconds ?? 1) * 1000);
    toReport.push(report);
    // While the API does not take reports, only the claiming loop tries again, every pollMs.
    if (!failing) void flush();
  }

  function begin(delivery: ClaimedDelivery, sendBy: number): void {
    const work = deliver(delivery, sendBy)
      .catch((error: unknown) => log.error({ err: error, delivery: delivery.id }, 'a delivery failed unexpectedly'))
      .finally(() => {
        underWay.delete(work);
        wake?.();
      });
    underWay.add(work);
  }

  /**
   * Reports what waits, after the request under way; whether the API has taken every report so
   * far. What it could not take now waits for the next try; what it refused as invalid never
   * will be taken, and is dropped (its deliveries go out again when their lease ends).
   */
  async function flush(): Promise<boolean> {
    while (reporting) await reporting;
    if (toReport.length === 0) return !failing;
    const batch = toReport.splice(0);
    reporting = (async () => {
      try {
        const started = performance.now();
        await client.request(ReportDeliveries, { input: { reports: batch } }, { service: true });
        log.debug({ reports: batch.length, ms: Math.round(performance.now() - started) }, 'reported');
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'BAD_USER_INPUT')) {
          toReport.unshift(...batch);
          failing = true;
          log.warn({ err: error, reports: batch.length }, 'could not report deliveries; trying again before claiming or sending more');
          return;
        }
        log.error({ err: error, reports: batch }, 'the API refused these reports; dropping them');
      }
      failing = false;
      out -= batch.length;
    })();
    await reporting;
    reporting = undefined;
    if (failing) return false;
    releaseHeld();
    wake?.();
    // What came while this request was under way.
    if (toReport.length > 0) return flush();
    return true;
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      if (failing && !(await flush())) {
        await waitForWork();
        continue;
      }
      if (now() < pausedUntil) {
        await waitForWork(pausedUntil - now());
        continue;
      }
      if (out >= batchSize) {
        await waitForWork();
        continue;
      }
      // Half the lease, counted from before the claim was asked for: the API's clock may differ from ours.
      const sendBy = now() + (leaseSeconds * 1000) / 2;
      let claimed: ClaimedDelivery[];
      try {
        const input = { channel: 'TELEGRAM' as const, limit: batchSize, leaseSeconds };
        const started = performance.now();
        claimed = (await client.request(ClaimDeliveries, { input }, { service: true })).claimDeliveries;
        log.debug({ claimed: claimed.length, out, ms: Math.round(performance.now() - started) }, 'claimed');
      } catch (error) {
        log.warn({ err: error }, 'could not claim deliveries; trying again');
        claimed = [];
      }
      out += claimed.length;
      for (const delivery of claimed) begin(delivery, sendBy);
      if (claimed.length === 0 && !stopped) await waitForWork();
    }
  }

  return {
    start() {
      if (running) return;
      stopped = false;
      subscription = live.subscribe(DeliveriesReady, {}, { service: true }, {
        next: () => wake?.(),
        error: (error) => log.warn({ err: error }, 'deliveriesReady failed; polling meanwhile'),
      });
      running = loop();
    },
    async stop() {
      stopped = true;
      wake?.();
      releaseHeld();
      subscription?.stop();
      await running;
      await Promise.all(underWay);
      await flush();
      running = undefined;
    },
  };
}

/** Telegram's 400s that mean the chat is gone for good, not that this message was wrong (its 403s all do). */
const unreachableChat = /chat not found|PEER_ID_INVALID/i;

/** The API keeps at most this much of a failure's reason. */
const maxErrorLength = 1000;

/**
 * What a failed send means for the ledger: 403 (the person blocked the bot, or deleted their
 * account) or a chat that no longer exists is BLOCKED; 429 that auto-retry did not wait out is
 * RETRY after Telegram's retry_after; anything else is FAILED, tried again later by the API's
 * backoff.
 */
export function failureReport(id: string, error: unknown): DeliveryReportInput {
  if (error instanceof GrammyError) {
    const reason = error.description.slice(0, maxErrorLength);
    if (error.error_code === 403 || (error.error_code === 400 && unreachableChat.test(error.description))) {
      return { id, outcome: 'BLOCKED', error: reason };
    }
    if (error.error_code === 429) return { id, outcome: 'RETRY', retryAfterSeconds: Math.max(1, error.parameters.retry_after ?? 5), error: reason };
    return { id, outcome: 'FAILED', error: reason };
  }
  return { id, outcome: 'FAILED', error: String((error as Error)?.message ?? error).slice(0, maxErrorLength) };
}
