import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { I18n } from '@grammyjs/i18n';
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Api } from 'grammy';
import type { LanguageCode } from 'grammy/types';
import type { Logger } from 'pino';
import { createGraphQLClient } from './api/client.ts';
import { createLiveConnector } from './api/live.ts';
import { createBot } from './bot.ts';
import type { BotConfig } from './config.ts';
import type { BotContext } from './context.ts';
import { createI18n, defaultLocale } from './i18n.ts';
import { createIdentities } from './identity.ts';
import { createOutboxWorker } from './outbox/worker.ts';
import { createWebhookServer } from './webhook.ts';

/** The commands Telegram lists for the bot (setMyCommands), described in each language. */
export const commands = ['menu', 'friends', 'add', 'discover', 'chats', 'diary', 'history', 'feed', 'settings'];

export interface BotApp {
  /** Where webhook mode listens (undefined in polling mode). */
  webhookAddress: AddressInfo | undefined;
  stop(): Promise<void>;
}

/**
 * Builds and starts the Telegram client: the bot (long polling with the runner, a webhook
 * listener, or neither in worker mode) and the outbox worker. It talks to the API and to
 * Telegram only.
 */
export async function startBotApp(config: BotConfig, log: Logger): Promise<BotApp> {
  const client = createGraphQLClient({ url: config.apiUrl, serviceKey: config.serviceKey });
  const live = createLiveConnector({ url: config.apiUrl.replace(/^http/, 'ws'), serviceKey: config.serviceKey });
  const i18n = createI18n();
  const deps = { client, identities: createIdentities(client), live, log };
  const bot = createBot({ token: config.botToken, deps, i18n, apiRoot: config.telegramApiRoot, sendRate: config.sendRate });
  await bot.init();
  // Only a process that takes updates answers commands; a worker leaves their list alone.
  if (config.mode !== 'worker') await describeCommands(bot.api, i18n);

  const worker = createOutboxWorker({
    client,
    live,
    telegram: bot.api,
    translate: (locale, key, variables) => i18n.t(locale, key, variables),
    log: log.child({ component: 'outbox' }),
    leaseSeconds: config.leaseSeconds,
    pollMs: config.pollSeconds * 1000,
  });
  worker.start();

  let runner: RunnerHandle | undefined;
  let server: Server | undefined;
  if (config.mode === 'webhook') {
    const url = new URL(config.webhookUrl!);
    server = createWebhookServer(bot, { path: url.pathname, secret: config.webhookSecret!, log });
    await new Promise<void>((resolve) => server!.listen(config.port, config.host, resolve));
    await bot.api.setWebhook(url.toString(), { secret_token: config.webhookSecret });
  } else if (config.mode === 'polling') {
    await bot.api.deleteWebhook();
    runner = run(bot);
  }
  log.info({ bot: bot.botInfo.username, mode: config.mode, api: config.apiUrl }, 'the Telegram client is running');

  return {
    webhookAddress: server?.address() as AddressInfo | undefined,
    async stop() {
      if (runner?.isRunning()) await runner.stop();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await worker.stop();
      await live.close();
    },
  };
}

/**
 * Lists the commands in Telegram's menu, in every language the bot has texts in: the default
 * language for everyone, and each other one for people whose Telegram speaks it.
 */
async function describeCommands(api: Api, i18n: I18n<BotContext>): Promise<void> {
  const described = (locale: string) => commands.map((command) => ({ command, description: i18n.t(locale, `cmd-${command}`) }));
  await api.setMyCommands(described(defaultLocale));
  for (const locale of i18n.locales) {
    if (locale !== defaultLocale) await api.setMyCommands(described(locale), { language_code: locale as LanguageCode });
  }
}
