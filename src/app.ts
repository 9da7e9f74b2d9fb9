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
import { createRateLimiter } from './rate-limits/rate-limiter.ts';
import type { RateLimitStore } from './rate-limits/store.ts';

export interface AppDeps {
  config: Config & { jwtSecret: string };
  db: Database;
  pubsub: PubSub;
  log: Logger;
  /** Where rate-limit counts are kept (Redis or this process); unused when config.rateLimits is null. */
  rateLimitStore: RateLimitStore;
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
export function createApp({ config, db, pubsub, log, rateLimitStore, passwordCost, now = () => new Date() }: AppDeps): App {
  const tokens = createAccessTokens({ secret: config.jwtSecret, ttlSeconds: config.accessTokenTtlSeconds });
  const services: Services = {
    passwords: createPasswordHasher({ logN: passwordCost }),
    sessions: createSessions({ prisma: db.prisma, tokens, refreshTtlDays: config.refreshTokenTtlDays, now }),
    adminHandles: config.adminHandles,
    botServiceKey: config.botServiceKey,
    liveAccess: createAccessWatch({ prisma: db.prisma, log: log.child({ component: 'live-access' }) }),
    eventReads: createEventReads(db.prisma),
    rateLimiter: config.rateLimits ? createRateLimiter(config.rateLimits, rateLimitStore) : null,
    now,
  };
  const server = createServer({
    schema: buildSchema(),
    db,
    pubsub,
    services,
    log,
    webAssets: createWebAssets(config.webDir),
    options: {
      graphiql: config.graphiql,
      introspection: config.introspection,
      exposeErrors: config.environment === 'development',
      hideSuggestions: config.environment === 'production',
      corsOrigins: config.corsOrigins,
      limits: config.limits,
      wsInitTimeoutMs: config.wsInitTimeoutMs,
      trustProxy: config.trustProxy,
    },
  });
  const checkIns = createCheckInTicker({ prisma: db.prisma, pubsub, log: log.child({ job: 'check-ins' }), now });
  return { server, services, jobs: { checkIns } };
}
