import { createServer, type Server } from 'node:http';
import { webhookCallback, type Bot } from 'grammy';
import type { Logger } from 'pino';
import type { BotContext } from './context.ts';

/**
 * Webhook mode: Telegram posts updates to `path`. Only requests carrying the secret
 * (X-Telegram-Bot-Api-Secret-Token) are handled; others get 401. /health answers 200.
 */
export function createWebhookServer(bot: Bot<BotContext>, { path, secret, log }: { path: string; secret: string; log: Logger }): Server {
  // A slow update is answered (200) when Telegram's patience runs out and finishes meanwhile,
  // rather than failing the request; a repeated update is handled once by the bot.
  const handle = webhookCallback(bot, 'http', { secretToken: secret, onTimeout: 'return', timeoutMilliseconds: 9_000 });
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/health') {
      response.writeHead(200).end('ok');
    } else if (request.method === 'POST' && url.pathname === path) {
      // Only a request that could not be read lands here (the bot's errors stop at its boundary).
      handle(request, response).catch((error: unknown) => {
        log.warn({ err: error }, 'could not handle a webhook request');
        if (!response.headersSent) response.writeHead(500).end();
      });
    } else {
      response.writeHead(404).end();
    }
  });
}
