import { useParams } from 'react-router';
import { ConversationList } from './conversation-list.tsx';
import { Thread } from './thread.tsx';
import './conversations.css';

/**
 * The conversations beside the open one. On a phone they take turns: the list at
 * /conversations, the thread at /conversations/:conversationId.
 */
export function ConversationsPage() {
  const { conversationId } = useParams();
  return (
    <div className={conversationId ? 'split conversations-page thread-open' : 'split conversations-page'}>
      <ConversationList />
      {conversationId ? (
        <Thread key={conversationId} conversationId={conversationId} />
      ) : (
        <section className="card thread-placeholder">
          <h2>No conversation open</h2>
          <p className="muted">Choose a conversation, or make a group with your friends.</p>
        </section>
      )}
    </div>
  );
}
