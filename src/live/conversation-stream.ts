import { Repeater } from 'graphql-yoga';
import { readEvents, type LoggedEvent } from '../domain/conversation-log.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { TopicStream } from '../pubsub/pubsub.ts';
import type { TopicMap } from '../pubsub/topics.ts';
import type { ViewerStreamOptions } from './stream-options.ts';
import { streamFailure } from './stream-failure.ts';

export type StreamItem =
  | { type: 'event'; event: LoggedEvent }
  | { type: 'typing'; userId: string; expiresAt: Date };

export interface ConversationStreamOptions extends ViewerStreamOptions {
  conversationId: string;
  /** Replay stored events after this seq first; null starts from now. */
  afterSeq: number | null;
  /** Whether the viewer may still read the conversation (a fresh check, not a cached one). */
  mayRead: () => Promise<boolean>;
}

const replayPageSize = 500;

/**
 * One conversation's events for one subscriber: the stored ones after `afterSeq`, then live
 * ones, each exactly once and in seq order. It listens before it replays, so nothing
 * published during the replay slips between the two; a live event older than what was
 * delivered is dropped, and one that skips ahead (a lost publish) is preceded by the missing
 * ones read from the log. Access is checked again whenever it may have changed (a member
 * joined or left, a block), and every second or so by the access watch in case such a
 * signal was lost: the stream ends as soon as the viewer may no longer read, or signs out.
 */
export function conversationStream(options: ConversationStreamOptions): AsyncIterableIterator<StreamItem> {
  const { prisma, pubsub, viewerId, conversationId, mayRead } = options;

  return new Repeater<StreamItem>(async (push, stop) => {
    const unwatch = options.access.watch({ viewerId, sessionId: options.sessionId, conversationId }, () => stop());
    let live: TopicStream<TopicMap['conversation']> | undefined;
    let delivered = 0;

    /** Delivers stored events in (delivered, until]; false once access is lost. */
    const deliverStored = async (until: number | null): Promise<boolean> => {
      for (;;) {
        const page = await readEvents(prisma, conversationId, delivered, until, replayPageSize);
        for (const event of page) {
          if (!(await deliver(event))) return false;
        }
        if (page.length < replayPageSize) return true;
      }
    };

    const deliver = async (event: LoggedEvent): Promise<boolean> => {
      const membershipChanged = event.kind === 'MEMBER_LEFT' || event.kind === 'MEMBER_JOINED';
      const allowed = membershipChanged ? await mayRead() : true;
      // Someone removed still hears of their own removal, then the stream ends.
      if (allowed || (event.kind === 'MEMBER_LEFT' && event.userId === viewerId)) await push({ type: 'event', event });
      delivered = event.seq;
      return allowed;
    };

    try {
      live = await pubsub.subscribe('conversation', conversationId);
      const stream = live;
      void stop.then(() => stream.return());
      delivered = options.afterSeq ?? (await currentSeq(prisma, conversationId));
      if (!(await deliverStored(null))) return;
      for await (const signal of live) {
        if (signal.kind === 'typing') {
          if (signal.userId !== viewerId) await push({ type: 'typing', userId: signal.userId, expiresAt: new Date(signal.expiresAt) });
        } else if (signal.kind === 'access') {
          if (!(await mayRead())) return;
        } else if (signal.event.seq === delivered + 1) {
          if (!(await deliver(signal.event))) return;
        } else if (signal.event.seq > delivered) {
          if (!(await deliverStored(signal.event.seq))) return;
        }
      }
    } catch (error) {
      throw streamFailure(error, options.log);
    } finally {
      unwatch();
      await live?.return();
      stop();
    }
  });
}

async function currentSeq(prisma: PrismaClient, conversationId: string): Promise<number> {
  const conversation = await prisma.conversation.findUnique({ where: { id: conversationId }, select: { lastSeq: true } });
  return conversation?.lastSeq ?? 0;
}
