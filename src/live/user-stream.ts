import { Repeater } from 'graphql-yoga';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { PubSub } from '../pubsub/pubsub.ts';

export type UserStreamItem = { type: 'conversationUpdated'; conversationId: string };

/**
 * The viewer's own stream (myEvents): a conversation of theirs changed. Each signal is checked
 * against the database before it is passed on, so a former member hears nothing more.
 */
export function userStream(prisma: PrismaClient, pubsub: PubSub, viewerId: string): AsyncIterableIterator<UserStreamItem> {
  return new Repeater<UserStreamItem>(async (push, stop) => {
    const live = await pubsub.subscribe('user', viewerId);
    void stop.then(() => live.return());
    try {
      for await (const signal of live) {
        const member = await prisma.conversationMember.findUnique({
          where: { conversationId_userId: { conversationId: signal.conversationId, userId: viewerId } },
          select: { userId: true },
        });
        if (member) await push({ type: 'conversationUpdated', conversationId: signal.conversationId });
      }
    } finally {
      await live.return();
      stop();
    }
  });
}
