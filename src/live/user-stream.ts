import { Repeater } from 'graphql-yoga';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { PubSub } from '../pubsub/pubsub.ts';

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
export function userStream(prisma: PrismaClient, pubsub: PubSub, viewerId: string): AsyncIterableIterator<UserStreamItem> {
  return new Repeater<UserStreamItem>(async (push, stop) => {
    const live = await pubsub.subscribe('user', viewerId);
    void stop.then(() => live.return());
    try {
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
    } finally {
      await live.return();
      stop();
    }
  });
}
