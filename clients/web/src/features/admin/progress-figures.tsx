import { describeEta, describeRate, type ProgressCounts } from './progress-numbers.ts';

/** The counts behind the bar, with the sending rate and how long the rest should take. */
export function ProgressFigures({ progress }: { progress: ProgressCounts }) {
  const figures: [string, string][] = [
    ['Sent', String(progress.sent)],
    ['Failed', String(progress.failed)],
    ['Blocked', String(progress.blocked)],
    ['Pending', String(progress.pending)],
  ];
  if (progress.cancelled > 0) figures.push(['Cancelled', String(progress.cancelled)]);
  figures.push(['Rate', describeRate(progress.perSecond)], ['ETA', describeEta(progress.etaSeconds, progress.pending)]);
  return (
    <dl className="admin-figures">
      {figures.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
