import type { LoggedEvent } from '../domain/conversation-log.ts';

/**
 * Every topic and what it carries: ids and seqs, never objects. Subscribers reload what they
 * show through loaders, so a payload can never be stale or leak a field it should not.
 */
export interface TopicMap {
  /** One per conversation: a new event in its log, someone typing, or a change of who may read it. */
  conversation: ConversationSignal;
  /** One per user: something the user's own stream (myEvents) should show. */
  user: UserSignal;
  /** One per user: a friend's new activity for their feed (feedEvents). */
  feed: FeedSignal;
  /** One per channel: deliveries were queued (deliveriesReady wakes the workers). */
  outbox: OutboxSignal;
  /**
   * One for everyone ('all'): a broadcast's notifications were written. Each live myEvents
   * stream looks for its own, so a broadcast to 100,000 people costs one publish, and work in
   * proportion to the people connected, not to the audience.
   */
  broadcast: BroadcastSignal;
}

export type ConversationSignal =
  | { kind: 'event'; event: LoggedEvent }
  | { kind: 'typing'; userId: string; expiresAt: string }
  /** Membership or a block changed outside the log: subscribers must re-check access. */
  | { kind: 'access' };

export type UserSignal =
  | { kind: 'conversation'; conversationId: string; seq: number }
  | { kind: 'notification'; notificationId: string }
  | { kind: 'checkIn'; promptId: string };

export type FeedSignal = { activityId: string };

export type OutboxSignal = { queued: number };

export type BroadcastSignal = { broadcastId: string };

export type Topic = keyof TopicMap;

/** The pub/sub channel name of one topic instance. */
export function channelOf(topic: Topic, id: string): string {
  return `chorus:${topic}:${id}`;
}
