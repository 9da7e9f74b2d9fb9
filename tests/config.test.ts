import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { loadOrCreateJwtSecret } from '../src/jwt-secret.ts';

/** The error loadConfig throws for `env`; fails the test when it does not throw one. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

/** The variables a ConfigError message names, one per line as "NAME: problem" (or "NAME.1: …" for a list entry). */
const namedIn = (error: ConfigError) => [...error.message.matchAll(/^\s+([A-Z_]+)(?:\.\d+)*:/gm)].map((match) => match[1]);

describe('loadConfig', () => {
  it('should fill in the defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      dataDir: './.data',
      graphiql: true,
      databaseUrl: undefined,
      redisUrl: undefined,
      jwtSecret: undefined,
      botServiceKey: undefined,
      environment: 'production',
    });
    expect([...config.adminHandles]).toEqual([]);
  });

  it('should treat empty strings as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', BOT_SERVICE_KEY: '', JWT_SECRET: '', GRAPHIQL: '' });
    expect(config).toMatchObject({ port: 4000, databaseUrl: undefined, botServiceKey: undefined, jwtSecret: undefined, graphiql: true });
  });

  it('should read valid values', () => {
    const config = loadConfig({
      PORT: '0',
      DATABASE_URL: 'postgresql://u@db:5432/chorus',
      REDIS_URL: 'rediss://cache:6380',
      JWT_SECRET: 's'.repeat(32),
      BOT_SERVICE_KEY: 'k'.repeat(16),
      GRAPHIQL: 'off',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      port: 0,
      databaseUrl: 'postgresql://u@db:5432/chorus',
      redisUrl: 'rediss://cache:6380',
      jwtSecret: 's'.repeat(32),
      botServiceKey: 'k'.repeat(16),
      graphiql: false,
      environment: 'production',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'http://x'],
    ['JWT_SECRET', 's'.repeat(31)],
    ['BOT_SERVICE_KEY', 'k'.repeat(15)],
    ['ADMIN_HANDLES', 'ada, no-dashes'],
    ['GRAPHIQL', 'maybe'],
    ['NODE_ENV', 'staging'],
  ])('should refuse %s=%s with a ConfigError naming it', (name, value) => {
    expect(namedIn(configError({ [name]: value }))).toEqual([name]);
  });

  it('should say which ADMIN_HANDLES entry is bad', () => {
    expect(configError({ ADMIN_HANDLES: 'ada, no-dashes' }).message).toMatch(/ADMIN_HANDLES\.1: handles are 3–32/);
  });

  it('should name every bad variable at once', () => {
    const error = configError({ PORT: 'abc', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', GRAPHIQL: 'maybe', HOST: 'localhost' });
    expect(namedIn(error).sort()).toEqual(['DATABASE_URL', 'GRAPHIQL', 'JWT_SECRET', 'PORT']);
  });

  it('should read the hardening settings, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({
      limits: { maxDepth: 12, maxAliases: 20, maxDirectives: 20, maxTokens: 2000, maxCost: 20_000, maxBodyBytes: 102_400 },
      introspection: true,
      corsOrigins: [],
      wsInitTimeoutMs: 3000,
      trustProxy: false,
    });
    const config = loadConfig({ MAX_DEPTH: '8', MAX_BODY_BYTES: '4096', INTROSPECTION: 'off', CORS_ORIGINS: 'https://a.example, http://localhost:5173', TRUST_PROXY: 'true' });
    expect(config).toMatchObject({ limits: { maxDepth: 8, maxBodyBytes: 4096 }, introspection: false, corsOrigins: ['https://a.example', 'http://localhost:5173'], trustProxy: true });
  });

  it('should refuse an origin with a path, a limit out of range and a bad rate-limit tier', () => {
    const error = configError({ CORS_ORIGINS: 'https://a.example/app', MAX_DEPTH: '1', RATE_LIMITS: 'everything=1/1' });
    expect(namedIn(error).sort()).toEqual(['CORS_ORIGINS', 'MAX_DEPTH', 'RATE_LIMITS']);
  });

  it('should normalise ADMIN_HANDLES: trimmed, without @, lowercased', () => {
    expect(loadConfig({ ADMIN_HANDLES: ' @Ada, grace ' }).adminHandles).toEqual(new Set(['ada', 'grace']));
    expect(loadConfig({ ADMIN_HANDLES: 'ada,,' }).adminHandles).toEqual(new Set(['ada']));
  });
});

describe('loadOrCreateJwtSecret', () => {
  const dirs: string[] = [];
  const freshDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'chorus-secret-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('should create a long secret readable only by its owner', async () => {
    const dir = await freshDir();
    const secret = await loadOrCreateJwtSecret(dir);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, 'jwt-secret');
    expect((await readFile(file, 'utf8')).trim()).toBe(secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['jwt-secret']);
  });

  it('should create the data directory when it does not exist', async () => {
    const dir = path.join(await freshDir(), 'nested', 'data');
    expect((await loadOrCreateJwtSecret(dir)).length).toBeGreaterThanOrEqual(32);
  });

  it('should return the same secret on the next call', async () => {
    const dir = await freshDir();
    const first = await loadOrCreateJwtSecret(dir);
    expect(await loadOrCreateJwtSecret(dir)).toBe(first);
  });

  it('should give two concurrent calls on a fresh directory the same secret', async () => {
    // The race is narrow (one call creates the file, the other reads it before it is written),
    // so it is run on many fresh directories.
    for (let round = 0; round < 200; round += 1) {
      const dir = await freshDir();
      const [a, b] = await Promise.all([loadOrCreateJwtSecret(dir), loadOrCreateJwtSecret(dir)]);
      expect(a.length).toBeGreaterThanOrEqual(32);
      expect(b).toBe(a);
      expect(await readdir(dir)).toEqual(['jwt-secret']);
    }
  });

  it('should refuse a secret file that is too short', async () => {
    const dir = await freshDir();
    await writeFile(path.join(dir, 'jwt-secret'), 'short');
    await expect(loadOrCreateJwtSecret(dir)).rejects.toThrow(/shorter than 32 characters/);
  });
});
