import pg from 'pg';
import { createAccessTokens } from '../../src/auth/tokens.ts';
import { cores, freePort, startProgram, waitUntilReady, type Program } from './processes.ts';

/** The JWT secret bench servers are started with, so the bench can sign its people's tokens. */
export const benchJwtSecret = 'bench-secret-bench-secret-bench-secret';

export interface BenchServer extends Program {
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  wsUrl: string;
}

/**
 * `src/main.ts` as it is run for real (production mode, info logs), on `databaseUrl`, with Redis
 * when `redisUrl` is given, pinned to the server core.
 */
export async function startServer(options: { name: string; databaseUrl: string; redisUrl?: string; env?: Record<string, string>; cpu?: string }): Promise<BenchServer> {
  const port = await freePort();
  const program = startProgram({
    name: options.name,
    entry: 'src/main.ts',
    cpu: options.cpu ?? cores.server,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      JWT_SECRET: benchJwtSecret,
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      CHECKIN_TICK_SECONDS: '3600',
      // Each load generator speaks for a few users at hundreds of requests a second; the limits
      // are there to stop exactly that, and the tests measure them, not the benchmarks.
      RATE_LIMITS: 'off',
      ...options.env,
    },
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitUntilReady(`http://127.0.0.1:${port}/readiness`);
  } catch (error) {
    await program.kill();
    throw error;
  }
  return { ...program, url, wsUrl: url.replace(/^http/, 'ws') };
}

/**
 * Opens a session for each user straight in the database and signs an access token for it,
 * as sign-in would (without paying for a password hash per person).
 */
export async function tokensFor(databaseUrl: string, userIds: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; userId: string }>(
      `INSERT INTO "Session" ("userId") SELECT unnest($1::uuid[]) RETURNING id, "userId"`,
      [userIds],
    );
    const tokens = createAccessTokens({ secret: benchJwtSecret, ttlSeconds: 86_400 });
    const byUser = new Map(rows.map((row) => [row.userId, row.id]));
    return Promise.all(userIds.map((userId) => tokens.sign({ userId, sessionId: byUser.get(userId)! })));
  } finally {
    await client.end();
  }
}
