import { useCallback, useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import type { AdminBroadcastFieldsFragment } from '../../generated/graphql.ts';
import { When } from '../../ui/when.tsx';
import { people, summarizeProgress } from './progress-numbers.ts';
import { useLiveProgress } from './use-live-progress.ts';

const AdminBroadcastHistory = graphql(`
  query AdminBroadcastHistory($first: Int!, $after: String) {
    broadcasts(first: $first, after: $after) {
      edges { cursor node { ...AdminBroadcastFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const pageSize = 20;

// An empty history names no Broadcast, so the cache would not know a sent one changes it.
const historyContext = { additionalTypenames: ['Broadcast'] };

interface Selection {
  selectedId: string | null;
  onSelect: (broadcastId: string) => void;
}

interface PageEnd {
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * Every broadcast, newest first, 20 at a time. Each page starts after the current end of the
 * page before it, so when a new broadcast pushes the first page along, the next follows and
 * nothing is skipped or shown twice.
 */
export function BroadcastHistory({ selectedId, onSelect }: Selection) {
  const [pageCount, setPageCount] = useState(1);
  const [ends, setEnds] = useState<Record<number, PageEnd>>({});
  const reportEnd = useCallback((index: number, end: PageEnd) => {
    setEnds((known) => {
      const before = known[index];
      return before && before.hasNextPage === end.hasNextPage && before.endCursor === end.endCursor ? known : { ...known, [index]: end };
    });
  }, []);

  const pages = [];
  for (let index = 0; index < pageCount; index += 1) {
    const after = index === 0 ? null : ends[index - 1]?.endCursor;
    if (after === undefined) break;
    pages.push(<HistoryPage key={index} index={index} after={after} selectedId={selectedId} onSelect={onSelect} onEnd={reportEnd} />);
  }
  const last = ends[pageCount - 1];
  return (
    <>
      <ul className="plain admin-history">{pages}</ul>
      {last?.hasNextPage && (
        <button type="button" className="secondary" onClick={() => setPageCount((count) => count + 1)}>
          Show more
        </button>
      )}
    </>
  );
}

interface PageProps extends Selection {
  index: number;
  after: string | null;
  onEnd: (index: number, end: PageEnd) => void;
}

/** One page of the history, as list items of the history's list. */
function HistoryPage({ index, after, selectedId, onSelect, onEnd }: PageProps) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: AdminBroadcastHistory,
    variables: { first: pageSize, after },
    requestPolicy: 'cache-and-network',
    context: historyContext,
  });
  const connection = data?.broadcasts;
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);

  useEffect(() => {
    if (connection) onEnd(index, connection.pageInfo);
  }, [connection, index, onEnd]);

  if (error && !connection) {
    return (
      <li className="error" role="alert">
        {describeError(error)}
      </li>
    );
  }
  if (!connection) return fetching ? <li className="muted">Loading…</li> : null;
  if (index === 0 && connection.edges.length === 0) return <li className="muted">No broadcasts yet.</li>;
  return (
    <>
      {connection.edges.map(({ node }) => (
        <li key={node.id}>
          <HistoryItem broadcast={node} selected={node.id === selectedId} onSelect={onSelect} onSettled={refresh} />
        </li>
      ))}
    </>
  );
}

interface ItemProps {
  broadcast: AdminBroadcastFieldsFragment;
  selected: boolean;
  onSelect: (id: string) => void;
  onSettled: () => void;
}

/** One broadcast, its counts live while it is SENDING; when it finishes, its page is read again for its new state. */
function HistoryItem({ broadcast, selected, onSelect, onSettled }: ItemProps) {
  const live = useLiveProgress(broadcast.id, broadcast.state, broadcast.progress);
  const settled = live?.settled ?? false;
  useEffect(() => {
    if (settled) onSettled();
  }, [settled, onSettled]);
  return (
    <button type="button" className="admin-history-item" aria-pressed={selected} onClick={() => onSelect(broadcast.id)}>
      <span className="admin-history-text">{broadcast.text}</span>
      <span className="admin-history-meta">
        <span className={`admin-state admin-state-${broadcast.state.toLowerCase()}`}>{broadcast.state}</span>
        <When iso={broadcast.createdAt} />
        <span>to {people(broadcast.recipientCount)}</span>
        <span>{summarizeProgress(live?.progress ?? broadcast.progress)}</span>
      </span>
    </button>
  );
}
