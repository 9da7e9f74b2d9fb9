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

export type Topic = keyof TopicMap;

/** The pub/sub channel name of one topic instance. */
export function channelOf(topic: Topic, id: string): string {
  return `chorus:${topic}:${id}`;
}
