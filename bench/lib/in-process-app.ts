import pg from 'pg';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { createMemoryStore } from '../../src/rate-limits/memory-store.ts';
import { createPubSub } from '../../src/pubsub/pubsub.ts';
import type { SqlStatement } from '../load/sql-replay.ts';
import { benchJwtSecret } from './server.ts';

export interface InProcessApp {
  app: App;
  db: Database;
  /** Every statement Prisma logged (its text only), in order; reset with `length = 0`. */
  statements: string[];
  /** Runs an operation through the whole HTTP pipeline (Yoga's fetch, no socket) as the holder of `token`. */
  gql(query: string, token: string, variables?: Record<string, unknown>): Promise<{ data?: any; errors?: { message: string }[] }>;
  /**
   * Runs `work` and returns it with the statements it sent to PostgreSQL, as they went on
   * the wire (text with $n placeholders, and values), read off node-postgres itself.
   */
  capture<T>(work: () => Promise<T>): Promise<{ result: T; sent: SqlStatement[] }>;
  close(): Promise<void>;
}

/**
 * The app as src/main.ts wires it (production config, tokens signed with the bench secret),
 * inside this process on a PostgreSQL database, as tests/utils/test-app.ts does. Starts
 * nothing (no listener, no jobs) and runs migrations only when asked.
 */
export async function openInProcessApp(options: { url: string; poolSize?: number; migrate?: boolean }): Promise<InProcessApp> {
  const statements: string[] = [];
  const db = await openDatabase({ url: options.url, onQuery: (sql) => statements.push(sql), poolSize: options.poolSize ?? 4 });
  if (options.migrate) {
    const { applyMigrations } = await import('../../src/db/migrate.ts');
    await applyMigrations(db);
  }
  const config = { ...loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', REDIS_URL: '', ACCESS_TOKEN_TTL_SECONDS: '86400', RATE_LIMITS: 'off' }), jwtSecret: benchJwtSecret };
  const log = pino({ level: 'silent' });
  const pubsub = createPubSub({ redisUrl: '', log });
  const app = createApp({ config, db, pubsub, log, rateLimitStore: createMemoryStore() });
  return {
    app,
    db,
    statements,
    async gql(query, token, variables) {
      const response = await app.server.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: any; errors?: { message: string }[] };
    },
    async capture(work) {
      const sent: SqlStatement[] = [];
      const original = pg.Client.prototype.query;
      // Prisma's pg adapter sends every statement as client.query({ text, values, ... }).
      pg.Client.prototype.query = function (this: pg.Client, config: any, ...rest: any[]) {
        if (config && typeof config === 'object' && typeof config.text === 'string') sent.push({ text: config.text, values: config.values ?? [] });
        else if (typeof config === 'string') sent.push({ text: config, values: Array.isArray(rest[0]) ? rest[0] : [] });
        return (original as any).call(this, config, ...rest);
      } as typeof original;
      try {
        return { result: await work(), sent };
      } finally {
        pg.Client.prototype.query = original;
      }
    },
    async close() {
      await app.server.stop();
      await pubsub.close();
      await db.close();
    },
  };
}
