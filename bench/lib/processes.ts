import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

/** Where the processes a run starts write their output. */
export const outputDir = 'test-output/bench';

/**
 * The cores server and load run on: the server under test on the first, load generators on the
 * last, so the two do not take each other's time (PostgreSQL and Redis run wherever the OS puts
 * them). On a one-core machine both get core 0 and the results say so.
 */
export const cores = (() => {
  const count = availableParallelism();
  return { server: '0', load: String(count - 1), count };
})();

export interface Program {
  pid: number;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it has exited. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash would. */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A run that fails half-way must not leave servers or load behind.
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/**
 * Starts a TypeScript entry point in its own Node process, pinned with taskset to `cpu`, its
 * output appended to test-output/bench/<name>.log.
 */
export function startProgram(options: { name: string; entry: string; args?: string[]; env?: Record<string, string>; cpu: string; nodeOptions?: string[] }): Program {
  mkdirSync(outputDir, { recursive: true });
  const log = createWriteStream(join(outputDir, `${options.name}.log`), { flags: 'a' });
  const child = spawn('taskset', ['-c', options.cpu, process.execPath, ...(options.nodeOptions ?? []), '--import', 'tsx', options.entry, ...(options.args ?? [])], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  running.add(child);
  const exited = once(child, 'exit').then(() => running.delete(child));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { pid: child.pid!, child, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

/**
 * Runs a load generator (a script of bench/load) on the load core with its config as JSON on
 * argv, and resolves with the JSON it prints as its last line of stdout.
 */
export async function runLoad<Result>(name: string, entry: string, config: unknown, env?: Record<string, string>): Promise<Result> {
  // Linux caps one argument at 128 KB; a larger config (a thousand tokens, say) goes by file.
  let argument = JSON.stringify(config);
  if (argument.length > 64 * 1024) {
    mkdirSync(outputDir, { recursive: true });
    const path = join(outputDir, `${name.replace(/[^\w.-]+/g, '-')}-config.json`);
    writeFileSync(path, argument);
    argument = `@${path}`;
  }
  const child = spawn('taskset', ['-c', cores.load, process.execPath, '--max-old-space-size=4096', '--import', 'tsx', entry, argument], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  running.delete(child);
  if (code !== 0) throw new Error(`${name} (${entry}) exited with ${code}:\n${stderr.slice(-4000)}`);
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Result;
}

/** A load generator's config, as runLoad passed it: JSON on argv, or `@path` of a file holding it. */
export function loadConfigArgument<Config>(): Config {
  const argument = process.argv[2]!;
  return JSON.parse(argument.startsWith('@') ? readFileSync(argument.slice(1), 'utf8') : argument) as Config;
}

/** A free TCP port on loopback (the tests' probe). */
export { freePort } from '../../tests/utils/local-service.ts';

/** Polls `url` until it answers 200, or fails after `timeoutMs`. */
export async function waitUntilReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resident memory of a process, in bytes (from /proc). */
export async function residentBytes(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}
