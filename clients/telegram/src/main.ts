import { pino } from 'pino';
import { startBotApp } from './app.ts';
import { BotConfigError, loadBotConfig } from './config.ts';

// The only module of the Telegram client that reads the environment and starts things.
async function main() {
  const config = loadBotConfig(process.env);
  const log = pino({ level: config.logLevel, base: { service: 'chorus-bot' } });
  const app = await startBotApp(config, log);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing the sends under way');
    const deadline = setTimeout(() => process.exit(1), 15_000);
    deadline.unref();
    await app.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof BotConfigError ? error.message : error);
  process.exit(1);
});
