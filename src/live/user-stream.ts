import { Repeater } from 'graphql-yoga';
import type { PrismaClient } from '../generated/prisma/client.ts';
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
 * the viewer's own by construction, and their types check it again when resolved. Broadcasts
 * arrive on one channel for everyone: each stream looks up its own notification, if any.
 */
export function userStream({ prisma, pubsub, access, log, viewerId, sessionId }: ViewerStreamOptions): AsyncIterableIterator<UserStreamItem> {
  return new Repeater<UserStreamItem>(async (push, stop) => {
    const unwatch = access.watch({ viewerId, sessionId }, () => stop());
    let own: TopicStream<TopicMap['user']> | undefined;
    let broadcasts: TopicStream<TopicMap['broadcast']> | undefined;
    try {
      [own, broadcasts] = await Promise.all([pubsub.subscribe('user', viewerId), pubsub.subscribe('broadcast', 'all')]);
      const streams = [own, broadcasts];
      void stop.then(() => Promise.all(streams.map((stream) => stream.return())));
      await Promise.all([
        (async () => {
          for await (const signal of own) {
            const item = await fromOwnSignal(prisma, viewerId, signal);
            if (item) await push(item);
          }
        })(),
        (async () => {
          for await (const { broadcastId } of broadcasts) {
            const notification = await prisma.notification.findFirst({
              where: { userId: viewerId, kind: 'BROADCAST', subjectId: broadcastId },
              select: { id: true },
            });
            if (notification) await push({ type: 'notificationAdded', notificationId: notification.id });
          }
        })(),
      ]);
    } catch (error) {
      throw streamFailure(error, log);
    } finally {
      unwatch();
      await Promise.all([own?.return(), broadcasts?.return()]);
      stop();
    }
  });
}

async function fromOwnSignal(prisma: PrismaClient, viewerId: string, signal: TopicMap['user']): Promise<UserStreamItem | null> {
  if (signal.kind === 'notification') return { type: 'notificationAdded', notificationId: signal.notificationId };
  if (signal.kind === 'checkIn') return { type: 'checkInDue', promptId: signal.promptId };
  const member = await prisma.conversationMember.findUnique({
    where: { conversationId_userId: { conversationId: signal.conversationId, userId: viewerId } },
    select: { userId: true },
  });
  return member ? { type: 'conversationUpdated', conversationId: signal.conversationId } : null;
}
