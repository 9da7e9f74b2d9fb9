import { useId, useReducer, useState } from 'react';
import { Link } from 'react-router';
import { useSignedIn } from '../../app-context.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { Composer } from './composer.tsx';
import { conversationName } from './conversation-name.ts';
import { MessageList } from './message-list.tsx';
import { MembersPanel } from './members-panel.tsx';
import { emptyThread, newestSeqFromOthers, threadReducer, type ThreadMember, type TimelineItem, type TypingPerson } from './thread-state.ts';
import { useConversationStream } from './use-conversation-stream.ts';
import { useMarkRead } from './use-mark-read.ts';
import { useThreadHistory, type ThreadInfo } from './use-thread-history.ts';

/** One conversation, live: its history, what arrives, who is typing and who has read what. */
export function Thread({ conversationId }: { conversationId: string }) {
  const meId = useSignedIn().user.id;
  const [state, dispatch] = useReducer(threadReducer, emptyThread);
  const history = useThreadHistory(conversationId, state.older, dispatch);
  const [alert, setAlert] = useState<string | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  // The id, not the message: the bar above the composer shows it as edits and deletions leave it.
  const [replyToId, setReplyToId] = useState<string | null>(null);
  const [showMembers, setShowMembers] = useState(false);
  const headingId = useId();

  useConversationStream({ conversationId, startSeq: state.startSeq, lastSeq: state.lastSeq, meId, dispatch, onEnded: setEnded });

  const me = state.members.find((member) => member.userId === meId);
  const readOnly = ended !== null || (state.startSeq !== null && !me);
  useMarkRead({
    conversationId,
    newestFromOthers: readOnly ? 0 : newestSeqFromOthers(state.items, meId),
    myReadSeq: me?.readSeq ?? 0,
    lastSeq: state.lastSeq,
    onError: setAlert,
  });

  if (history.error) {
    return (
      <section className="thread card">
        <BackLink />
        <ErrorAlert error={history.error} />
      </section>
    );
  }
  if (!history.info || state.startSeq === null) {
    return (
      <section className="thread card" aria-busy="true">
        <p className="muted">Loading the conversation…</p>
      </section>
    );
  }

  const isGroup = history.info.kind === 'GROUP';
  return (
    <section className="thread card" aria-labelledby={headingId}>
      <header className="thread-header">
        <BackLink />
        <h2 id={headingId}>{threadTitle(history.info, state.members, meId)}</h2>
        {isGroup && (
          <button type="button" className="secondary" aria-expanded={showMembers} onClick={() => setShowMembers(!showMembers)}>
            Members
          </button>
        )}
      </header>
      {isGroup && showMembers && <MembersPanel conversationId={conversationId} members={state.members} meId={meId} readOnly={readOnly} />}
      <MessageList
        labelledBy={headingId}
        items={state.items}
        members={state.members}
        meId={meId}
        moderates={isGroup && me !== undefined && me.role !== 'MEMBER'}
        readOnly={readOnly}
        hasOlder={state.older.hasPrevious}
        loadingOlder={history.loadingOlder}
        olderError={history.olderError}
        onLoadOlder={history.loadOlder}
        onReply={(message) => setReplyToId(message.id)}
        onError={setAlert}
      />
      <TypingLine typing={state.typing} />
      {readOnly ? (
        <ErrorAlert error={ended ?? 'You are no longer a member of this conversation.'} />
      ) : (
        <Composer
          conversationId={conversationId}
          replyTo={messageWithId(state.items, replyToId)}
          onCancelReply={() => setReplyToId(null)}
          onSent={() => setReplyToId(null)}
          error={alert}
          onError={setAlert}
        />
      )}
    </section>
  );
}

function messageWithId(items: TimelineItem[], id: string | null) {
  if (id === null) return null;
  const found = items.find((item) => item.kind === 'message' && item.message.id === id);
  return found?.kind === 'message' ? found.message : null;
}

function threadTitle(info: ThreadInfo, members: ThreadMember[], meId: string): string {
  return conversationName(info, members.map((member) => ({ id: member.userId, displayName: member.displayName })), meId);
}

/** Who is typing now; polite, so a screen reader mentions it without interrupting. */
function TypingLine({ typing }: { typing: TypingPerson[] }) {
  const names = typing.map((person) => person.name);
  return (
    <p className="typing muted" aria-live="polite">
      {names.length === 1 && `${names[0]} is typing…`}
      {names.length > 1 && `${names.join(', ')} are typing…`}
    </p>
  );
}

/** On a phone the list and the thread take turns: the way back to the list. */
function BackLink() {
  return (
    <Link to="/conversations" className="back-link">
      ← All conversations
    </Link>
  );
}
