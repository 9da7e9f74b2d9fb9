import { useEffect } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../generated/gql.ts';
import type { AdminBroadcastFieldsFragment, BroadcastState } from '../../generated/graphql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { When } from '../../ui/when.tsx';
import { ProgressFigures } from './progress-figures.tsx';
import { percentDone, people, type ProgressCounts } from './progress-numbers.ts';
import { useLiveProgress } from './use-live-progress.ts';

const AdminBroadcastQuery = graphql(`
  query AdminBroadcast($id: ID!) {
    node(id: $id) { id __typename ...AdminBroadcastFields }
  }
`);

const AdminCancelBroadcast = graphql(`
  mutation AdminCancelBroadcast($input: BroadcastTargetInput!) {
    cancelBroadcast(input: $input) { ...AdminBroadcastFields }
  }
`);

/**
 * One broadcast's progress, live while it is SENDING, with a way to cancel it. Mount it with
 * key={broadcastId} (see useLiveProgress).
 */
export function BroadcastProgressPanel({ broadcastId }: { broadcastId: string }) {
  const [{ data, error }, refetch] = useQuery({ query: AdminBroadcastQuery, variables: { id: broadcastId }, requestPolicy: 'cache-and-network' });
  const broadcast = data?.node?.__typename === 'Broadcast' ? (data.node as AdminBroadcastFieldsFragment) : null;
  const sending = broadcast?.state === 'SENDING';
  const live = useLiveProgress(broadcastId, broadcast?.state, broadcast?.progress);
  const [cancelling, cancelBroadcast] = useMutation(AdminCancelBroadcast);

  // Read whether it became DONE or CANCELLED.
  const settled = live?.settled ?? false;
  useEffect(() => {
    if (settled) refetch({ requestPolicy: 'network-only' });
  }, [settled, refetch]);

  if (error && !broadcast) return <ErrorAlert error={error} />;
  if (!broadcast || !live) return <p className="muted">Loading…</p>;

  const { progress } = live;
  const cancel = () => cancelBroadcast({ input: { broadcastId } });
  return (
    <div className="stack">
      <blockquote className="admin-quote">{broadcast.text}</blockquote>
      <p className="muted admin-meta">
        To {people(broadcast.recipientCount)}, sent <When iso={broadcast.createdAt} />
      </p>
      <ProgressBar percent={percentDone(progress)} />
      <p className="admin-outcome" role="status">
        {outcome(broadcast.state, progress)}
      </p>
      <ProgressFigures progress={progress} />
      <ErrorAlert error={live.error} />
      {sending && progress.pending > 0 && (
        <div className="row">
          <button type="button" className="danger" onClick={cancel} disabled={cancelling.fetching}>
            {cancelling.fetching ? 'Cancelling…' : 'Cancel broadcast'}
          </button>
        </div>
      )}
      <ErrorAlert error={cancelling.error} />
    </div>
  );
}

/** "Done", "Cancelled" or "Sending": the counts decide as soon as nothing is pending. */
function outcome(state: BroadcastState, progress: ProgressCounts): string {
  if (state === 'CANCELLED') return 'Cancelled: what was still pending will not be sent.';
  if (state === 'DONE' || (progress.pending === 0 && progress.cancelled === 0)) return 'Done';
  return 'Sending…';
}

function ProgressBar({ percent }: { percent: number }) {
  return (
    <div className="admin-bar row">
      <div className="progress" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label="Broadcast progress">
        <div style={{ width: `${percent}%` }} />
      </div>
      <span className="admin-percent">{percent}%</span>
    </div>
  );
}
