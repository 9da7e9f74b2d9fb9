import type { AdminProgressFieldsFragment } from '../../generated/graphql.ts';

/** A broadcast's counts as the API gives them (BroadcastProgress). */
export type ProgressCounts = AdminProgressFieldsFragment;

/**
 * How much of the broadcast has been dealt with, 0–100. Cancelled deliveries are not counted
 * as done, so a cancelled broadcast's bar stays where sending stopped. Rounded down, so 100
 * means nothing is left, never "almost".
 */
export function percentDone(progress: ProgressCounts): number {
  if (progress.total === 0) return 100;
  const handled = progress.total - progress.pending - progress.cancelled;
  return Math.floor((handled / progress.total) * 100);
}

/** "about 12 s", "about 3 min", "about 2 h"; a dash when nothing is left or nothing is being sent. */
export function describeEta(etaSeconds: number | null, pending: number): string {
  if (pending === 0) return '—';
  if (etaSeconds === null) return 'waiting for the bot';
  if (etaSeconds < 60) return `about ${Math.max(1, etaSeconds)} s`;
  if (etaSeconds < 90 * 60) return `about ${Math.round(etaSeconds / 60)} min`;
  return `about ${Math.round(etaSeconds / 3600)} h`;
}

/** "2.5/s" */
export function describeRate(perSecond: number): string {
  return `${Number(perSecond.toFixed(2))}/s`;
}

/** "12 sent · 3 pending", naming only the counts that are not zero (sent always). */
export function summarizeProgress(progress: ProgressCounts): string {
  const parts = [`${progress.sent} sent`];
  if (progress.failed) parts.push(`${progress.failed} failed`);
  if (progress.blocked) parts.push(`${progress.blocked} blocked`);
  if (progress.pending) parts.push(`${progress.pending} pending`);
  if (progress.cancelled) parts.push(`${progress.cancelled} cancelled`);
  return parts.join(' · ');
}

/** "1 person", "5 people" */
export function people(count: number): string {
  return count === 1 ? '1 person' : `${count} people`;
}
