import { useEffect, useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useApp, useSignedIn } from '../app-context.tsx';
import { graphql } from '../generated/gql.ts';

const UnreadCount = graphql(`
  query UnreadCount {
    me { unreadNotificationCount }
  }
`);

/** The viewer's own stream: every screen that shows their news listens to this one subscription. */
export const MyEvents = graphql(`
  subscription MyEvents {
    myEvents {
      __typename
      ... on NotificationAdded { notification { id kind text createdAt readAt } }
      ... on ConversationUpdated { conversation { id lastSeq unreadCount } }
      ... on CheckInDue { prompt { id text dueAt } }
    }
  }
`);

/**
 * The unread count changes with notifications that no query result names: marking them read
 * answers a bare count. Both that mutation and this query list Notification, so the one
 * refreshes the other (see notifications' `readChanges`).
 */
const unreadCountContext = { additionalTypenames: ['Notification'] };

const SignOut = graphql(`
  mutation SignOut {
    signOut
  }
`);

/** The frame of every signed-in screen: navigation, the connection's state, and the screen. */
export function Layout() {
  const session = useSignedIn();
  const { sessions } = useApp();
  const [{ data, fetching }, refetchCount] = useQuery({ query: UnreadCount, requestPolicy: 'cache-and-network', context: unreadCountContext });
  const [events] = useSubscription({ query: MyEvents });
  const [, signOut] = useMutation(SignOut);
  const online = useConnectionState();

  // A new notification adds to the count; a conversation read (here or in another tab) takes
  // its message notification off. A due check-in comes with its own NotificationAdded. A burst
  // of news while the count loads is answered by one more load once it is done.
  const latest = events.data?.myEvents;
  const [behind, setBehind] = useState(false);
  useEffect(() => {
    if (latest && latest.__typename !== 'CheckInDue') setBehind(true);
  }, [latest]);
  useEffect(() => {
    if (!behind || fetching) return;
    setBehind(false);
    refetchCount({ requestPolicy: 'network-only' });
  }, [behind, fetching, refetchCount]);

  const unread = data?.me.unreadNotificationCount ?? 0;
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Chorus</span>
        <nav aria-label="Main">
          <NavLink to="/friends">Friends</NavLink>
          <NavLink to="/conversations">Conversations</NavLink>
          <NavLink to="/diary">Diary</NavLink>
          <NavLink to="/notifications">
            Notifications
            {unread > 0 && (
              <span className="badge" aria-label={`${unread} unread`}>
                {unread}
              </span>
            )}
          </NavLink>
          {session.user.role === 'ADMIN' && <NavLink to="/admin">Admin</NavLink>}
          <NavLink to="/profile">Profile</NavLink>
        </nav>
        <span className="whoami">@{session.user.handle}</span>
        <button
          type="button"
          className="link-button"
          onClick={async () => {
            await signOut({});
            sessions.set(null);
          }}
        >
          Sign out
        </button>
      </header>
      {!online && (
        <p className="banner" role="status">
          Reconnecting…
        </p>
      )}
      <main>
        <Outlet />
      </main>
    </div>
  );
}

/** Whether the live connection is up (true until it first drops). */
function useConnectionState(): boolean {
  const { api } = useApp();
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const offClosed = api.socket.on('closed', () => setOnline(false));
    const offConnected = api.socket.on('connected', () => setOnline(true));
    return () => {
      offClosed();
      offConnected();
    };
  }, [api.socket]);
  return online;
}
