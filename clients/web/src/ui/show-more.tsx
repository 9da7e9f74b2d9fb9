import { ErrorAlert } from './error-alert.tsx';
import type { PagedList } from './paged-list.ts';

/** The "Show more" button under a paged list, and why the last page failed to load. */
export function ShowMore({ list }: { list: PagedList<unknown> }) {
  return (
    <>
      <ErrorAlert error={list.moreError} />
      {list.hasMore && (
        <button type="button" className="secondary" onClick={() => void list.showMore()} disabled={list.loadingMore}>
          {list.loadingMore ? 'Loading…' : 'Show more'}
        </button>
      )}
    </>
  );
}
