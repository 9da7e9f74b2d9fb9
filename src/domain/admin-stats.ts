import type { PrismaClient } from '../generated/prisma/client.ts';

export interface AdminStats {
  users: number;
  activeLast7Days: number;
  newLast7Days: number;
  telegramLinked: number;
  messagesLast24h: number;
  activitiesLast24h: number;
}

/** The service at a glance, in one statement. "Active" means signed in or refreshed a session. */
export async function adminStats(prisma: PrismaClient, now: Date): Promise<AdminStats> {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const [row] = await prisma.$queryRaw<AdminStats[]>`
    SELECT (SELECT count(*) FROM "User")::int AS users,
           (SELECT count(*) FROM "User" WHERE "lastActiveAt" >= ${weekAgo}::timestamptz)::int AS "activeLast7Days",
           (SELECT count(*) FROM "User" WHERE "createdAt" >= ${weekAgo}::timestamptz)::int AS "newLast7Days",
           (SELECT count(*) FROM "User" WHERE "telegramId" IS NOT NULL)::int AS "telegramLinked",
           (SELECT count(*) FROM "Message" WHERE "createdAt" >= ${dayAgo}::timestamptz)::int AS "messagesLast24h",
           (SELECT count(*) FROM "Activity" WHERE "createdAt" >= ${dayAgo}::timestamptz)::int AS "activitiesLast24h"`;
  return row!;
}
