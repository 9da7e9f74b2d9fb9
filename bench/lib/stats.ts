import * as hdr from 'hdr-histogram-js';

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
