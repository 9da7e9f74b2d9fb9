import { Repeater } from 'graphql-yoga';
import { areFriends } from '../domain/relations.ts';
import type { Activity, PrismaClient } from '../generated/prisma/client.ts';
import { loadActivityAccess } from '../loaders/activity-access.ts';
import type { PubSub } from '../pubsub/pubsub.ts';

/**
 * The viewer's live feed (feedEvents): friends' new activities, each checked against the
 * visibility rule when it arrives (settings and friendships change while a subscription lives).
 */
export function feedStream(prisma: PrismaClient, pubsub: PubSub, viewerId: string): AsyncIterableIterator<Activity> {
  return new Repeater<Activity>(async (push, stop) => {
    const live = await pubsub.subscribe('feed', viewerId);
    void stop.then(() => live.return());
    try {
      for await (const { activityId } of live) {
        const activity = await prisma.activity.findUnique({ where: { id: activityId } });
        if (!activity || activity.authorId === viewerId) continue;
        // The feed is friends' activities (an EVERYONE author who is not a friend stays out of it).
        const [friends, [allowed]] = await Promise.all([
          areFriends(prisma, viewerId, activity.authorId),
          loadActivityAccess(prisma, viewerId, [activity.authorId]),
        ]);
        if (friends && allowed) await push(activity);
      }
    } finally {
      await live.return();
      stop();
    }
  });
}
