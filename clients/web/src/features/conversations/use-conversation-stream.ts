import { useEffect, useRef, type Dispatch } from 'react';
import { CombinedError, stringifyDocument, type ErrorLike } from 'urql';
import { describeError } from '../../api/errors.ts';
import { useApp } from '../../app-context.tsx';
import { graphql } from '../../generated/gql.ts';
import type { ConversationsThreadEventsSubscription } from '../../generated/graphql.ts';
import { typingShownMs, type ThreadAction } from './thread-state.ts';

const ThreadEvents = graphql(`
  subscription ConversationsThreadEvents($conversationId: ID!, $afterSeq: Int) {
    conversationEvents(conversationId: $conversationId, afterSeq: $afterSeq) {
      __typename
      ... on MessageAdded { seq message { ...ConversationsMessageFields } }
      ... on MessageEdited { seq message { ...ConversationsMessageFields } }
      ... on ReactionChanged { seq message { ...ConversationsMessageFields } }
      ... on MessageDeleted { seq messageId }
      ... on MemberJoined { seq user { id displayName handle } }
      ... on MemberLeft { seq user { id displayName handle } }
      ... on ReadUpTo { seq readSeq user { id displayName handle } }
      ... on Typing { user { id displayName handle } }
    }
  }
`);

const eventsQuery = stringifyDocument(ThreadEvents);

export interface StreamOptions {
  conversationId: string;
  /** The lastSeq of the loaded history; null until it has loaded (nothing to follow yet). */
  startSeq: number | null;
  /** The highest seq applied so far: where to resume after a reconnect. */
  lastSeq: number;
  meId: string;
  dispatch: Dispatch<ThreadAction>;
  /** The stream failed or ended (e.g. the viewer was removed): what to tell them. */
  onEnded(message: string): void;
}

/**
 * Follows the conversation live over the app's socket, from the history's lastSeq on, so
 * nothing said between the query and the subscription is missed. graphql-ws resubscribes by
 * itself after a reconnect, with the old afterSeq; the reducer drops what it has seen. Once
 * connected again we also resubscribe from the current lastSeq, which keeps that replay short.
 */
export function useConversationStream({ conversationId, startSeq, lastSeq, meId, dispatch, onEnded }: StreamOptions): void {
  const { api } = useApp();
  const lastSeqRef = useRef(lastSeq);
  const onEndedRef = useRef(onEnded);
  useEffect(() => {
    lastSeqRef.current = lastSeq;
    onEndedRef.current = onEnded;
  });

  useEffect(() => {
    if (startSeq === null) return;
    const timers = new Set<ReturnType<typeof setTimeout>>();

    const follow = (afterSeq: number) => {
      let active = true;
      // An error comes with a `complete` after it: the first reason is the one to tell.
      const end = (message: string) => {
        if (!active) return;
        active = false;
        onEndedRef.current(message);
      };
      const stop = api.socket.subscribe<ConversationsThreadEventsSubscription>(
        { query: eventsQuery, variables: { conversationId, afterSeq } },
        {
          next(result) {
            if (!active) return;
            if (result.errors?.length) return end(describeGraphQLErrors(result.errors as ErrorLike[]));
            const event = result.data?.conversationEvents;
            if (!event) return;
            // Our own typing needs no indicator.
            if (event.__typename === 'Typing' && event.user.id === meId) return;
            const now = Date.now();
            dispatch({ type: 'event', event, now });
            if (event.__typename === 'Typing') {
              const timer = setTimeout(() => {
                timers.delete(timer);
                dispatch({ type: 'typingExpired', userId: event.user.id, until: now + typingShownMs });
              }, typingShownMs);
              timers.add(timer);
            }
          },
          error(error) {
            end(describeStreamError(error));
          },
          complete() {
            end('You can no longer follow this conversation.');
          },
        },
      );
      return () => {
        active = false;
        stop();
      };
    };

    let unfollow = follow(startSeq);
    const offReconnect = api.onReconnect(() => {
      // Subscribe anew before letting the old one go, so the socket never counts zero
      // subscriptions in between (it is lazy and would close).
      const previous = unfollow;
      unfollow = follow(lastSeqRef.current);
      previous();
    });
    return () => {
      offReconnect();
      unfollow();
      timers.forEach(clearTimeout);
    };
  }, [api, conversationId, startSeq, meId, dispatch]);
}

function describeGraphQLErrors(errors: ErrorLike[]): string {
  return describeError(new CombinedError({ graphQLErrors: errors }));
}

/** graphql-ws reports an error message's GraphQL errors, a close event, or an Error. */
function describeStreamError(error: unknown): string {
  if (Array.isArray(error)) return describeGraphQLErrors(error as ErrorLike[]);
  return describeError(new CombinedError({ networkError: error instanceof Error ? error : new Error('The live connection closed.') }));
}
