import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { createRateLimitStore } from '../../src/rate-limits/create-store.ts';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createPubSub, type PubSub } from '../../src/pubsub/pubsub.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export const serviceKey = 'test-service-key-0123456789';

export interface GraphQLResult<Data = Record<string, any>> {
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface CallOptions {
  token?: string;
  serviceKey?: string;
  headers?: Record<string, string>;
}

/** One parsed pino line. */
export type LogLine = { level: number; msg: string } & Record<string, unknown>;

export interface TestApp extends TestDatabase {
  app: App;
  pubsub: PubSub;
  config: Config & { jwtSecret: string };
  /** The server's log lines, when created with captureLogs. */
  logs: LogLine[];
  /** Runs an operation in-process through Yoga's fetch (the whole HTTP pipeline, no socket). */
  gql<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<GraphQLResult<Data>>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * A database to use instead of a fresh one (another instance of the same deployment);
   * close() then calls its drop(), so pass one whose drop() only lets go of this connection.
   */
  database?: TestDatabase;
  /** Tags this instance's Redis connections (CLIENT LIST). */
  instanceName?: string;
  /** Keep the server's log lines (level info and up) in `logs` instead of discarding them. */
  captureLogs?: boolean;
  /** The server's clock (default: the system clock). */
  now?: () => Date;
  /** Shares rate-limit counts with other apps given the same prefix (instances of one deployment). */
  rateLimitPrefix?: string;
}

export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      BOT_SERVICE_KEY: serviceKey,
      REDIS_URL: process.env.REDIS_URL ?? '',
      // Tests act as a few users at machine speed; the rate-limit tests turn limits on.
      RATE_LIMITS: 'off',
      ...env,
    }),
    jwtSecret: 'test-secret-that-is-long-enough-0123456789',
  };
  const logs: LogLine[] = [];
  const log = options.captureLogs
    ? pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) })
    : pino({ level: config.logLevel });
  const pubsub = createPubSub({ redisUrl: config.redisUrl, name: options.instanceName, log });
  // Counts in Redis are kept apart per test app (or per deployment of several instances), so
  // test files sharing the machine's Redis never spend each other's limits.
  const rateLimitStore = createRateLimitStore({ redisUrl: config.redisUrl, log, keyPrefix: `chorus-test:${options.rateLimitPrefix ?? randomUUID()}:` });
  const app = createApp({ config, db: database.db, pubsub, log, rateLimitStore, passwordCost: 10, now: options.now });
  return {
    ...database,
    app,
    pubsub,
    config,
    logs,
    async gql(query, variables, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.serviceKey) headers['x-service-key'] = options.serviceKey;
      const response = await app.server.fetch('http://localhost/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResult<any>;
    },
    async close() {
      await app.server.stop();
      await pubsub.close();
      await rateLimitStore.close();
      await database.drop();
    },
  };
}

/** The data of a result that must have succeeded; throws with the errors otherwise. */
export function ok<Data>(result: GraphQLResult<Data>): Data {
  if (result.errors?.length || !result.data) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The code of the first error of a result that must have failed. */
export function errorCode(result: GraphQLResult): string | undefined {
  if (!result.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return result.errors[0]!.extensions?.code;
}
