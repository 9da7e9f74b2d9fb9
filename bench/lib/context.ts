import type { SocialGraph } from './graph.ts';
import type { Row } from './results.ts';

export interface BenchContext {
  /** Every scenario at a tiny size (CI), instead of the sizes the goals are set for. */
  smoke: boolean;
  /** The PostgreSQL server (its maintenance database URL); scenarios create their own databases on it. */
  postgresUrl: string;
  redisUrl: string;
  /** The social graph's database, built on first use and kept for later runs. */
  graph(): Promise<{ url: string; graph: SocialGraph }>;
  /** Where charts go: next to RESULTS.md. */
  chartsDir: string;
  /** Picks the full-run or the smoke value. */
  size<T>(full: T, smoke: T): T;
  log(line: string): void;
}

export interface Scenario {
  /** Its number in the list (rows are ordered by it). */
  id: number;
  title: string;
  run(context: BenchContext): Promise<Row[]>;
}
