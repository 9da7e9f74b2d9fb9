import { Prisma, type PrismaClient, type User } from '../generated/prisma/client.ts';
import { unauthenticated } from '../errors.ts';
import type { Viewer } from '../context.ts';
import { hashToken, randomToken, type AccessTokens } from './tokens.ts';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/**
 * Sign-in sessions. A session is a refresh-token family: every refresh rotates its token,
 * and presenting a token that was already rotated means it leaked, so the whole session
 * is revoked. Access tokens name their session, so signing out ends them at once too.
 * A session the bot opened for a Telegram account holds only while that Telegram account is
 * the user's: linked elsewhere since, it speaks for the user no more.
 */
export interface Sessions {
  /** Opens a new session for the user; `telegramId` names the Telegram account it is opened for (the bot's). */
  open(userId: string, origin?: { telegramId: string }): Promise<TokenPair & { sessionId: string }>;
  /** Rotates a refresh token; UNAUTHENTICATED when it is unknown, expired, revoked or reused. */
  refresh(refreshToken: string): Promise<TokenPair & { userId: string }>;
  revoke(sessionId: string): Promise<void>;
  /** The viewer an access token speaks for, or null when it is invalid or its session ended. */
  viewerFor(accessToken: string): Promise<Viewer | null>;
}

export interface SessionsOptions {
  prisma: PrismaClient;
  tokens: AccessTokens;
  refreshTtlDays: number;
  now?: () => Date;
}

/** Whether a session still speaks for its user: not revoked, and opened for the Telegram account the user has now, if for one. */
export function sessionHolds(session: { revokedAt: Date | null; telegramId: string | null }, user: { telegramId: string | null }): boolean {
  return session.revokedAt === null && (session.telegramId === null || session.telegramId === user.telegramId);
}

/** sessionHolds in SQL, for the session `session` of the user `user` (for checks made in bulk). */
export function sessionHoldsSql(session: Prisma.Sql, user: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${session}."revokedAt" IS NULL AND (${session}."telegramId" IS NULL OR ${session}."telegramId" = ${user}."telegramId"))`;
}

export function createSessions({ prisma, tokens, refreshTtlDays, now = () => new Date() }: SessionsOptions): Sessions {
  const refreshExpiry = () => new Date(now().getTime() + refreshTtlDays * 86_400_000);

  async function pairFor(userId: string, sessionId: string, refreshToken: string): Promise<TokenPair> {
    return { accessToken: await tokens.sign({ userId, sessionId }), refreshToken };
  }

  return {
    async open(userId, origin) {
      const refreshToken = randomToken();
      const session = await prisma.session.create({
        data: { userId, telegramId: origin?.telegramId, tokens: { create: { tokenHash: hashToken(refreshToken), expiresAt: refreshExpiry() } } },
      });
      return { ...(await pairFor(userId, session.id, refreshToken)), sessionId: session.id };
    },

    async refresh(refreshToken) {
      const tokenHash = hashToken(refreshToken);
      const stored = await prisma.refreshToken.findUnique({ where: { tokenHash }, include: { session: { include: { user: { select: { telegramId: true } } } } } });
      if (!stored || !sessionHolds(stored.session, stored.session.user)) throw unauthenticated('This refresh token is not valid; sign in again.');
      if (stored.expiresAt <= now()) throw unauthenticated('This refresh token has expired; sign in again.');
      const { userId, id: sessionId } = stored.session;
      const next = randomToken();
      // Claiming the old token and storing its successor happen together, and the claim is
      // conditional, so of two concurrent refreshes with one token only one can succeed.
      const rotated = await prisma.$transaction(async (tx) => {
        const claim = await tx.refreshToken.updateMany({ where: { tokenHash, usedAt: null }, data: { usedAt: now() } });
        if (claim.count === 0) return false;
        await tx.refreshToken.create({ data: { tokenHash: hashToken(next), sessionId, expiresAt: refreshExpiry() } });
        return true;
      });
      if (!rotated) {
        await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now() } });
        throw unauthenticated('This refresh token was already used; the session has been ended. Sign in again.');
      }
      return { ...(await pairFor(userId, sessionId, next)), userId };
    },

    async revoke(sessionId) {
      await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now() } });
    },

    async viewerFor(accessToken) {
      const claims = await tokens.verify(accessToken);
      if (!claims) return null;
      // One statement: this runs before every authenticated request.
      const [user] = await prisma.$queryRaw<User[]>`
        SELECT u.* FROM "Session" s JOIN "User" u ON u.id = s."userId"
        WHERE s.id = ${claims.sessionId}::uuid AND s."userId" = ${claims.userId}::uuid AND ${sessionHoldsSql(Prisma.sql`s`, Prisma.sql`u`)}`;
      return user ? { user, sessionId: claims.sessionId } : null;
    },
  };
}
