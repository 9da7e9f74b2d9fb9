import type { Logger } from 'pino';
import { createPasswordHasher } from './auth/passwords.ts';
import { createSessions } from './auth/sessions.ts';
import { createAccessTokens } from './auth/tokens.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { createCheckInTicker, type CheckInTicker } from './jobs/check-in-ticker.ts';
import { createAccessWatch } from './live/access-watch.ts';
import type { PubSub } from './pubsub/pubsub.ts';
import { buildSchema } from './schema.ts';
import { createServer, type ChorusServer } from './server.ts';
import type { Services } from './services.ts';
import { createEventReads } from './loaders/event-reads.ts';
import { createWebAssets } from './web-assets.ts';

export interface AppDeps {
  config: Config & { jwtSecret: string };
  db: Database;
  pubsub: PubSub;
  log: Logger;
  /** log2 of scrypt's N (default 15); tests lower it to stay fast. */
  passwordCost?: number;
  now?: () => Date;
}

export interface App {
  server: ChorusServer;
  services: Services;
  /** Periodic work; main.ts starts it, tests drive it by hand. */
  jobs: { checkIns: CheckInTicker };
}

/** Wires the services and the server from already-opened resources. Starts nothing. */
export function createApp({ config, db, pubsub, log, passwordCost, now = () => new Date() }: AppDeps): App {
  const tokens = createAccessTokens({ secret: config.jwtSecret, ttlSeconds: config.accessTokenTtlSeconds });
  const services: Services = {
    passwords: createPasswordHasher({ logN: passwordCost }),
    sessions: createSessions({ prisma: db.prisma, tokens, refreshTtlDays: config.refreshTokenTtlDays, now }),
    adminHandles: config.adminHandles,
    botServiceKey: config.botServiceKey,
    liveAccess: createAccessWatch({ prisma: db.prisma, log: log.child({ component: 'live-access' }) }),
    eventReads: createEventReads(db.prisma),
    now,
  };
  const server = createServer({
    schema: buildSchema(),
    db,
    pubsub,
    services,
    log,
    graphiql: config.graphiql,
    webAssets: createWebAssets(config.webDir),
    exposeErrors: config.environment === 'development',
  });
  const checkIns = createCheckInTicker({ prisma: db.prisma, pubsub, log: log.child({ job: 'check-ins' }), now });
  return { server, services, jobs: { checkIns } };
}
