import { useState } from 'react';
import type { CombinedError } from 'urql';

/** Anything listed newest first: activities, notifications. */
export interface Dated {
  id: string;
  /** ISO 8601 (the API's DateTime), so comparing the strings compares the instants. */
  createdAt: string;
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface PageOf<Node> {
  edges: Edge<Node>[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * The items of every source in one list, newest first, each id once. When two sources hold the
 * same id the newer version wins (a NEW_MESSAGE notification comes back with a later time), and
 * on a tie the earlier source does, so pass the freshest source first.
 */
function newestFirst<Node extends Dated>(...sources: Node[][]): Node[] {
  const byId = new Map<string, Node>();
  for (const source of sources) {
    for (const node of source) {
      const kept = byId.get(node.id);
      if (!kept || node.createdAt > kept.createdAt) byId.set(node.id, node);
    }
  }
  return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

export interface PagedList<Node> {
  items: Node[];
  hasMore: boolean;
  loadingMore: boolean;
  /** Why the last "Show more" failed, if it did. */
  moreError: CombinedError | null;
  showMore(): Promise<void>;
}

/**
 * A newest-first list made of the first page (a query keeps it fresh), what arrived live, and the
 * older pages "Show more" fetched. Each older page also keeps what was shown when it was asked
 * for: an item that newer ones push out of the refreshed first page stays in view instead of
 * falling between the pages. (Activities are never deleted; a list whose items may go filters
 * them itself.)
 */
export function usePagedList<Node extends Dated>(
  firstPage: PageOf<Node> | undefined,
  live: Node[],
  fetchAfter: (cursor: string) => Promise<{ page?: PageOf<Node>; error?: CombinedError }>,
): PagedList<Node> {
  const [older, setOlder] = useState<{ edges: Edge<Node>[]; hasNextPage: boolean } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<CombinedError | null>(null);

  const firstEdges = firstPage?.edges ?? [];
  const olderEdges = older?.edges ?? [];
  const items = newestFirst(
    firstEdges.map((edge) => edge.node),
    live,
    olderEdges.map((edge) => edge.node),
  );
  const hasMore = older ? older.hasNextPage : (firstPage?.pageInfo.hasNextPage ?? false);

  const showMore = async () => {
    // The first page's cursors win: they belong to the newest version of an item.
    const cursors = new Map([...olderEdges, ...firstEdges].map((edge) => [edge.node.id, edge.cursor]));
    const oldest = items.findLast((item) => cursors.has(item.id));
    if (!oldest) return;
    setLoadingMore(true);
    setMoreError(null);
    const { page, error } = await fetchAfter(cursors.get(oldest.id)!);
    setLoadingMore(false);
    if (error || !page) {
      setMoreError(error ?? null);
      return;
    }
    const kept = new Map([...olderEdges, ...firstEdges, ...page.edges].map((edge) => [edge.node.id, edge]));
    setOlder({ edges: [...kept.values()], hasNextPage: page.pageInfo.hasNextPage });
  };

  return { items, hasMore, loadingMore, moreError, showMore };
}
