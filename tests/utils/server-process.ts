import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** A real server: `src/main.ts` in its own Node process, configured through its environment. */
export interface ServerProcess {
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  wsUrl: string;
  /** Its log lines, parsed (pino JSON). */
  logs: Record<string, unknown>[];
  /** Sends SIGTERM and resolves with the exit code once the process has ended. */
  stop(): Promise<number | null>;
}

/** Starts `src/main.ts` with `env` (PORT 0 picks a free port) and resolves once it listens. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  // A test that fails half-way must not leave a server behind.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);

  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const listening = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening" line within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(entry);
      if (typeof entry.url === 'string' && String(entry.msg).startsWith('Chorus is listening')) {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it listened:\n${stderr}`));
    });
  });

  const url = await listening.catch((error: unknown) => {
    kill();
    process.off('exit', kill);
    throw error;
  });
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    logs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      process.off('exit', kill);
      return code;
    },
  };
}
