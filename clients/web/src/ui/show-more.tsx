import { describeError } from '../api/errors.ts';
import type { PagedList } from './paged-list.ts';

/** The "Show more" button under a paged list, and why the last page failed to load. */
export function ShowMore({ list }: { list: PagedList<unknown> }) {
  return (
    <>
      {list.moreError && (
        <p className="error" role="alert">
          {describeError(list.moreError)}
        </p>
      )}
      {list.hasMore && (
        <button type="button" className="secondary" onClick={() => void list.showMore()} disabled={list.loadingMore}>
          {list.loadingMore ? 'Loading…' : 'Show more'}
        </button>
      )}
    </>
  );
}
