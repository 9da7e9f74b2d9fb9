import { useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { describeError } from '../../api/errors.ts';

/** How many people one page of a list holds. */
export const pageSize = 20;

/**
 * The query context of every list of people: an empty list names no User, and the document
 * cache would then miss that a friendship mutation changed it.
 */
export const listsPeople = { additionalTypenames: ['User'] };

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

interface PageProps {
  /** The items of this page, as <li> elements. */
  children: ReactNode;
  itemCount: number;
  fetching: boolean;
  error: CombinedError | undefined;
  pageInfo: PageInfo | undefined;
  /** Shown when the first page holds nothing. */
  empty: string;
  isFirstPage: boolean;
  /** The next page, starting after `cursor`. */
  nextPage: (cursor: string) => ReactNode;
}

/**
 * One page of a connection inside its list: its items, its loading or error state, and a
 * "Show more" button that opens the next page after this page's endCursor. Each page is its
 * own query, so a refetch after a mutation keeps every open page current.
 */
export function Page({ children, itemCount, fetching, error, pageInfo, empty, isFirstPage, nextPage }: PageProps) {
  return (
    <>
      {children}
      {error && (
        <li className="error" role="alert">
          {describeError(error)}
        </li>
      )}
      {fetching && itemCount === 0 && <li className="muted">Loading…</li>}
      {!fetching && !error && itemCount === 0 && isFirstPage && <li className="muted">{empty}</li>}
      {pageInfo?.hasNextPage && pageInfo.endCursor && <ShowMore cursor={pageInfo.endCursor} nextPage={nextPage} />}
    </>
  );
}

function ShowMore({ cursor, nextPage }: { cursor: string; nextPage: (cursor: string) => ReactNode }) {
  const [open, setOpen] = useState(false);
  if (open) return nextPage(cursor);
  return (
    <li className="show-more">
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Show more
      </button>
    </li>
  );
}
