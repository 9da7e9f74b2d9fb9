import { Figures } from './figures.tsx';
import { describeEta, describeRate, type ProgressCounts } from './progress-numbers.ts';

/** The counts behind the bar, with the sending rate and how long the rest should take. */
export function ProgressFigures({ progress }: { progress: ProgressCounts }) {
  const figures: [string, string | number][] = [
    ['Sent', progress.sent],
    ['Failed', progress.failed],
    ['Blocked', progress.blocked],
    ['Pending', progress.pending],
  ];
  if (progress.cancelled > 0) figures.push(['Cancelled', progress.cancelled]);
  figures.push(['Rate', describeRate(progress.perSecond)], ['ETA', describeEta(progress.etaSeconds, progress.pending)]);
  return <Figures figures={figures} />;
}
