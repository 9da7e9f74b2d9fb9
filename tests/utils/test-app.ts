import { pino } from 'pino';
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

export interface TestApp extends TestDatabase {
  app: App;
  pubsub: PubSub;
  config: Config & { jwtSecret: string };
  /** Runs an operation in-process through Yoga's fetch (the whole HTTP pipeline, no socket). */
  gql<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<GraphQLResult<Data>>;
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BOT_SERVICE_KEY: serviceKey, REDIS_URL: process.env.REDIS_URL ?? '', ...env }),
    jwtSecret: 'test-secret-that-is-long-enough-0123456789',
  };
  const pubsub = createPubSub({ redisUrl: config.redisUrl });
  const app = createApp({ config, db: database.db, pubsub, log: pino({ level: config.logLevel }), passwordCost: 10 });
  return {
    ...database,
    app,
    pubsub,
    config,
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
