/** What the seed reports to: phases of known size, advanced in chunks. */
export interface Progress {
  start(label: string, total: number): void;
  advance(count: number): void;
  /** Ends the current phase (no-op when none is running). */
  finish(): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Characters inside the brackets (default 20). */
  width?: number;
  /** Clock for the per-phase time (default performance.now); tests pass a fake. */
  now?: () => number;
}

/** Reports nothing: for tests and callers that do not care. */
export const silentProgress: Progress = { start() {}, advance() {}, finish() {} };

/**
 * A bar redrawn in place with \r on a terminal (`[#####-----]  50% friendships 1200/2400`);
 * when the stream is a pipe or a file, where \r would leave a mess, only each phase's final line.
 */
export function createProgress(stream: ProgressStream, options: ProgressOptions = {}): Progress {
  const width = options.width ?? 20;
  const now = options.now ?? (() => performance.now());
  let phase: { label: string; total: number; done: number; startedAt: number } | undefined;

  const bar = (done: number, total: number) => {
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(share * width);
    const percent = `${Math.floor(share * 100)}%`.padStart(4);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}`;
  };
  const draw = () => {
    if (phase && stream.isTTY) stream.write(`\r${bar(phase.done, phase.total)} ${phase.label} ${phase.done}/${phase.total}`);
  };

  return {
    start(label, total) {
      phase = { label, total, done: 0, startedAt: now() };
      draw();
    },
    advance(count) {
      if (!phase) return;
      phase.done = Math.min(phase.total, phase.done + count);
      draw();
    },
    finish() {
      if (!phase) return;
      const elapsed = Math.round(now() - phase.startedAt);
      const line = `${bar(phase.total, phase.total)} ${phase.label} ${phase.total}/${phase.total} (${elapsed} ms)\n`;
      stream.write(stream.isTTY ? `\r${line}` : line);
      phase = undefined;
    },
  };
}
