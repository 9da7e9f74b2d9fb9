import type { ConversationsThreadEventsSubscription, MemberRole } from '../../generated/graphql.ts';
import type { ThreadMessage } from './message-fields.ts';

export type ConversationEvent = ConversationsThreadEventsSubscription['conversationEvents'];

export interface ThreadMember {
  userId: string;
  displayName: string;
  handle: string;
  role: MemberRole;
  /** The newest seq this member has read. */
  readSeq: number;
}

/** One line of the thread, in seq order: a message, or a note that someone joined or left. */
export type TimelineItem = { kind: 'message'; seq: number; message: ThreadMessage } | { kind: 'system'; seq: number; text: string };

export interface TypingPerson {
  userId: string;
  name: string;
  /** Which renewal this is, so an older timer does not clear a newer one. */
  until: number;
}

export interface ThreadState {
  /** The lastSeq the history was loaded at, where the live stream starts; null until then. */
  startSeq: number | null;
  /** The highest seq applied: an event at or below it was already seen (a replay after a reconnect). */
  lastSeq: number;
  items: TimelineItem[];
  members: ThreadMember[];
  typing: TypingPerson[];
  older: { hasPrevious: boolean; cursor: string | null };
}

export type ThreadAction =
  | {
      type: 'loaded';
      lastSeq: number;
      messages: ThreadMessage[];
      members: ThreadMember[];
      older: ThreadState['older'];
    }
  | { type: 'olderLoaded'; messages: ThreadMessage[]; older: ThreadState['older'] }
  | { type: 'event'; event: ConversationEvent; now: number }
  | { type: 'typingExpired'; userId: string; until: number };

export const typingShownMs = 3000;

export const emptyThread: ThreadState = {
  startSeq: null,
  lastSeq: 0,
  items: [],
  members: [],
  typing: [],
  older: { hasPrevious: false, cursor: null },
};

/**
 * The thread as the history and the live events make it. Every event with a seq is applied
 * once: the stream may repeat some after a reconnect, and those at or below `lastSeq` are
 * dropped. Typing carries no seq and is never replayed.
 */
export function threadReducer(state: ThreadState, action: ThreadAction): ThreadState {
  switch (action.type) {
    case 'loaded':
      return {
        ...state,
        startSeq: action.lastSeq,
        lastSeq: action.lastSeq,
        items: action.messages.map(messageItem).sort(bySeq),
        members: action.members,
        older: action.older,
      };
    case 'olderLoaded': {
      const known = new Set(state.items.flatMap((item) => (item.kind === 'message' ? [item.message.id] : [])));
      const older = action.messages.filter((message) => !known.has(message.id)).map(messageItem);
      return { ...state, items: [...older, ...state.items].sort(bySeq), older: action.older };
    }
    case 'typingExpired':
      return { ...state, typing: state.typing.filter((person) => person.userId !== action.userId || person.until !== action.until) };
    case 'event':
      return applyEvent(state, action.event, action.now);
  }
}

function applyEvent(state: ThreadState, event: ConversationEvent, now: number): ThreadState {
  if (event.__typename === 'Typing') {
    const others = state.typing.filter((person) => person.userId !== event.user.id);
    return { ...state, typing: [...others, { userId: event.user.id, name: event.user.displayName, until: now + typingShownMs }] };
  }
  if (event.seq <= state.lastSeq) return state;
  const next = { ...state, lastSeq: event.seq };
  switch (event.__typename) {
    case 'MessageAdded':
      return {
        ...next,
        items: upsertMessage(state.items, event.message),
        typing: state.typing.filter((person) => person.userId !== event.message.author.id),
      };
    case 'MessageEdited':
    case 'ReactionChanged': {
      const changed = replaceMessage(state.items, event.message.id, () => event.message);
      return { ...next, items: requote(changed, event.message.id, event.message.text) };
    }
    case 'MessageDeleted': {
      const deletedAt = new Date(now).toISOString();
      const changed = replaceMessage(state.items, event.messageId, (message) => ({ ...message, text: null, reactions: [], deletedAt }));
      return { ...next, items: requote(changed, event.messageId, null) };
    }
    case 'MemberJoined':
      return {
        ...next,
        items: [...state.items, { kind: 'system', seq: event.seq, text: `${event.user.displayName} joined` }],
        members: state.members.some((member) => member.userId === event.user.id)
          ? state.members
          : [...state.members, { userId: event.user.id, displayName: event.user.displayName, handle: event.user.handle, role: 'MEMBER', readSeq: 0 }],
      };
    case 'MemberLeft':
      return {
        ...next,
        items: [...state.items, { kind: 'system', seq: event.seq, text: `${event.user.displayName} left` }],
        members: state.members.filter((member) => member.userId !== event.user.id),
        typing: state.typing.filter((person) => person.userId !== event.user.id),
      };
    case 'ReadUpTo':
      return {
        ...next,
        members: state.members.map((member) =>
          member.userId === event.user.id ? { ...member, readSeq: Math.max(member.readSeq, event.readSeq) } : member,
        ),
      };
  }
}

const messageItem = (message: ThreadMessage): TimelineItem => ({ kind: 'message', seq: message.seq, message });
const bySeq = (a: TimelineItem, b: TimelineItem) => a.seq - b.seq;

function upsertMessage(items: TimelineItem[], message: ThreadMessage): TimelineItem[] {
  if (items.some((item) => item.kind === 'message' && item.message.id === message.id)) return replaceMessage(items, message.id, () => message);
  return [...items, messageItem(message)].sort(bySeq);
}

function replaceMessage(items: TimelineItem[], id: string, change: (message: ThreadMessage) => ThreadMessage): TimelineItem[] {
  return items.map((item) => (item.kind === 'message' && item.message.id === id ? { ...item, message: change(item.message) } : item));
}

/** The replies that quote a message show its new text (null once deleted). */
function requote(items: TimelineItem[], id: string, text: string | null): TimelineItem[] {
  return items.map((item) => {
    const quoted = item.kind === 'message' ? item.message.replyTo : null;
    if (item.kind !== 'message' || quoted?.id !== id || quoted.text === text) return item;
    return { ...item, message: { ...item.message, replyTo: { ...quoted, text } } };
  });
}

/** The newest seq of a message written by someone else (what marking read is about). */
export function newestSeqFromOthers(items: TimelineItem[], meId: string): number {
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index]!;
    if (item.kind === 'message' && item.message.author.id !== meId) return item.seq;
  }
  return 0;
}
