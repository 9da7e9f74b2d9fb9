import { z } from 'zod';

/** The bot's configuration, from the environment, validated. Pure: main.ts does the I/O. */
export interface BotConfig {
  botToken: string;
  /** The API's GraphQL endpoint (http://…/graphql); its WebSocket endpoint is the same path. */
  apiUrl: string;
  serviceKey: string;
  /** Telegram's Bot API root; unset means Telegram's own. */
  telegramApiRoot: string | undefined;
  /**
   * polling: long polling (one process only: Telegram refuses a second); webhook: Telegram posts
   * updates; worker: no updates, only sending from the outbox (run as many as you like).
   */
  mode: 'polling' | 'webhook' | 'worker';
  /** Webhook mode: the public URL Telegram posts updates to, and the secret it sends along. */
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  /** Webhook mode: where this process listens for them. */
  host: string;
  port: number;
  /** How long a claimed delivery is held before another worker may take it. */
  leaseSeconds: number;
  /** How often the outbox is looked at when nothing wakes the worker. */
  pollSeconds: number;
  /**
   * Messages a second this process may send. Telegram's limit (about 30/s) is per bot token:
   * with N processes sending, give each 30/N.
   */
  sendRate: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

const integer = (min: number, max: number) =>
  z.string().regex(/^\d+$/, 'expected a whole number').transform(Number).pipe(z.number().int().min(min).max(max));
const httpUrl = z.string().refine((value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'expected an http:// or https:// URL');

const environment = z
  .object({
    BOT_TOKEN: z.string().regex(/^\d+:[\w-]{20,}$/, 'expected a token from @BotFather (123456:ABC…)'),
    API_URL: httpUrl.default('http://127.0.0.1:4000/graphql'),
    BOT_SERVICE_KEY: z.string().min(16, 'must be at least 16 characters (the API’s BOT_SERVICE_KEY)'),
    TELEGRAM_API_ROOT: httpUrl.optional(),
    BOT_MODE: z.enum(['polling', 'webhook', 'worker']).default('polling'),
    WEBHOOK_URL: httpUrl.optional(),
    WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, '1–256 of A–Z, a–z, 0–9, _ and -').optional(),
    BOT_HOST: z.string().min(1).default('127.0.0.1'),
    BOT_PORT: integer(0, 65535).default(8080),
    // Long enough for auto-retry's waits (up to 3 × 5 s) and the throttler's queue.
    BOT_LEASE_SECONDS: integer(30, 3600).default(60),
    BOT_POLL_SECONDS: integer(1, 600).default(5),
    BOT_SEND_RATE: integer(1, 30).default(30),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, context) => {
    if (env.BOT_MODE !== 'webhook') return;
    if (!env.WEBHOOK_URL) context.addIssue({ code: 'custom', path: ['WEBHOOK_URL'], message: 'required in webhook mode' });
    if (!env.WEBHOOK_SECRET) context.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'required in webhook mode' });
  });

export class BotConfigError extends Error {
  override name = 'BotConfigError';
}

/** Parses the environment; throws BotConfigError naming every bad variable. Empty values count as unset. */
export function loadBotConfig(env: Record<string, string | undefined>): BotConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new BotConfigError(`Invalid bot configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    botToken: e.BOT_TOKEN,
    apiUrl: e.API_URL,
    serviceKey: e.BOT_SERVICE_KEY,
    telegramApiRoot: e.TELEGRAM_API_ROOT,
    mode: e.BOT_MODE,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    host: e.BOT_HOST,
    port: e.BOT_PORT,
    leaseSeconds: e.BOT_LEASE_SECONDS,
    pollSeconds: e.BOT_POLL_SECONDS,
    sendRate: e.BOT_SEND_RATE,
    logLevel: e.LOG_LEVEL,
  };
}
