import { useCallback, useEffect, useRef, useState, type Dispatch } from 'react';
import { useClient } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import type { ConversationKind } from '../../generated/graphql.ts';
import type { ThreadAction, ThreadState } from './thread-state.ts';

export const pageSize = 30;

// lastSeq comes with the conversation's row, read before the messages: the history holds at
// least everything up to it, and the stream resumes from it (a repeat is dropped, nothing is missed).
const ThreadHistory = graphql(`
  query ConversationsThread($id: ID!, $last: Int!) {
    conversation(id: $id) {
      id
      lastSeq
      kind
      title
      members(first: 100) { edges { node { role readSeq user { id displayName handle } } } }
      messages(last: $last) {
        pageInfo { hasPreviousPage startCursor }
        edges { node { ...ConversationsMessageFields } }
      }
    }
  }
`);

const OlderMessages = graphql(`
  query ConversationsOlderMessages($id: ID!, $last: Int!, $before: String!) {
    conversation(id: $id) {
      id
      messages(last: $last, before: $before) {
        pageInfo { hasPreviousPage startCursor }
        edges { node { ...ConversationsMessageFields } }
      }
    }
  }
`);

export interface ThreadInfo {
  kind: ConversationKind;
  title: string | null;
}

/**
 * Loads the newest page of the thread once (later pages on demand). Queried through the
 * client rather than useQuery: the thread lives in its reducer from then on, and the
 * document cache must not reload it over the live state after every mutation.
 */
export function useThreadHistory(conversationId: string, older: ThreadState['older'], dispatch: Dispatch<ThreadAction>) {
  const client = useClient();
  const [info, setInfo] = useState<ThreadInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);
  const loadingOlderRef = useRef(false);

  useEffect(() => {
    let current = true;
    void client
      .query(ThreadHistory, { id: conversationId, last: pageSize }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (!current) return;
        if (result.error) return setError(describeError(result.error));
        const conversation = result.data?.conversation;
        if (!conversation) return setError('Not found: this conversation does not exist, or you are not in it.');
        setInfo({ kind: conversation.kind, title: conversation.title });
        dispatch({
          type: 'loaded',
          lastSeq: conversation.lastSeq,
          messages: conversation.messages.edges.map((edge) => edge.node),
          members: conversation.members.edges.map(({ node }) => ({
            userId: node.user.id,
            displayName: node.user.displayName,
            handle: node.user.handle,
            role: node.role,
            readSeq: node.readSeq,
          })),
          older: { hasPrevious: conversation.messages.pageInfo.hasPreviousPage, cursor: conversation.messages.pageInfo.startCursor },
        });
      });
    return () => {
      current = false;
    };
  }, [client, conversationId, dispatch]);

  const { hasPrevious, cursor } = older;
  const loadOlder = useCallback(async () => {
    if (!hasPrevious || !cursor || loadingOlderRef.current) return;
    loadingOlderRef.current = true;
    setLoadingOlder(true);
    setOlderError(null);
    const result = await client
      .query(OlderMessages, { id: conversationId, last: pageSize, before: cursor }, { requestPolicy: 'network-only' })
      .toPromise();
    loadingOlderRef.current = false;
    setLoadingOlder(false);
    if (result.error) return setOlderError(describeError(result.error));
    const messages = result.data?.conversation?.messages;
    if (!messages) return;
    dispatch({
      type: 'olderLoaded',
      messages: messages.edges.map((edge) => edge.node),
      older: { hasPrevious: messages.pageInfo.hasPreviousPage, cursor: messages.pageInfo.startCursor },
    });
  }, [client, conversationId, hasPrevious, cursor, dispatch]);

  return { info, error, loadingOlder, olderError, loadOlder };
}
