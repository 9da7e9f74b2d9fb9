import { Link } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../generated/gql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { When } from '../../ui/when.tsx';
import { notificationPath, type NotificationTarget } from './notification-path.ts';

export const NotificationsMarkRead = graphql(`
  mutation NotificationsMarkRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input)
  }
`);

/**
 * markNotificationsRead answers a bare count, which names no type for urql's document cache:
 * name Notification, which every list of notifications holds and the navigation's unread count
 * declares (ui/layout.tsx), so those load again and nothing else does.
 */
export const readChanges = { additionalTypenames: ['Notification'] };

export interface ListedNotification extends NotificationTarget {
  id: string;
  text: string;
  createdAt: string;
  readAt: string | null;
}

/** One notification: its text (a link to what it is about), when, and "Mark read" while unread. */
export function NotificationItem({ notification, unread, onRead }: { notification: ListedNotification; unread: boolean; onRead(): void }) {
  const [{ fetching, error }, markRead] = useMutation(NotificationsMarkRead);
  const path = notificationPath(notification);

  const markThisRead = async () => {
    const result = await markRead({ input: { ids: [notification.id] } }, readChanges);
    if (!result.error) onRead();
  };

  return (
    <li className={unread ? 'notification unread' : 'notification'}>
      <div className="notification-body">
        <p className="notification-text">
          {unread && <span className="notification-new">New</span>}
          {path ? (
            <Link to={path} onClick={() => void (unread && markThisRead())}>
              {notification.text}
            </Link>
          ) : (
            notification.text
          )}
        </p>
        <p className="muted notification-time">
          <When iso={notification.createdAt} />
        </p>
        <ErrorAlert error={error} />
      </div>
      {unread && (
        <button type="button" className="secondary" onClick={() => void markThisRead()} disabled={fetching}>
          Mark read
        </button>
      )}
    </li>
  );
}
