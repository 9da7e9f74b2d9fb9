import { createServer, type Server } from 'node:http';
import { webhookCallback, type Bot } from 'grammy';
import type { BotContext } from './context.ts';

/**
 * Webhook mode: Telegram posts updates to `path`. Only requests carrying the secret
 * (X-Telegram-Bot-Api-Secret-Token) are handled; others get 401. /health answers 200.
 */
export function createWebhookServer(bot: Bot<BotContext>, { path, secret }: { path: string; secret: string }): Server {
  const handle = webhookCallback(bot, 'http', { secretToken: secret });
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/health') {
      response.writeHead(200).end('ok');
    } else if (request.method === 'POST' && url.pathname === path) {
      void handle(request, response);
    } else {
      response.writeHead(404).end();
    }
  });
}
