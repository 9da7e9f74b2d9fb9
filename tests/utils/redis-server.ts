import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchOnFreePort, waitForLogLine } from './local-service.ts';
import { Redis } from 'ioredis';

/**
 * A private redis-server for one test file, on its own loopback port, so a test may stop and
 * restart it without touching the Redis that other test files share.
 */
export interface RedisServer {
  port: number;
  /** redis://127.0.0.1:port */
  url: string;
  running(): boolean;
  /** Stops the server (SIGTERM; SIGKILL if it lingers) and resolves once the process has exited. */
  stop(): Promise<void>;
  /** Kills the server at once (SIGKILL), as a crash would, and resolves once the process has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port; resolves once it answers PING. */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. Safe to call twice, or after a failed start. */
  close(): Promise<void>;
}

export interface RedisServerOptions {
  /** How long a start or a stop may take (default 10 s). */
  timeoutMs?: number;
}

/** Starts redis-server (from PATH) on a free port with persistence off; resolves once it answers PING. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const dir = await mkdtemp(join(tmpdir(), 'chorus-redis-'));
  let child: ChildProcess | undefined;
  // A test worker that dies mid-test must not leave a redis-server behind.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  let port = 0;
  const launch = async (): Promise<void> => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitUntilReady(child, port, timeoutMs);
  };

  const stop = async (): Promise<void> => {
    const server = child;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), timeoutMs);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  const kill = async (): Promise<void> => {
    const server = child;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = once(server, 'exit');
    server.kill('SIGKILL');
    await exited;
  };

  try {
    port = await launchOnFreePort(async (free) => {
      port = free;
      await launch();
    }, () => stop());
  } catch (error) {
    process.off('exit', killOnExit);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  let closed = false;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    stop,
    kill,
    async start() {
      if (closed) throw new Error('this Redis server was closed');
      await stop();
      await launch();
    },
    async close() {
      if (closed) return;
      closed = true;
      await stop();
      process.off('exit', killOnExit);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits for redis' "Ready to accept connections" log line, then checks it with a PING. Rejects
 * if the process exits first (a taken port) or the time runs out; keeps the log for the message.
 */
async function waitUntilReady(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  await waitForLogLine(child, { marker: 'Ready to accept connections', name: `redis-server on port ${port}`, timeoutMs });
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  try {
    await client.connect();
    const answer = await client.ping();
    if (answer !== 'PONG') throw new Error(`redis-server on port ${port} answered PING with ${answer}`);
  } finally {
    client.disconnect();
  }
}
