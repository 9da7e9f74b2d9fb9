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
  /** Deliveries claimed at a time (default 30: one second of Telegram's overall limit). */
  batchSize?: number;
  /** How long a claim holds (default 60 s): a worker that stops releases its claims this long after. */
  leaseSeconds?: number;
  /** How often to look for work when nothing wakes the worker (default 5000 ms). */
  pollMs?: number;
}

export interface OutboxWorker {
  start(): void;
  /** Stops claiming, lets the sends under way finish and report, and resolves. */
  stop(): Promise<void>;
}

/**
 * Drains the Telegram outbox: claims deliveries, sends each, and reports each at once. A report
 * the API did not take is kept, and nothing more is claimed until it is taken: a message sent
 * twice needs a report that never lands within the lease (a worker stopped between Telegram
 * accepting the message and the report, or an API unreachable for that long). Any number of
 * workers can run at once: the API never hands one delivery to two of them. It is woken by
 * deliveriesReady and also looks every `pollMs`, since a wake-up can be lost. When Telegram's
 * flood control asks for a longer wait than auto-retry takes, the worker pauses that long
 * (the limit is the bot's, not one chat's).
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { client, live, telegram, translate, log, batchSize = 30, leaseSeconds = 60, pollMs = 5000 } = options;
  let running: Promise<void> | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;
  let subscription: { stop(): void } | undefined;
  /** Reports the API did not take yet. */
  const unreported: DeliveryReportInput[] = [];
  /** No claims before this (Telegram's flood control). */
  let pausedUntil = 0;

  const waitForWork = (ms = pollMs) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
    });

  async function send(delivery: ClaimedDelivery): Promise<DeliveryReportInput> {
    try {
      const { text, replyMarkup } = render(delivery, translate);
      const message = await telegram.sendMessage(Number(delivery.chatId), text, replyMarkup ? { reply_markup: replyMarkup } : {});
      return { id: delivery.id, outcome: 'SENT', externalId: String(message.message_id) };
    } catch (error) {
      return failureReport(delivery.id, error);
    }
  }

  async function deliver(delivery: ClaimedDelivery): Promise<void> {
    const report = await send(delivery);
    if (report.outcome === 'RETRY') pausedUntil = Math.max(pausedUntil, Date.now() + (report.retryAfterSeconds ?? 1) * 1000);
    await reportAll([report]);
  }

  /**
   * Reports, with any the API did not take before; whether none is left. What the API could
   * not take now waits for the next try; what it refused as invalid never will be taken, and is
   * dropped (its deliveries go out again when their lease ends).
   */
  async function reportAll(reports: DeliveryReportInput[]): Promise<boolean> {
    const batch = [...unreported.splice(0), ...reports];
    if (batch.length === 0) return true;
    try {
      await client.request(ReportDeliveries, { input: { reports: batch } }, { service: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        log.error({ err: error, reports: batch }, 'the API refused these reports; dropping them');
        return true;
      }
      unreported.push(...batch);
      log.warn({ err: error, reports: batch.length }, 'could not report deliveries; trying again before claiming more');
      return false;
    }
    return true;
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      if (!(await reportAll([]))) {
        await waitForWork();
        continue;
      }
      if (Date.now() < pausedUntil) {
        await waitForWork(pausedUntil - Date.now());
        continue;
      }
      let claimed: ClaimedDelivery[];
      try {
        const input = { channel: 'TELEGRAM' as const, limit: batchSize, leaseSeconds };
        claimed = (await client.request(ClaimDeliveries, { input }, { service: true })).claimDeliveries;
      } catch (error) {
        log.warn({ err: error }, 'could not claim deliveries; trying again');
        claimed = [];
      }
      if (claimed.length === 0) {
        if (!stopped) await waitForWork();
        continue;
      }
      await Promise.all(claimed.map(deliver));
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
      subscription?.stop();
      await running;
      await reportAll([]);
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
