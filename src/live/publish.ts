import type { ConversationChange } from '../domain/conversation-log.ts';
import type { Notified } from '../domain/notifications.ts';
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

/** Pushes newly written notifications to their recipients' own streams. */
export async function publishNotifications(pubsub: PubSub, notified: Notified[]): Promise<void> {
  await Promise.all(notified.map(({ userId, notificationId }) => pubsub.publish('user', userId, { kind: 'notification', notificationId })));
}

/** Tells users that check-ins of theirs came due. */
export async function publishCheckIns(pubsub: PubSub, prompts: { userId: string; promptId: string }[]): Promise<void> {
  await Promise.all(prompts.map(({ userId, promptId }) => pubsub.publish('user', userId, { kind: 'checkIn', promptId })));
}

/** Offers a new activity to the feeds of the readers named (its author's friends who may read it). */
export async function publishActivity(pubsub: PubSub, activityId: string, readerIds: string[]): Promise<void> {
  await Promise.all(readerIds.map((readerId) => pubsub.publish('feed', readerId, { activityId })));
}

/** Wakes the workers of a channel's outbox: `queued` deliveries were just added. */
export async function publishOutboxReady(pubsub: PubSub, queued: number): Promise<void> {
  await pubsub.publish('outbox', 'TELEGRAM', { queued });
}

/** Tells every live myEvents stream that a broadcast's notifications exist. */
export async function publishBroadcast(pubsub: PubSub, broadcastId: string): Promise<void> {
  await pubsub.publish('broadcast', 'all', { broadcastId });
}
