import { useEffect, useRef } from 'react';
import { useSubscription, type OperationContext } from 'urql';
import type { MyEventsSubscription } from '../../generated/graphql.ts';
import { MyEvents } from '../../ui/layout.tsx';

const friendKinds = new Set(['FRIEND_REQUEST', 'FRIEND_ACCEPTED']);

/** How many friend requests and acceptances have arrived since mounting (a pure reducer). */
function countFriendNews(count: number | undefined, event: MyEventsSubscription): number {
  const news = event.myEvents;
  const isFriendNews = news.__typename === 'NotificationAdded' && friendKinds.has(news.notification.kind);
  return (count ?? 0) + (isFriendNews ? 1 : 0);
}

/**
 * Runs `refetch` from the network whenever a friend request or an acceptance reaches the
 * viewer. It listens on the layout's own MyEvents document, so urql keeps one subscription.
 */
export function useRefetchOnFriendNews(refetch: (context?: Partial<OperationContext>) => void): void {
  const [{ data: news = 0 }] = useSubscription({ query: MyEvents }, countFriendNews);
  // Only news triggers a refetch, not a new `refetch` (it changes with the query's variables).
  const latestRefetch = useRef(refetch);
  latestRefetch.current = refetch;
  useEffect(() => {
    if (news > 0) latestRefetch.current({ requestPolicy: 'network-only' });
  }, [news]);
}
