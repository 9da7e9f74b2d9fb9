import { useLayoutEffect, useRef, type UIEvent } from 'react';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { MessageItem } from './message-item.tsx';
import type { ThreadMessage } from './message-fields.ts';
import type { ThreadMember, TimelineItem } from './thread-state.ts';

interface MessageListProps {
  labelledBy: string;
  items: TimelineItem[];
  members: ThreadMember[];
  meId: string;
  /** A group's owner or admin: may delete anyone's message. */
  moderates: boolean;
  readOnly: boolean;
  hasOlder: boolean;
  loadingOlder: boolean;
  olderError: string | null;
  onLoadOlder(): void;
  onReply(message: ThreadMessage): void;
  onError(message: string | null): void;
}

/** Near the top, older messages load; this close to the bottom, new ones keep the view at the bottom. */
const edgePx = 80;

/**
 * The thread's scrolling list. It opens at the newest message, follows new ones while the
 * reader is at the bottom, loads older ones at the top and keeps the reader's place when
 * they arrive above.
 */
export function MessageList(props: MessageListProps) {
  const { items, members, meId, hasOlder, loadingOlder, onLoadOlder } = props;
  const listRef = useRef<HTMLUListElement>(null);
  const seen = useRef({ first: '', last: '', scrollHeight: 0, scrollTop: 0, atBottom: true });

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const first = itemKey(items[0]);
    const last = itemKey(items[items.length - 1]);
    const before = seen.current;
    const newest = items[items.length - 1];
    if (!before.first) {
      list.scrollTop = list.scrollHeight;
    } else if (first !== before.first && last === before.last) {
      list.scrollTop = list.scrollHeight - before.scrollHeight + before.scrollTop;
    } else if (last !== before.last && (before.atBottom || (newest?.kind === 'message' && newest.message.author.id === meId))) {
      list.scrollTop = list.scrollHeight;
    }
    seen.current = { first, last, ...position(list) };
  }, [items, meId]);

  const onScroll = (event: UIEvent<HTMLUListElement>) => {
    const list = event.currentTarget;
    seen.current = { ...seen.current, ...position(list) };
    if (list.scrollTop < edgePx && hasOlder && !loadingOlder) onLoadOlder();
  };

  const seenBy = seenByUnderMyLast(items, members, meId);
  return (
    <ul className="messages" ref={listRef} onScroll={onScroll} aria-labelledby={props.labelledBy} tabIndex={0}>
      {hasOlder && (
        <li className="older">
          <button type="button" className="secondary" disabled={loadingOlder} onClick={onLoadOlder}>
            {loadingOlder ? 'Loading older messages…' : 'Load older messages'}
          </button>
          <ErrorAlert error={props.olderError} />
        </li>
      )}
      {items.map((item) =>
        item.kind === 'system' ? (
          <li key={`system-${item.seq}`} className="system muted">
            {item.text}
          </li>
        ) : (
          <MessageItem
            key={item.message.id}
            message={item.message}
            mine={item.message.author.id === meId}
            canDelete={item.message.author.id === meId || props.moderates}
            seenBy={item.message.id === seenBy.messageId ? seenBy.names : []}
            readOnly={props.readOnly}
            onReply={props.onReply}
            onError={props.onError}
          />
        ),
      )}
    </ul>
  );
}

const itemKey = (item: TimelineItem | undefined): string => (!item ? '' : item.kind === 'message' ? item.message.id : `system-${item.seq}`);

function position(list: HTMLElement) {
  return {
    scrollHeight: list.scrollHeight,
    scrollTop: list.scrollTop,
    atBottom: list.scrollHeight - list.scrollTop - list.clientHeight < edgePx,
  };
}

/** Who has read the viewer's newest message: its id and their names. */
function seenByUnderMyLast(items: TimelineItem[], members: ThreadMember[], meId: string): { messageId: string | null; names: string[] } {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index]!;
    if (item.kind !== 'message' || item.message.author.id !== meId) continue;
    const names = members.filter((member) => member.userId !== meId && member.readSeq >= item.seq).map((member) => member.displayName);
    return { messageId: item.message.id, names };
  }
  return { messageId: null, names: [] };
}
