import { join } from 'node:path';
import { pino } from 'pino';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { applyMigrations } from './db/migrate.ts';
import { loadOrCreateJwtSecret } from './jwt-secret.ts';
import { createPubSub } from './pubsub/pubsub.ts';
import { createRateLimitStore } from './rate-limits/create-store.ts';

// The only module that reads the environment and starts things.
async function main() {
  const config = loadConfig(process.env);
  // Written asynchronously: a line per operation must not cost a write system call each (pino
  // flushes what is left when the process exits).
  const log = pino({ level: config.logLevel, base: { service: 'chorus' } }, pino.destination({ dest: 1, sync: false }));
  const jwtSecret = config.jwtSecret ?? (await loadOrCreateJwtSecret(config.dataDir));

  const db = await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
  const applied = await applyMigrations(db);
  log.info({ database: db.kind, applied, pubsub: config.redisUrl ? 'redis' : 'in-process' }, 'database ready');

  const pubsub = createPubSub({ redisUrl: config.redisUrl, log: log.child({ component: 'pubsub' }) });
  const rateLimitStore = createRateLimitStore({ redisUrl: config.redisUrl, log: log.child({ component: 'rate-limits' }) });
  const { server, jobs } = createApp({ config: { ...config, jwtSecret }, db, pubsub, log, rateLimitStore });
  const { url } = await server.start(config.port, config.host);
  jobs.checkIns.start(config.checkInTickSeconds);
  log.info({ url, graphiql: config.graphiql }, `Chorus is listening: ${url}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new requests; finishing those in flight');
    const deadline = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    deadline.unref();
    await jobs.checkIns.stop();
    await server.stop();
    await pubsub.close();
    await rateLimitStore.close();
    await db.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
