/** One row of bench/RESULTS.md: a scenario's measurement beside its reference and goal. */
export interface Row {
  scenario: string;
  /** What was measured, in words (sizes, concurrency, duration). */
  measured: string;
  ours: string;
  /** The reference measured in the same run, or the limit it is held to. */
  reference: string;
  ratio: string;
  goal: string;
  /** Whether the goal was met; null when the row could not run (its `ours` says why). */
  met: boolean | null;
}

/** A row for a scenario that did not produce a measurement, with the reason in place of a number. */
export function notRun(scenario: string, goal: string, why: string): Row {
  return { scenario, measured: '—', ours: `not run: ${why}`, reference: '—', ratio: '—', goal, met: null };
}

export const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`);
export const perSecond = (value: number) => `${value >= 100 ? value.toFixed(0) : value.toFixed(1)}/s`;
export const ratio = (value: number) => `${value.toFixed(2)}×`;
export const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function resultsTable(rows: Row[]): string {
  const header = '| scenario | what was measured | ours | reference (same run) | ratio | goal | met |\n|---|---|---|---|---|---|---|\n';
  return (
    header +
    rows
      .map((row) => {
        const met = row.met === null ? '—' : row.met ? 'yes' : '**no**';
        return `| ${[row.scenario, row.measured, row.ours, row.reference, row.ratio, row.goal, met].map(cell).join(' | ')} |`;
      })
      .join('\n') +
    '\n'
  );
}
