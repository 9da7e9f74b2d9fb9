import { z } from 'zod';
import { parseTiers, type Tiers } from './rate-limits/tiers.ts';

/**
 * Everything the server reads from the environment, typed and validated.
 * Pure: it reads the object it is given and touches nothing else (main.ts does the I/O).
 */
export interface Config {
  /** Port to listen on (default 4000); 0 picks a free one. */
  port: number;
  /** Address to bind (default 127.0.0.1). */
  host: string;
  /** Where the embedded database and the generated JWT secret live (default ./.data). */
  dataDir: string;
  /** PostgreSQL URL; when unset the embedded PGlite database under dataDir is used. */
  databaseUrl: string | undefined;
  /** Redis URL for cross-instance pub/sub; when unset events stay in this process. */
  redisUrl: string | undefined;
  /** HMAC secret for access tokens; when unset main.ts generates one and keeps it in dataDir. */
  jwtSecret: string | undefined;
  /** Lowercased handles that receive the ADMIN role when they sign up. */
  adminHandles: ReadonlySet<string>;
  /** The Telegram client's credential (header x-service-key); service operations are refused without it. */
  botServiceKey: string | undefined;
  /** Serve GraphiQL at /graphql (default true). */
  graphiql: boolean;
  /** production masks unexpected errors; development shows them. */
  environment: 'production' | 'development' | 'test';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Lifetime of an access token in seconds (default 900). */
  accessTokenTtlSeconds: number;
  /** Lifetime of a refresh token in days (default 30). */
  refreshTokenTtlDays: number;
  /** How often the check-in ticker looks for due prompts, in seconds (default 60). */
  checkInTickSeconds: number;
  /** The built web client served at / (default ./clients/web/dist; nothing is served when it holds no build). */
  webDir: string;
  /** What one operation may ask for; see OperationLimits. */
  limits: OperationLimits;
  /** Answer introspection queries (default true; GraphiQL needs it). */
  introspection: boolean;
  /** Origins other than the server's own allowed to call the API from a browser (default none). */
  corsOrigins: string[];
  /** How long a WebSocket may wait before connection_init, in ms (default 3000). */
  wsInitTimeoutMs: number;
  /** Rate-limit tiers; null turns rate limiting off (RATE_LIMITS=off). */
  rateLimits: Tiers | null;
  /** Take the client's address from the last X-Forwarded-For entry (set it behind a proxy you run). */
  trustProxy: boolean;
}

/** Bounds on one GraphQL operation and one request, chosen with room above the real clients' largest. */
export interface OperationLimits {
  /** Nesting of selections (default 12). */
  maxDepth: number;
  /** Aliased fields in one document (default 20). */
  maxAliases: number;
  /** Directives in one document (default 20). */
  maxDirectives: number;
  /** Lexical tokens in one document (default 2000). */
  maxTokens: number;
  /** The cost budget: each field costs 1, multiplied by the page size of the connections above it (default 20000). */
  maxCost: number;
  /** A request body (and a WebSocket message), in bytes (default 102400). */
  maxBodyBytes: number;
  /** Operations one WebSocket may have running at once (default 100). */
  maxSocketOperations: number;
}

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const handleList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((handle) => handle.trim().replace(/^@/, '').toLowerCase())
      .filter((handle) => handle.length > 0),
  )
  .pipe(z.array(z.string().regex(/^[a-z0-9_]{3,32}$/, 'handles are 3–32 of [a-z0-9_]')));

const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

const environmentSchema = z.object({
  PORT: integer(0, 65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ADMIN_HANDLES: handleList.default([]),
  BOT_SERVICE_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  GRAPHIQL: booleanString.default(true),
  // Production by default: a server started as it is must not show its internals.
  NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ACCESS_TOKEN_TTL_SECONDS: integer(30, 86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: integer(1, 365).default(30),
  CHECKIN_TICK_SECONDS: integer(1, 3600).default(60),
  WEB_DIR: z.string().min(1).default('./clients/web/dist'),
  MAX_DEPTH: integer(2, 100).default(12),
  MAX_ALIASES: integer(0, 1000).default(20),
  MAX_DIRECTIVES: integer(0, 1000).default(20),
  MAX_TOKENS: integer(100, 100_000).default(2000),
  MAX_COST: integer(10, 10_000_000).default(20_000),
  MAX_BODY_BYTES: integer(1024, 50_000_000).default(102_400),
  MAX_SOCKET_OPERATIONS: integer(1, 10_000).default(100),
  INTROSPECTION: booleanString.default(true),
  CORS_ORIGINS: z
    .string()
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(url(['http:', 'https:']).refine((origin) => new URL(origin).origin === origin, 'an origin is scheme://host[:port] with no path')))
    .default([]),
  WS_INIT_TIMEOUT_MS: integer(100, 60_000).default(3000),
  RATE_LIMITS: z
    .string()
    .transform((value, context) => {
      try {
        return parseTiers(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  TRUST_PROXY: booleanString.default(false),
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws ConfigError naming every bad variable. Empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    jwtSecret: e.JWT_SECRET,
    adminHandles: new Set(e.ADMIN_HANDLES),
    botServiceKey: e.BOT_SERVICE_KEY,
    graphiql: e.GRAPHIQL,
    environment: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    checkInTickSeconds: e.CHECKIN_TICK_SECONDS,
    webDir: e.WEB_DIR,
    limits: {
      maxDepth: e.MAX_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxDirectives: e.MAX_DIRECTIVES,
      maxTokens: e.MAX_TOKENS,
      maxCost: e.MAX_COST,
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxSocketOperations: e.MAX_SOCKET_OPERATIONS,
    },
    introspection: e.INTROSPECTION,
    corsOrigins: e.CORS_ORIGINS,
    wsInitTimeoutMs: e.WS_INIT_TIMEOUT_MS,
    rateLimits: e.RATE_LIMITS === undefined ? parseTiers(undefined) : e.RATE_LIMITS,
    trustProxy: e.TRUST_PROXY,
  };
}
