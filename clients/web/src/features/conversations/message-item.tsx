import { useState } from 'react';
import { useMutation } from 'urql';
import { describeError } from '../../api/errors.ts';
import { graphql } from '../../generated/gql.ts';
import { MessageEditor } from './message-editor.tsx';
import { excerpt, pickerEmojis, type ThreadMessage } from './message-fields.ts';

const DeleteMessage = graphql(`
  mutation ConversationsDeleteMessage($input: MessageInput!) {
    deleteMessage(input: $input)
  }
`);

const ToggleReaction = graphql(`
  mutation ConversationsToggleReaction($input: ReactionInput!) {
    toggleReaction(input: $input) { id reactions { emoji count reactedByMe } }
  }
`);

interface MessageItemProps {
  message: ThreadMessage;
  mine: boolean;
  /** The author, or a group's owner or admin. */
  canDelete: boolean;
  /** Who has read up to this message (shown under the viewer's last one). */
  seenBy: string[];
  /** Nothing more can be done here (the viewer left or was removed). */
  readOnly: boolean;
  onReply(message: ThreadMessage): void;
  onError(message: string | null): void;
}

/** One message: who and when, what it answers, its text, its reactions and what can be done with it. */
export function MessageItem({ message, mine, canDelete, seenBy, readOnly, onReply, onError }: MessageItemProps) {
  const [editing, setEditing] = useState(false);
  const deleted = message.text === null;
  return (
    <li className={mine ? 'message mine' : 'message'}>
      <div className="message-meta">
        <strong className="message-author">{message.author.displayName}</strong>
        <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
        {message.editedAt && !deleted && <span className="muted">edited</span>}
      </div>
      {message.replyTo && (
        <blockquote className="quote">
          <span className="quote-author">{message.replyTo.author.displayName}</span> {excerpt(message.replyTo.text)}
        </blockquote>
      )}
      {editing ? (
        <MessageEditor message={message} onDone={() => setEditing(false)} />
      ) : (
        <p className={deleted ? 'message-text deleted' : 'message-text'}>{message.text ?? 'Message deleted'}</p>
      )}
      {message.reactions.length > 0 && <ReactionCounts message={message} readOnly={readOnly} onError={onError} />}
      {!deleted && !readOnly && !editing && (
        <MessageActions message={message} mine={mine} canDelete={canDelete} onEdit={() => setEditing(true)} onReply={onReply} onError={onError} />
      )}
      {seenBy.length > 0 && <p className="seen muted">Seen by {seenBy.join(', ')}</p>}
    </li>
  );
}

function ReactionCounts({ message, readOnly, onError }: { message: ThreadMessage; readOnly: boolean; onError(message: string | null): void }) {
  const [toggling, toggle] = useMutation(ToggleReaction);
  return (
    <ul className="reactions" aria-label="Reactions">
      {message.reactions.map((reaction) => (
        <li key={reaction.emoji}>
          <button
            type="button"
            className={reaction.reactedByMe ? 'reaction reacted' : 'reaction'}
            aria-pressed={reaction.reactedByMe}
            disabled={toggling.fetching || readOnly}
            onClick={async () => {
              const result = await toggle({ input: { messageId: message.id, emoji: reaction.emoji } });
              onError(result.error ? describeError(result.error) : null);
            }}
          >
            {reaction.emoji} {reaction.count}
          </button>
        </li>
      ))}
    </ul>
  );
}

interface MessageActionsProps {
  message: ThreadMessage;
  mine: boolean;
  canDelete: boolean;
  onEdit(): void;
  onReply(message: ThreadMessage): void;
  onError(message: string | null): void;
}

function MessageActions({ message, mine, canDelete, onEdit, onReply, onError }: MessageActionsProps) {
  const [picking, setPicking] = useState(false);
  const [toggling, toggle] = useMutation(ToggleReaction);
  const [deleting, remove] = useMutation(DeleteMessage);

  const react = async (emoji: string) => {
    const result = await toggle({ input: { messageId: message.id, emoji } });
    onError(result.error ? describeError(result.error) : null);
    if (!result.error) setPicking(false);
  };

  return (
    <div className="message-actions">
      <button type="button" className="link-button" onClick={() => onReply(message)}>
        Reply
      </button>
      <button type="button" className="link-button" aria-expanded={picking} onClick={() => setPicking(!picking)}>
        React
      </button>
      {mine && (
        <button type="button" className="link-button" onClick={onEdit}>
          Edit
        </button>
      )}
      {canDelete && (
        <button
          type="button"
          className="link-button"
          disabled={deleting.fetching}
          onClick={async () => {
            const result = await remove({ input: { messageId: message.id } });
            onError(result.error ? describeError(result.error) : null);
          }}
        >
          Delete
        </button>
      )}
      {picking && (
        <span className="picker" role="group" aria-label="Pick a reaction">
          {pickerEmojis.map((emoji) => (
            <button key={emoji} type="button" className="reaction" aria-label={`React with ${emoji}`} disabled={toggling.fetching} onClick={() => react(emoji)}>
              {emoji}
            </button>
          ))}
        </span>
      )}
    </div>
  );
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return today
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
