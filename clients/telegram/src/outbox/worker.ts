import { GrammyError, type Api } from 'grammy';
import type { Logger } from 'pino';
import type { GraphQLClient } from '../api/client.ts';
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
 * Drains the Telegram outbox: claims deliveries, sends each, and reports each at once (so the
 * only duplicate window is a stop between Telegram accepting a message and that report). Any
 * number of workers can run at once: the API never hands one delivery to two of them. It is
 * woken by deliveriesReady and also looks every `pollMs`, since a wake-up can be lost.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { client, live, telegram, translate, log, batchSize = 30, leaseSeconds = 60, pollMs = 5000 } = options;
  let running: Promise<void> | undefined;
  let stopped = false;
  let wake: (() => void) | undefined;
  let subscription: { stop(): void } | undefined;

  const waitForWork = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
    });

  async function send(delivery: ClaimedDelivery): Promise<DeliveryReportInput> {
    const { text, replyMarkup } = render(delivery, translate);
    try {
      const message = await telegram.sendMessage(Number(delivery.chatId), text, replyMarkup ? { reply_markup: replyMarkup } : {});
      return { id: delivery.id, outcome: 'SENT', externalId: String(message.message_id) };
    } catch (error) {
      return failureReport(delivery.id, error);
    }
  }

  async function deliver(delivery: ClaimedDelivery): Promise<void> {
    const report = await send(delivery);
    try {
      await client.request(ReportDeliveries, { input: { reports: [report] } }, { service: true });
    } catch (error) {
      // Unreported, the delivery is handed out again when its lease runs out.
      log.warn({ err: error, delivery: delivery.id, outcome: report.outcome }, 'could not report a delivery');
    }
  }

  async function loop(): Promise<void> {
    while (!stopped) {
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
      running = undefined;
    },
  };
}

/**
 * What a failed send means for the ledger: 403 (the person blocked the bot, or deleted their
 * account) is BLOCKED; 429 that auto-retry did not wait out is RETRY after Telegram's
 * retry_after; anything else is FAILED, tried again later by the API's backoff.
 */
export function failureReport(id: string, error: unknown): DeliveryReportInput {
  if (error instanceof GrammyError) {
    if (error.error_code === 403) return { id, outcome: 'BLOCKED', error: error.description };
    if (error.error_code === 429) return { id, outcome: 'RETRY', retryAfterSeconds: Math.max(1, error.parameters.retry_after ?? 5), error: error.description };
    return { id, outcome: 'FAILED', error: error.description.slice(0, 1000) };
  }
  return { id, outcome: 'FAILED', error: String((error as Error)?.message ?? error).slice(0, 1000) };
}
