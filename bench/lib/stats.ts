import * as hdr from 'hdr-histogram-js';
import { percentileTicks } from './svg.ts';

/** Latency samples in milliseconds, summarised by percentiles (HdrHistogram, microsecond resolution). */
export class Latencies {
  private readonly histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });

  record(milliseconds: number) {
    this.histogram.recordValue(Math.max(1, Math.round(milliseconds * 1000)));
  }

  get count() {
    return this.histogram.totalCount;
  }

  /** The p-th percentile (0–100), in milliseconds. */
  percentile(p: number) {
    return this.histogram.getValueAtPercentile(p) / 1000;
  }

  summary(): LatencySummary {
    return { count: this.count, p50: this.percentile(50), p90: this.percentile(90), p99: this.percentile(99), max: this.histogram.maxValue / 1000 };
  }
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Percentiles of plain samples (small sets, where a histogram is not worth it). */
export function summarise(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: sorted.at(-1) ?? Number.NaN };
}

/** What a load generator prints: throughput, latency percentiles (ms) and errors. */
export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Latency at each of the chart percentiles (50, 75, 90, 95, 99, 99.9), in ms. */
  percentiles: Record<string, number>;
  errors: number;
  firstError?: string;
}

/**
 * A warm-up whose numbers are thrown away, then the measured run: `run` sends for the seconds
 * given, recording each latency into the histogram it is handed (none during the warm-up).
 */
export async function measureLoad(
  run: (seconds: number, latencies: Latencies | null) => Promise<{ errors: number; firstError?: string | undefined }>,
  warmupSeconds: number,
  durationSeconds: number,
): Promise<LoadResult> {
  if (warmupSeconds > 0) await run(warmupSeconds, null);
  const latencies = new Latencies();
  const started = performance.now();
  const { errors, firstError } = await run(durationSeconds, latencies);
  const elapsed = (performance.now() - started) / 1000;
  const summary = latencies.summary();
  return {
    requests: summary.count,
    requestsPerSecond: summary.count / elapsed,
    p50: summary.p50,
    p90: summary.p90,
    p99: summary.p99,
    max: summary.max,
    percentiles: Object.fromEntries(percentileTicks.map((p) => [String(p), latencies.percentile(p)])),
    errors,
    ...(firstError ? { firstError } : {}),
  };
}

/**
 * `workers` loops, each sending one request after the other until `seconds` have passed,
 * recording every latency. `sendOne` answers null, or what went wrong; the first such answer
 * is kept for the report.
 */
export async function closedLoop(
  workers: number,
  seconds: number,
  latencies: Latencies | null,
  sendOne: () => Promise<string | null>,
): Promise<{ errors: number; firstError?: string }> {
  let errors = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const error = await sendOne().catch((e: Error) => e.message);
        latencies?.record(performance.now() - started);
        if (error) {
          errors += 1;
          firstError ??= error;
        }
      }
    }),
  );
  return firstError === undefined ? { errors } : { errors, firstError };
}
