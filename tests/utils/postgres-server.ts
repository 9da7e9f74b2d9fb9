import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchOnFreePort, waitForLogLine } from './local-service.ts';
import pg from 'pg';

/**
 * A private PostgreSQL cluster for one test file, on its own loopback port, so a test may stop
 * and restart it without touching the server other test files share (127.0.0.1:5432).
 */
export interface PostgresServer {
  port: number;
  /** postgresql://postgres@127.0.0.1:port/postgres (trust authentication, no password). */
  url: string;
  running(): boolean;
  /**
   * Stops the server and resolves once the postmaster has exited. `fast` (the default) rolls
   * back open transactions and shuts down cleanly; `immediate` stops every process at once, as a
   * crash would, and the next start recovers from the WAL.
   */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data; resolves once it answers a query. */
  start(): Promise<void>;
  /** stop() then start(). */
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  /** A new, empty database on this server; its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops it for good and removes its directory. Safe to call twice, or after a failed start. */
  close(): Promise<void>;
}

export interface PostgresServerOptions {
  /** How long initdb, a start or a stop may take (default 30 s). */
  timeoutMs?: number;
}

/** The newest PostgreSQL installed under /usr/lib/postgresql (Debian's layout). */
async function binDir(): Promise<string> {
  const versions = (await readdir('/usr/lib/postgresql')).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('no PostgreSQL under /usr/lib/postgresql');
  return join('/usr/lib/postgresql', versions[0]!, 'bin');
}

/**
 * initdb and postgres refuse to run as root: when the tests run as root, the cluster belongs to
 * the `postgres` OS user and its programs run as that user (Node sets the uid and gid itself, so
 * the postmaster is our direct child and a signal to it reaches it, not a wrapper).
 */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** initdb into a fresh temporary directory, then starts the server on a free loopback port. */
export async function startPostgresServer(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const bin = await binDir();
  const user = runAs();
  const dir = await mkdtemp(join(tmpdir(), 'chorus-postgres-'));
  const data = join(dir, 'data');
  if (user) await chown(dir, user.uid, user.gid);
  const childEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };

  let child: ChildProcess | undefined;
  // A test worker that dies mid-test must not leave a postmaster behind: SIGQUIT is PostgreSQL's
  // immediate shutdown, which also ends every backend (SIGKILL would orphan them).
  const killOnExit = () => child?.kill('SIGQUIT');
  process.once('exit', killOnExit);

  const removeDir = () => rm(dir, { recursive: true, force: true });
  try {
    await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync'], { user, env: childEnv, timeoutMs });
  } catch (error) {
    process.off('exit', killOnExit);
    await removeDir();
    throw error;
  }

  let port = 0;
  const launch = async (): Promise<void> => {
    const args = [
      '-D', data,
      '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      // Its socket in its own directory: the machine's server owns /var/run/postgresql.
      '-c', `unix_socket_directories=${dir}`,
      // Durability against an OS crash is not what these tests are about; a crash of PostgreSQL
      // itself still loses nothing committed (synchronous_commit stays on).
      '-c', 'fsync=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=100',
    ];
    child = spawn(join(bin, 'postgres'), args, { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv, ...user });
    await waitUntilReady(child, port, timeoutMs);
  };

  const stop = async (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => {
    const server = child;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = once(server, 'exit');
    server.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    const timer = setTimeout(() => server.kill('SIGQUIT'), timeoutMs);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  try {
    port = await launchOnFreePort(async (free) => {
      port = free;
      await launch();
    }, () => stop('immediate'));
  } catch (error) {
    process.off('exit', killOnExit);
    await removeDir();
    throw error;
  }

  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let closed = false;
  const start = async () => {
    if (closed) throw new Error('this PostgreSQL server was closed');
    await stop();
    await launch();
  };
  return {
    port,
    url,
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    stop,
    start,
    async restart(mode) {
      await stop(mode);
      await start();
    },
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      await query(url, `CREATE DATABASE ${name}`);
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    async close() {
      if (closed) return;
      closed = true;
      await stop();
      process.off('exit', killOnExit);
      await removeDir();
    },
  };
}

/** Runs a program to its end; rejects with its output when it fails or takes too long. */
async function run(file: string, args: string[], options: { user?: { uid: number; gid: number } | undefined; env: NodeJS.ProcessEnv; timeoutMs: number }) {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env, ...options.user });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  try {
    const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
    if (code !== 0) throw new Error(`${file} ${args.join(' ')} failed (${code ?? signal}):\n${output}`);
  } finally {
    clearTimeout(timer);
  }
}

async function query(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Waits for the postmaster's "ready to accept connections" log line, then checks it with a
 * query. Rejects if the process exits first (a taken port) or the time runs out; keeps the log
 * for the message.
 */
async function waitUntilReady(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  await waitForLogLine(child, { marker: 'ready to accept connections', name: `postgres on port ${port}`, timeoutMs });
  await query(`postgresql://postgres@127.0.0.1:${port}/postgres`, 'SELECT 1');
}
