import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** A real program of the project (a server, the bot) in its own Node process. */
export interface ChildProgram {
  /** Its log lines, parsed (pino JSON). */
  logs: Record<string, unknown>[];
  /** Sends SIGTERM and resolves with the exit code once the process has ended. */
  stop(): Promise<number | null>;
  /** Kills it at once (SIGKILL), as a crash would, and resolves once it has ended. */
  kill(): Promise<void>;
}

/** A real server: `src/main.ts`, configured through its environment. */
export interface ServerProcess extends ChildProgram {
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  wsUrl: string;
}

/** Starts `src/main.ts` with `env` (PORT 0 picks a free port) and resolves once it listens. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const program = await startProgram({
    entry: 'src/main.ts',
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    ready: (line) => typeof line.url === 'string' && String(line.msg).startsWith('Chorus is listening'),
    timeoutMs,
  });
  const url = String(program.readyLine.url);
  return { ...program, url, wsUrl: url.replace(/^http/, 'ws') };
}

/** Starts a TypeScript entry point with `env` and resolves once it logs a line that `ready` accepts. */
export async function startProgram(options: {
  entry: string;
  env: Record<string, string>;
  ready: (line: Record<string, unknown>) => boolean;
  timeoutMs?: number;
}): Promise<ChildProgram & { readyLine: Record<string, unknown> }> {
  const { entry, env, ready, timeoutMs = 30_000 } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  // A test that fails half-way must not leave a process behind.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);

  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const listening = new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(record);
      if (ready(record)) {
        clearTimeout(timer);
        resolve(record);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code}) before it was ready:\n${stderr}`));
    });
  });

  const readyLine = await listening.catch((error: unknown) => {
    kill();
    process.off('exit', kill);
    throw error;
  });
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const code = await exited;
    process.off('exit', kill);
    return code;
  };
  return {
    readyLine,
    logs,
    stop: () => end('SIGTERM'),
    async kill() {
      await end('SIGKILL');
    },
  };
}
