import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { print } from 'graphql';
import { ConversationsThreadEventsDocument } from '../../clients/web/src/generated/graphql.ts';
import type { WsLoadConfig, WsLoadResult } from '../load/ws-fan-out.ts';
import { cores, freePort, outputDir, runLoad, startProgram, waitUntilReady, type Program } from './processes.ts';

/**
 * What the web client subscribes to for an open thread: its own ConversationsThreadEvents
 * document, as codegen keeps it, so the benchmark follows the client when the document changes.
 */
export const threadEventsSubscription = print(ConversationsThreadEventsDocument);

/**
 * Runs bench/load/ws-fan-out.ts on the load core. Its config goes through a file, since
 * thousands of tokens are too long for one command-line argument.
 */
export async function runSubscriptionLoad(name: string, config: WsLoadConfig): Promise<WsLoadResult> {
  const configFile = join(outputDir, `${name}.config.json`);
  writeFileSync(configFile, JSON.stringify(config));
  try {
    const result = await runLoad<WsLoadResult>(name, 'bench/load/ws-fan-out.ts', { configFile });
    if (result.unexpectedCloses > 0 || result.subscriptionErrors > 0) {
      throw new Error(`${name}: ${result.unexpectedCloses} sockets closed and ${result.subscriptionErrors} subscriptions failed; first: ${result.firstProblem}`);
    }
    return result;
  } finally {
    rmSync(configFile, { force: true });
  }
}

export interface BareWsServer extends Program {
  /** ws://127.0.0.1:PORT/graphql */
  wsUrl: string;
  /** http://127.0.0.1:PORT/trigger */
  triggerUrl: string;
}

/** bench/load/bare-ws-server.ts, pinned to the server core as ours is. */
export async function startBareWsServer(name: string): Promise<BareWsServer> {
  const port = await freePort();
  const program = startProgram({ name, entry: 'bench/load/bare-ws-server.ts', args: [String(port)], cpu: cores.server });
  try {
    await waitUntilReady(`http://127.0.0.1:${port}/ready`);
  } catch (error) {
    await program.kill();
    throw error;
  }
  return { ...program, wsUrl: `ws://127.0.0.1:${port}/graphql`, triggerUrl: `http://127.0.0.1:${port}/trigger` };
}

/**
 * Fails unless `pid` is the Node process itself: the memory and CPU read from /proc must be the
 * server's, not those of the taskset that started it (taskset execs, so they are one pid).
 */
export function assertNodeProcess(pid: number) {
  const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
  if (!/node/.test(argv0.split('/').at(-1) ?? '')) throw new Error(`process ${pid} is ${argv0}, not node`);
}

/** The soft open-files limit of a process (sockets count against it). */
export function openFilesLimit(pid: number | 'self'): number {
  const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
  return Number(/Max open files\s+(\d+)/.exec(limits)?.[1] ?? Number.POSITIVE_INFINITY);
}

/** The p-th percentile (0–100) of a small set of samples, nearest rank (as summarise picks them). */
export function samplePercentile(samples: number[]): (p: number) => number {
  const sorted = [...samples].sort((a, b) => a - b);
  return (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/**
 * Starts programs side by side (their start-up is the slow part of a smoke run). Each one that
 * comes up is added to `running`, which the caller stops in a finally, so a failure of one
 * leaves none behind; the first failure is thrown.
 */
export async function startSideBySide<T extends Program[]>(running: Program[], starters: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const outcomes = await Promise.allSettled(
    (starters as (() => Promise<Program>)[]).map(async (start) => {
      const program = await start();
      running.push(program);
      return program;
    }),
  );
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return outcomes.map((outcome) => (outcome as PromiseFulfilledResult<Program>).value) as T;
}
