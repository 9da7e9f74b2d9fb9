import { useEffect, useId, useRef, useState } from 'react';
import { NavLink } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { useSignedIn } from '../../app-context.tsx';
import { graphql } from '../../generated/gql.ts';
import type { ConversationsListQuery, MyEventsSubscription } from '../../generated/graphql.ts';
import { MyEvents } from '../../ui/layout.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { excerpt } from './message-fields.ts';
import { conversationName } from './conversation-name.ts';
import { NewGroupForm } from './new-group-form.tsx';

const ConversationsList = graphql(`
  query ConversationsList($first: Int!) {
    me {
      user { id }
      conversations(first: $first) {
        pageInfo { hasNextPage }
        edges {
          node {
            id
            kind
            title
            lastSeq
            unreadCount
            lastMessage { id text author { id displayName } }
            members(first: 10) { edges { node { user { id displayName } } } }
          }
        }
      }
    }
  }
`);

type ListedConversation = ConversationsListQuery['me']['conversations']['edges'][number]['node'];

/** The newest lastSeq and unread count each conversation's ConversationUpdated reported. */
type LiveCounts = Record<string, { lastSeq: number; unreadCount: number }>;

const pageSize = 30;

/** Runs inside urql's state update, so it only folds the event into the counts. */
function foldUpdate(counts: LiveCounts = {}, data: MyEventsSubscription): LiveCounts {
  const event = data.myEvents;
  if (event.__typename !== 'ConversationUpdated') return counts;
  const { id, lastSeq, unreadCount } = event.conversation;
  const known = counts[id];
  if (known && known.lastSeq > lastSeq) return counts;
  return { ...counts, [id]: { lastSeq, unreadCount } };
}

/**
 * The viewer's conversations, most recent activity first (the API's order). ConversationUpdated
 * events update the unread badges at once, and reload the list when a conversation is new to it
 * or has news that may move it up.
 */
export function ConversationList() {
  const meId = useSignedIn().user.id;
  const headingId = useId();
  const [first, setFirst] = useState(pageSize);
  const [creating, setCreating] = useState(false);
  const [{ data, error, fetching, stale }, reload] = useQuery({ query: ConversationsList, variables: { first }, requestPolicy: 'cache-and-network' });
  const [{ data: live }] = useSubscription<MyEventsSubscription, LiveCounts>({ query: MyEvents }, foldUpdate);
  useReloadOnNews(data, fetching || stale, live, reload);

  const conversations = data?.me.conversations.edges.map((edge) => edge.node) ?? [];
  return (
    <section className="card conversation-list" aria-labelledby={headingId}>
      <div className="list-header">
        <h2 id={headingId}>Conversations</h2>
        <button type="button" className="secondary" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          New group
        </button>
      </div>
      {creating && <NewGroupForm onDone={() => setCreating(false)} />}
      <ErrorAlert error={error} />
      {fetching && !data && <p className="muted">Loading…</p>}
      {data && conversations.length === 0 && <p className="muted">No conversations yet. Message a friend, or make a group.</p>}
      <ul className="plain conversations">
        {conversations.map((conversation) => (
          <ConversationRow key={conversation.id} conversation={conversation} meId={meId} unread={unreadOf(conversation, live)} />
        ))}
      </ul>
      {data?.me.conversations.pageInfo.hasNextPage && (
        <button type="button" className="secondary" disabled={fetching} onClick={() => setFirst(first + pageSize)}>
          Show more
        </button>
      )}
    </section>
  );
}

function ConversationRow({ conversation, meId, unread }: { conversation: ListedConversation; meId: string; unread: number }) {
  const people = conversation.members.edges.map((edge) => edge.node.user);
  const last = conversation.lastMessage;
  const preview = last ? `${last.author.id === meId ? 'You' : last.author.displayName}: ${excerpt(last.text, 60)}` : 'No messages yet';
  return (
    <li>
      <NavLink to={`/conversations/${encodeURIComponent(conversation.id)}`} className="conversation-link">
        <span className="conversation-name">{conversationName(conversation, people, meId)}</span>
        {unread > 0 && (
          <span className="badge" aria-label={`${unread} unread`}>
            {unread}
          </span>
        )}
        <span className="preview muted">{preview}</span>
      </NavLink>
    </li>
  );
}

/** A live count is newer than the list's when it speaks of the same or a later event. */
function unreadOf(conversation: ListedConversation, live: LiveCounts | undefined): number {
  const counted = live?.[conversation.id];
  return counted && counted.lastSeq >= conversation.lastSeq ? counted.unreadCount : conversation.unreadCount;
}

/**
 * Reloads the list when an update names a conversation it lacks or is behind on, once per piece
 * of news. Never while a reload is under way (ours, or the cache's after a mutation): its answer
 * may hold the news already, so a burst of messages costs a reload or two, not one each. A
 * conversation the first page cannot show (an old one with news that does not move it up) is
 * asked about once, not for ever.
 */
function useReloadOnNews(
  data: ConversationsListQuery | undefined,
  loading: boolean,
  live: LiveCounts | undefined,
  reload: (options: { requestPolicy: 'network-only' }) => void,
) {
  const asked = useRef(new Set<string>());
  useEffect(() => {
    if (!data || !live || loading) return;
    const listed = new Map(data.me.conversations.edges.map((edge) => [edge.node.id, edge.node.lastSeq]));
    let news = false;
    for (const [id, { lastSeq }] of Object.entries(live)) {
      const known = listed.get(id);
      if (known !== undefined && known >= lastSeq) continue;
      const key = `${id}:${lastSeq}`;
      if (asked.current.has(key)) continue;
      // One reload answers for every piece of news it finds.
      asked.current.add(key);
      news = true;
    }
    if (news) reload({ requestPolicy: 'network-only' });
  }, [data, loading, live, reload]);
}
