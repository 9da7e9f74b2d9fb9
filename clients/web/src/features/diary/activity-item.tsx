import { When } from '../../ui/when.tsx';

export interface ListedActivity {
  id: string;
  text: string;
  createdAt: string;
  promptText?: string | null;
  author?: { id: string; handle: string; displayName: string };
}

/** One diary entry: the question it answered (if any), its text, and who wrote it when. */
export function ActivityItem({ activity }: { activity: ListedActivity }) {
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
