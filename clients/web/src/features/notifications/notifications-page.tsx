import { useEffect, useId, useState } from 'react';
import { useClient, useMutation, useQuery, useSubscription } from 'urql';
import { graphql } from '../../generated/gql.ts';
import type { MyEventsSubscription } from '../../generated/graphql.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { MyEvents } from '../../ui/layout.tsx';
import { usePagedList, type PageOf } from '../../ui/paged-list.ts';
import { ShowMore } from '../../ui/show-more.tsx';
import { NotificationItem, NotificationsMarkRead, readChanges, type ListedNotification } from './notification-item.tsx';
import { awaitsSubject } from './notification-path.ts';
import './notifications.css';

const pageSize = 30;

const NotificationsPageQuery = graphql(`
  query NotificationsPage($first: Int!, $after: String, $unreadOnly: Boolean!) {
    me {
      notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
        edges {
          cursor
          node {
            id
            kind
            text
            createdAt
            readAt
            subject {
              __typename
              id
              ... on Message { conversation { id } }
            }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

/** Notifications pushed while the screen is open, newest first (the list drops repeats). */
function prependAdded(added: ListedNotification[] = [], event: MyEventsSubscription): ListedNotification[] {
  const item = event.myEvents;
  return item.__typename === 'NotificationAdded' ? [item.notification, ...added] : added;
}

/**
 * Without what the fresh first page shows to be gone: a notification missing from it although
 * its time lies within the page's span was withdrawn (a cancelled friend request) or, with
 * "Unread only", read elsewhere. Newer ones (arrived since) and older ones (later pages) stay.
 */
function withoutVanished(items: ListedNotification[], firstPage: PageOf<ListedNotification> | undefined): ListedNotification[] {
  const listed = firstPage?.edges.map((edge) => edge.node) ?? [];
  if (listed.length === 0) return items;
  const ids = new Set(listed.map((node) => node.id));
  const times = listed.map((node) => node.createdAt).sort();
  const oldest = firstPage!.pageInfo.hasNextPage ? times[0]! : '';
  const newest = times.at(-1)!;
  return items.filter((item) => ids.has(item.id) || item.createdAt > newest || item.createdAt < oldest);
}

/** The notifications screen: the list, newest first and live, unread ones marked, with "Mark all as read". */
export function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const filterId = useId();
  return (
    <section className="card stack notifications" aria-labelledby="notifications-heading">
      <div className="row notifications-header">
        <h2 id="notifications-heading">Notifications</h2>
        <div className="row notifications-filter">
          <input id={filterId} type="checkbox" checked={unreadOnly} onChange={(event) => setUnreadOnly(event.target.checked)} />
          <label htmlFor={filterId}>Unread only</label>
        </div>
      </div>
      {/* A new filter is a new list: its own pages, from the top. */}
      <NotificationList key={String(unreadOnly)} unreadOnly={unreadOnly} />
    </section>
  );
}

function NotificationList({ unreadOnly }: { unreadOnly: boolean }) {
  const client = useClient();
  const [{ data, error }, refetch] = useQuery({ query: NotificationsPageQuery, variables: { first: pageSize, unreadOnly } });
  const [added] = useSubscription({ query: MyEvents }, prependAdded);
  const [markAll, markAllRead] = useMutation(NotificationsMarkRead);
  // Read here, by id, with the time of the version that was read: an updated notification
  // (more messages in its conversation) comes back with a later time and is unread again.
  const [readHere, setReadHere] = useState(new Map<string, string>());

  // What arrives live carries no subject (where it leads). An updated notification keeps its
  // subject, so the listed version lends it; only a new one that needs it refetches the first page.
  const firstPage = data?.me.notifications;
  const subjects = new Map(firstPage?.edges.map(({ node }) => [node.id, node.subject]));
  const live = (added.data ?? []).map((item) => ({ ...item, subject: subjects.get(item.id) }));
  const list = usePagedList<ListedNotification>(firstPage, live, async (after) => {
    const result = await client.query(NotificationsPageQuery, { first: pageSize, after, unreadOnly }, { requestPolicy: 'network-only' }).toPromise();
    return { page: result.data?.me.notifications, error: result.error };
  });

  const awaitingSubject = live.filter(awaitsSubject).length;
  useEffect(() => {
    if (awaitingSubject > 0) refetch({ requestPolicy: 'network-only' });
  }, [awaitingSubject, refetch]);

  const isUnread = (item: ListedNotification) => !item.readAt && !((readHere.get(item.id) ?? '') >= item.createdAt);
  const markRead = (items: ListedNotification[]) =>
    setReadHere((current) => new Map([...current, ...items.map((item) => [item.id, item.createdAt] as const)]));
  const present = withoutVanished(list.items, firstPage);
  const shown = unreadOnly ? present.filter(isUnread) : present;

  const markEverythingRead = async () => {
    const result = await markAllRead({ input: { all: true } }, readChanges);
    if (!result.error) markRead(present);
  };

  return (
    <>
      <div className="row">
        <button type="button" onClick={() => void markEverythingRead()} disabled={markAll.fetching}>
          Mark all as read
        </button>
      </div>
      <ErrorAlert error={error ?? markAll.error} />
      {data && shown.length === 0 && <p className="muted">{unreadOnly ? 'No unread notifications.' : 'No notifications yet.'}</p>}
      <ul className="plain" aria-label="Notifications">
        {shown.map((notification) => (
          <NotificationItem key={notification.id} notification={notification} unread={isUnread(notification)} onRead={() => markRead([notification])} />
        ))}
      </ul>
      <ShowMore list={list} />
    </>
  );
}
