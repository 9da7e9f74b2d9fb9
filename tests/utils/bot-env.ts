import type { FakeTelegram } from './fake-telegram.ts';
import type { LiveTestApp } from './live-app.ts';
import { serviceKey } from './test-app.ts';

/** The environment of a bot pointed at a test API and a fake Telegram, with `extra` on top. */
export function botEnvironment(api: LiveTestApp, telegram: FakeTelegram, extra: Record<string, string> = {}): Record<string, string> {
  return {
    BOT_TOKEN: telegram.token,
    API_URL: api.httpUrl,
    BOT_SERVICE_KEY: serviceKey,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    BOT_POLL_SECONDS: '1',
    LOG_LEVEL: 'silent',
    ...extra,
  };
}
