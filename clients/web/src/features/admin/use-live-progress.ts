import { useSubscription, type CombinedError } from 'urql';
import { graphql } from '../../generated/gql.ts';
import type { BroadcastState } from '../../generated/graphql.ts';
import type { ProgressCounts } from './progress-numbers.ts';

const AdminBroadcastProgress = graphql(`
  subscription AdminBroadcastProgress($id: ID!) {
    broadcastProgress(id: $id) { ...AdminProgressFields }
  }
`);

export interface LiveProgress {
  progress: ProgressCounts;
  /** It was SENDING and nothing is pending any more: it has just become DONE or CANCELLED. */
  settled: boolean;
  error: CombinedError | undefined;
}

/**
 * A broadcast's counts, live while it is SENDING: the API pushes them every second and a last
 * time when it is done or cancelled (then nothing is pending). The history and the progress
 * panel ask for the same stream, which urql shares. Use it under a key of the broadcast's id:
 * a stream's last counts must not outlive the broadcast they belong to.
 */
export function useLiveProgress(broadcastId: string, state: BroadcastState | undefined, stored: ProgressCounts | undefined): LiveProgress | null {
  const sending = state === 'SENDING';
  const [live] = useSubscription({ query: AdminBroadcastProgress, variables: { id: broadcastId }, pause: !sending });
  const pushed = sending ? live.data?.broadcastProgress : undefined;
  const progress = pushed ?? stored;
  if (!progress) return null;
  return { progress, settled: pushed?.pending === 0, error: sending ? live.error : undefined };
}
