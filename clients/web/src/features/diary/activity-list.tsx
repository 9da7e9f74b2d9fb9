import type { PagedList } from '../../ui/paged-list.ts';
import { ShowMore } from '../../ui/show-more.tsx';
import { When } from '../../ui/when.tsx';

export interface ListedActivity {
  id: string;
  text: string;
  createdAt: string;
  promptText?: string | null;
  author?: { id: string; handle: string; displayName: string };
}

/**
 * A paged list of diary entries, newest first, with its "Show more"; `empty` is said when the
 * first page came back (`loaded`) with nothing in it.
 */
export function ActivityList({ label, list, loaded, empty }: { label: string; list: PagedList<ListedActivity>; loaded: boolean; empty: string }) {
  return (
    <>
      {loaded && list.items.length === 0 && <p className="muted">{empty}</p>}
      <ul className="plain" aria-label={label}>
        {list.items.map((activity) => (
          <ActivityItem key={activity.id} activity={activity} />
        ))}
      </ul>
      <ShowMore list={list} />
    </>
  );
}

/** One diary entry: the question it answered (if any), its text, and who wrote it when. */
function ActivityItem({ activity }: { activity: ListedActivity }) {
  return (
    <li className="diary-entry">
      {activity.promptText && <p className="muted diary-entry-prompt">Answering: {activity.promptText}</p>}
      <p className="diary-entry-text">{activity.text}</p>
      <p className="muted diary-entry-meta">
        {activity.author && (
          <>
            <strong>{activity.author.displayName}</strong> @{activity.author.handle} ·{' '}
          </>
        )}
        <When iso={activity.createdAt} />
      </p>
    </li>
  );
}
