import type { ConversationChange } from '../domain/conversation-log.ts';
import type { PubSub } from '../pubsub/pubsub.ts';

/**
 * Announces a committed change: each event to the conversation's subscribers, and the newest
 * seq to every member's own stream. Called after the transaction commits, never inside it,
 * so nobody hears of a change that could still roll back. A lost publish loses nothing: the
 * events are in the log, and streams fill gaps from it.
 */
export async function publishChange(pubsub: PubSub, change: ConversationChange): Promise<void> {
  const newest = change.events.at(-1);
  if (!newest) return;
  const publications: Promise<void>[] = change.events.map((event) =>
    pubsub.publish('conversation', change.conversationId, { kind: 'event', event }),
  );
  for (const userId of new Set(change.notify)) {
    publications.push(pubsub.publish('user', userId, { kind: 'conversation', conversationId: change.conversationId, seq: newest.seq }));
  }
  await Promise.all(publications);
}

/** Tells a conversation's live subscribers that who may read it changed (a block): they re-check. */
export async function publishAccessChange(pubsub: PubSub, conversationId: string): Promise<void> {
  await pubsub.publish('conversation', conversationId, { kind: 'access' });
}
