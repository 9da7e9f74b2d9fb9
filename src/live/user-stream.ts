import { Repeater } from 'graphql-yoga';
import type { TopicStream } from '../pubsub/pubsub.ts';
import type { TopicMap } from '../pubsub/topics.ts';
import type { ViewerStreamOptions } from './stream-options.ts';
import { streamFailure } from './stream-failure.ts';

export type UserStreamItem =
  | { type: 'conversationUpdated'; conversationId: string }
  | { type: 'notificationAdded'; notificationId: string }
  | { type: 'checkInDue'; promptId: string };

/**
 * The viewer's own stream (myEvents): a conversation of theirs changed, a notification was
 * written, a check-in came due. Conversation signals are checked against the database before
 * they are passed on, so a former member hears nothing more; notifications and prompts are
 * the viewer's own by construction, and their types check it again when resolved.
 */
export function userStream({ prisma, pubsub, access, log, viewerId, sessionId }: ViewerStreamOptions): AsyncIterableIterator<UserStreamItem> {
  return new Repeater<UserStreamItem>(async (push, stop) => {
    const unwatch = access.watch({ viewerId, sessionId }, () => stop());
    let live: TopicStream<TopicMap['user']> | undefined;
    try {
      live = await pubsub.subscribe('user', viewerId);
      const stream = live;
      void stop.then(() => stream.return());
      for await (const signal of live) {
        if (signal.kind === 'notification') {
          await push({ type: 'notificationAdded', notificationId: signal.notificationId });
        } else if (signal.kind === 'checkIn') {
          await push({ type: 'checkInDue', promptId: signal.promptId });
        } else {
          const member = await prisma.conversationMember.findUnique({
            where: { conversationId_userId: { conversationId: signal.conversationId, userId: viewerId } },
            select: { userId: true },
          });
          if (member) await push({ type: 'conversationUpdated', conversationId: signal.conversationId });
        }
      }
    } catch (error) {
      throw streamFailure(error, log);
    } finally {
      unwatch();
      await live?.return();
      stop();
    }
  });
}
