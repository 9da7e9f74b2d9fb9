import DataLoader from 'dataloader';
import type { Message, PrismaClient, User } from '../generated/prisma/client.ts';
import { loadMessagesById } from './by-id.ts';
import { loadReactors, type Reactors } from './reactions.ts';
import { loadUsersById } from './users-by-id.ts';

/** The reads of one live event that are the same for every viewer. */
export interface SharedReads {
  userById: DataLoader<string, User | null>;
  messageById: DataLoader<string, Message | null>;
  reactors: DataLoader<string, Reactors[]>;
}

export interface EventReads {
  /** The shared reads of the event named `key` (its seq and the message or member it is about), made on first use. */
  forEvent(key: string): SharedReads;
}

/**
 * A message to a group of a thousand reaches a thousand subscriptions at once; each resolves it
 * with its own context, and without this each would read the same message, author and
 * reactions again. The reads of one event are shared for `ttlMs` after the first subscriber
 * asks: every subscriber of it is served from the one read, and a subscriber that comes to
 * it later (a replay) reads afresh. What differs by viewer is still read per viewer.
 */
export function createEventReads(prisma: PrismaClient, options: { ttlMs?: number; now?: () => number } = {}): EventReads {
  const ttlMs = options.ttlMs ?? 2000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { reads: SharedReads; expiresAt: number }>();

  return {
    forEvent(key) {
      const time = now();
      // Entries go in the order they were made, so the expired ones are at the front.
      for (const [oldKey, entry] of entries) {
        if (entry.expiresAt > time) break;
        entries.delete(oldKey);
      }
      let entry = entries.get(key);
      if (!entry) {
        entry = {
          reads: {
            userById: new DataLoader((ids) => loadUsersById(prisma, ids)),
            messageById: new DataLoader((ids) => loadMessagesById(prisma, ids)),
            reactors: new DataLoader((ids) => loadReactors(prisma, ids)),
          },
          expiresAt: time + ttlMs,
        };
        entries.set(key, entry);
      }
      return entry.reads;
    },
  };
}
