import { Repeater } from 'graphql-yoga';
import { areFriends } from '../domain/relations.ts';
import type { Activity } from '../generated/prisma/client.ts';
import { loadActivityAccess } from '../loaders/activity-access.ts';
import type { TopicStream } from '../pubsub/pubsub.ts';
import type { TopicMap } from '../pubsub/topics.ts';
import { streamFailure } from './stream-failure.ts';
import type { ViewerStreamOptions } from './stream-options.ts';

/**
 * The viewer's live feed (feedEvents): friends' new activities, each checked against the
 * visibility rule when it arrives (settings and friendships change while a subscription lives).
 */
export function feedStream({ prisma, pubsub, access, log, viewerId, sessionId }: ViewerStreamOptions): AsyncIterableIterator<Activity> {
  return new Repeater<Activity>(async (push, stop) => {
    const unwatch = access.watch({ viewerId, sessionId }, () => stop());
    let live: TopicStream<TopicMap['feed']> | undefined;
    try {
      live = await pubsub.subscribe('feed', viewerId);
      const stream = live;
      void stop.then(() => stream.return());
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
    } catch (error) {
      throw streamFailure(error, log);
    } finally {
      unwatch();
      await live?.return();
      stop();
    }
  });
}
