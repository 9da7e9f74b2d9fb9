import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
}

/**
 * Waits for a service's `marker` log line (on stdout or stderr). Rejects if the process exits
 * first (a taken port) or the time runs out, with the log so far in the message. Afterwards
 * its output keeps being drained, so a full pipe never blocks it.
 */
export async function waitForLogLine(child: ChildProcess, options: { marker: string; name: string; timeoutMs: number }): Promise<void> {
  const { marker, name, timeoutMs } = options;
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`${name} was not ready within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes(marker)) finish();
    };
    const onExit = (code: number | null, signal: string | null) => finish(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${log}`));
    const onError = (error: Error) => finish(error);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
  child.stdout!.resume();
  child.stderr!.resume();
}

/**
 * Runs `launch` on a free port and returns the port. Another process may take the port between
 * the probe and the service's bind, so a failed launch is cleaned up with `abandon` and tried
 * again on another port, `attempts` times in all.
 */
export async function launchOnFreePort(launch: (port: number) => Promise<void>, abandon: () => Promise<void>, attempts = 3): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      await launch(port);
      return port;
    } catch (error) {
      await abandon();
      if (attempt === attempts) throw error;
    }
  }
}
