import type { Logger } from 'pino';
import { decideAt } from '../domain/check-in-schedule.ts';
import { scheduleOf } from '../domain/check-in-settings.ts';
import { notify, type Written } from '../domain/notifications.ts';
import type { Transaction } from '../domain/transaction.ts';
import type { Locale, PrismaClient } from '../generated/prisma/client.ts';
import { publishCheckIns, publishNotifications, publishOutboxReady } from '../live/publish.ts';
import type { PubSub } from '../pubsub/pubsub.ts';

export interface CheckInTickerOptions {
  prisma: PrismaClient;
  pubsub: PubSub;
  log: Logger;
  /** The clock; tests pass their own so they need not wait. Default: the system clock. */
  now?: () => Date;
  /** Questions claimed per transaction (default 500). */
  batchSize?: number;
}

export interface DuePrompt {
  promptId: string;
  userId: string;
  questionId: string;
  dueAt: Date;
}

export interface CheckInTicker {
  /**
   * Creates every prompt due at `at` (default: the clock's now) and pushes them. Safe to run
   * on any number of instances at once: each due question is claimed by one of them.
   */
  tick(at?: Date): Promise<DuePrompt[]>;
  /** Ticks every `seconds` (a tick never overlaps the previous one); errors are logged, not thrown. */
  start(seconds: number): void;
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
}

interface ClaimedQuestion {
  id: string;
  userId: string;
  text: string;
  intervalMinutes: number | null;
  nextDueAt: Date;
  timezone: string;
  locale: Locale;
  checkInWindowStart: number;
  checkInWindowEnd: number;
  checkInIntervalMinutes: number;
}

/**
 * The check-in ticker. Each question row holds when it is next due (nextDueAt, indexed), so a
 * tick reads only what is due. It claims due rows with FOR UPDATE SKIP LOCKED and, in the same
 * transaction, writes their prompts and moves nextDueAt on: once that commits no ticker sees
 * them as due, and while it runs others skip them, so with N instances, or across a restart,
 * every prompt is created exactly once. (The unique (questionId, dueAt) backs this up.)
 */
export function createCheckInTicker({ prisma, pubsub, log, now = () => new Date(), batchSize = 500 }: CheckInTickerOptions): CheckInTicker {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  async function tick(at = now()): Promise<DuePrompt[]> {
    const created: DuePrompt[] = [];
    for (;;) {
      const batch = await prisma.$transaction((tx) => claimBatch(tx, at, batchSize));
      created.push(...batch.prompts);
      await announce(batch.prompts, batch.written);
      if (batch.claimed < batchSize) return created;
    }
  }

  async function announce(prompts: DuePrompt[], written: Written): Promise<void> {
    try {
      await Promise.all([
        publishCheckIns(pubsub, prompts),
        publishNotifications(pubsub, written.notified),
        written.telegramQueued > 0 ? publishOutboxReady(pubsub, written.telegramQueued) : Promise.resolve(),
      ]);
    } catch (error) {
      log.warn({ err: error, prompts: prompts.length }, 'could not push check-ins live; they are stored and listed');
    }
  }

  const schedule = (seconds: number) => {
    timer = setTimeout(() => {
      running = tick()
        .then((prompts) => {
          if (prompts.length > 0) log.info({ prompts: prompts.length }, 'check-ins came due');
        })
        .catch((error: unknown) => log.error({ err: error }, 'check-in tick failed; retrying next tick'))
        .finally(() => {
          if (!stopped) schedule(seconds);
        });
    }, seconds * 1000);
    timer.unref();
  };

  return {
    tick,
    start(seconds) {
      if (!stopped) return;
      stopped = false;
      schedule(seconds);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

async function claimBatch(tx: Transaction, at: Date, limit: number) {
  const claimed = await tx.$queryRaw<ClaimedQuestion[]>`
    SELECT q.id::text AS id, q."userId"::text AS "userId", q.text, q."intervalMinutes", q."nextDueAt",
           u.timezone, u.locale::text AS locale, u."checkInWindowStart", u."checkInWindowEnd", u."checkInIntervalMinutes"
    FROM "Question" q JOIN "User" u ON u.id = q."userId"
    WHERE q.active AND u."checkInEnabled" AND q."nextDueAt" <= ${at}::timestamptz
    ORDER BY q."nextDueAt", q.id
    LIMIT ${limit}
    FOR UPDATE OF q SKIP LOCKED`;

  const asks: { question: ClaimedQuestion; dueAt: Date }[] = [];
  const moves: { id: string; next: Date }[] = [];
  for (const question of claimed) {
    const decision = decideAt(at, question.nextDueAt, scheduleOf(question, question.intervalMinutes));
    if (decision.ask) asks.push({ question, dueAt: decision.dueAt });
    moves.push({ id: question.id, next: decision.next });
  }

  const prompts = await insertPrompts(tx, asks);
  const texts = new Map(asks.map(({ question }) => [question.id, question.text]));
  const written = await notify(
    tx,
    prompts.map((prompt) => ({
      userId: prompt.userId,
      kind: 'CHECK_IN' as const,
      text: texts.get(prompt.questionId)!,
      subjectType: 'PROMPT' as const,
      subjectId: prompt.promptId,
    })),
    at,
  );
  if (moves.length > 0) {
    await tx.$executeRaw`
      UPDATE "Question" q SET "nextDueAt" = v.next
      FROM unnest(${moves.map((move) => move.id)}::uuid[], ${moves.map((move) => move.next)}::timestamptz[]) AS v(id, next)
      WHERE q.id = v.id`;
  }
  return { claimed: claimed.length, prompts, written };
}

async function insertPrompts(tx: Transaction, asks: { question: ClaimedQuestion; dueAt: Date }[]): Promise<DuePrompt[]> {
  if (asks.length === 0) return [];
  const rows = await tx.$queryRaw<{ promptId: string; userId: string; questionId: string; dueAt: Date }[]>`
    INSERT INTO "CheckInPrompt" ("userId", "questionId", text, "dueAt")
    SELECT * FROM unnest(${asks.map((ask) => ask.question.userId)}::uuid[], ${asks.map((ask) => ask.question.id)}::uuid[],
                         ${asks.map((ask) => ask.question.text)}::text[], ${asks.map((ask) => ask.dueAt)}::timestamptz[])
    ON CONFLICT ("questionId", "dueAt") DO NOTHING
    RETURNING id::text AS "promptId", "userId"::text AS "userId", "questionId"::text AS "questionId", "dueAt"`;
  return rows;
}
