import type { Logger } from 'pino';
import { sessionHoldsSql } from '../auth/sessions.ts';
import { canFollowSql } from '../domain/conversation-access.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';

export interface WatchedAccess {
  viewerId: string;
  /** The sign-in the stream was opened with: signing out ends the stream. */
  sessionId: string;
  /** A conversation the viewer must still be able to follow (a member, and no block in a direct one). */
  conversationId?: string;
}

export interface AccessWatch {
  /**
   * Calls `onLost` once, when the access no longer holds. Returns the function that stops
   * watching (call it when the stream ends for any reason).
   */
  watch(access: WatchedAccess, onLost: () => void): () => void;
}

export interface AccessWatchOptions {
  prisma: PrismaClient;
  log: Logger;
  /** How often every watched stream is checked, in ms (default 1000). */
  intervalMs?: number;
}

interface Entry {
  access: WatchedAccess;
  onLost: () => void;
}

/**
 * Re-checks the access of every live stream of this instance about once a second, in one
 * statement for all of them. Streams also re-check at once when a signal says access may have
 * changed (a member left, a block); this is the net under those signals, which travel through
 * an at-most-once pub/sub: if one is lost, the stream still ends within a second or so. It
 * runs only while something is watched, so an idle instance asks nothing.
 */
export function createAccessWatch({ prisma, log, intervalMs = 1000 }: AccessWatchOptions): AccessWatch {
  const entries = new Set<Entry>();
  let timer: NodeJS.Timeout | undefined;
  let checking = false;

  async function check(): Promise<void> {
    if (checking) return;
    checking = true;
    try {
      const batch = [...entries];
      const allowed = await stillAllowed(prisma, batch.map((entry) => entry.access));
      batch.forEach((entry, index) => {
        if (allowed[index] || !entries.delete(entry)) return;
        entry.onLost();
      });
    } catch (error) {
      log.warn({ err: error, streams: entries.size }, 'could not re-check live streams; trying again');
    } finally {
      checking = false;
      if (entries.size === 0) stopTimer();
    }
  }

  const stopTimer = () => {
    clearInterval(timer);
    timer = undefined;
  };

  return {
    watch(access, onLost) {
      const entry = { access, onLost };
      entries.add(entry);
      if (!timer) {
        timer = setInterval(() => void check(), intervalMs);
        timer.unref();
      }
      return () => {
        entries.delete(entry);
        if (entries.size === 0) stopTimer();
      };
    },
  };
}

/** For each access, in order, whether it still holds; one statement for the whole batch. */
async function stillAllowed(prisma: PrismaClient, accesses: WatchedAccess[]): Promise<boolean[]> {
  if (accesses.length === 0) return [];
  const rows = await prisma.$queryRaw<{ index: number; allowed: boolean }[]>`
    SELECT k.index::int AS index,
           EXISTS (SELECT 1 FROM "Session" s JOIN "User" u ON u.id = s."userId"
                   WHERE s.id = k.session AND s."userId" = k.viewer
                     AND ${sessionHoldsSql(Prisma.raw('s'), Prisma.raw('u'))})
           AND (k.conversation IS NULL OR ${canFollowSql(Prisma.raw('k.viewer'), Prisma.raw('k.conversation'))}) AS allowed
    FROM unnest(${accesses.map((access) => access.viewerId)}::uuid[],
                ${accesses.map((access) => access.sessionId)}::uuid[],
                ${accesses.map((access) => access.conversationId ?? null)}::uuid[])
         WITH ORDINALITY AS k(viewer, session, conversation, index)`;
  const allowed = new Map(rows.map((row) => [row.index, row.allowed]));
  return accesses.map((_access, index) => allowed.get(index + 1) === true);
}
