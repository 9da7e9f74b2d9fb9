import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';

const MarkRead = graphql(`
  mutation ConversationsMarkRead($input: MarkReadInput!) {
    markRead(input: $input) { id lastSeq unreadCount }
  }
`);

const minIntervalMs = 1000;

export interface MarkReadOptions {
  conversationId: string;
  /** The newest seq of a message by someone else. */
  newestFromOthers: number;
  /** The viewer's read marker, as the members and their ReadUpTo events say. */
  myReadSeq: number;
  lastSeq: number;
  onError(message: string): void;
}

/**
 * While the thread is on screen, moves the viewer's read marker up to what arrived, at most
 * once a second: a burst of messages costs one call.
 */
export function useMarkRead({ conversationId, newestFromOthers, myReadSeq, lastSeq, onError }: MarkReadOptions): void {
  const [, markRead] = useMutation(MarkRead);
  const visible = usePageVisible();
  const lastCall = useRef(0);
  const onErrorRef = useRef(onError);
  useEffect(() => {
    onErrorRef.current = onError;
  });

  useEffect(() => {
    if (!visible || newestFromOthers <= myReadSeq) return;
    const wait = Math.max(0, lastCall.current + minIntervalMs - Date.now());
    const timer = setTimeout(async () => {
      lastCall.current = Date.now();
      const result = await markRead({ input: { conversationId, seq: lastSeq } });
      if (result.error) onErrorRef.current(describeError(result.error));
    }, wait);
    return () => clearTimeout(timer);
  }, [visible, newestFromOthers, myReadSeq, lastSeq, conversationId, markRead]);
}

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}
