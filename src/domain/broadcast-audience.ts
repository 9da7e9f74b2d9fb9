import { Prisma, type Locale, type PrismaClient } from '../generated/prisma/client.ts';
import { telegramReachable } from './outbox-enqueue.ts';

/** Who a broadcast is for; every condition given must hold, none given means everyone. */
export interface Audience {
  locales?: Locale[] | null;
  /** Signed in (or refreshed a session) within this many days. */
  activeWithinDays?: number | null;
  /** Only people who linked Telegram. */
  telegramLinkedOnly?: boolean | null;
}

/** SQL: the user `u` is in the audience at `now`. */
export function inAudience(audience: Audience, now: Date): Prisma.Sql {
  const conditions = [Prisma.sql`TRUE`];
  if (audience.locales) conditions.push(Prisma.sql`u.locale::text = ANY(${audience.locales}::text[])`);
  if (audience.activeWithinDays) {
    conditions.push(Prisma.sql`u."lastActiveAt" >= ${new Date(now.getTime() - audience.activeWithinDays * 86_400_000)}`);
  }
  if (audience.telegramLinkedOnly) conditions.push(Prisma.sql`u."telegramChatId" IS NOT NULL`);
  return Prisma.join(conditions, ' AND ');
}

export interface AudienceSize {
  /** People in the audience: each gets the broadcast in the app. */
  recipientCount: number;
  /** Those of them the bot can reach on Telegram. */
  telegramCount: number;
}

export async function measureAudience(prisma: PrismaClient, audience: Audience, now: Date): Promise<AudienceSize> {
  const [row] = await prisma.$queryRaw<AudienceSize[]>`
    SELECT count(*)::int AS "recipientCount", count(*) FILTER (WHERE ${telegramReachable('u')})::int AS "telegramCount"
    FROM "User" u WHERE ${inAudience(audience, now)}`;
  return row!;
}
