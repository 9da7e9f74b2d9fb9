import { Prisma, type Activity, type PrismaClient } from '../generated/prisma/client.ts';
import { notFound } from '../errors.ts';
import { friendIdsOf, type PageWindow } from './friend-lists.ts';

/**
 * Stores a diary entry. With a prompt (one of the author's own), the entry answers it: the
 * prompt is marked answered the first time.
 */
export async function recordActivity(prisma: PrismaClient, authorId: string, text: string, promptId: string | null, now: Date): Promise<Activity> {
  return prisma.$transaction(async (tx) => {
    if (promptId) {
      const answered = await tx.checkInPrompt.updateMany({ where: { id: promptId, userId: authorId, answeredAt: null }, data: { answeredAt: now } });
      const exists = answered.count > 0 || (await tx.checkInPrompt.count({ where: { id: promptId, userId: authorId } })) > 0;
      if (!exists) throw notFound('The prompt');
    }
    return tx.activity.create({ data: { authorId, text, promptId, createdAt: now } });
  });
}

/**
 * Who should see a new activity arrive in their live feed: the author's friends, unless the
 * author keeps activities to themself. Each reader is checked again when the event reaches them.
 */
export async function feedReadersOf(prisma: PrismaClient, authorId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT f.id::text AS id FROM (${friendIdsOf(authorId)}) f
    WHERE (SELECT "activityVisibility" FROM "User" WHERE id = ${authorId}::uuid) <> 'ONLY_ME'`;
  return rows.map((row) => row.id);
}

export type ActivityKey = [createdAt: string, id: string];

function keyset(page: PageWindow<ActivityKey>) {
  const after = page.after ? Prisma.sql`AND (a."createdAt", a.id) < (${page.after[0]}::timestamptz, ${page.after[1]}::uuid)` : Prisma.empty;
  const before = page.before ? Prisma.sql`AND (a."createdAt", a.id) > (${page.before[0]}::timestamptz, ${page.before[1]}::uuid)` : Prisma.empty;
  const order = page.inverted ? Prisma.raw('ASC') : Prisma.raw('DESC');
  return { after, before, order };
}

/** One author's activities, newest first. The caller has checked the viewer may read them. */
export function activitiesPage(prisma: PrismaClient, authorId: string, page: PageWindow<ActivityKey>): Promise<Activity[]> {
  const { after, before, order } = keyset(page);
  return prisma.$queryRaw<Activity[]>`
    SELECT a.* FROM "Activity" a
    WHERE a."authorId" = ${authorId}::uuid ${after} ${before}
    ORDER BY a."createdAt" ${order}, a.id ${order}
    LIMIT ${page.limit}`;
}

/**
 * The viewer's feed: activities of accepted friends who share them (FRIENDS or EVERYONE),
 * newest first. A block ends a friendship, and is checked here all the same.
 */
export function feedPage(prisma: PrismaClient, viewerId: string, page: PageWindow<ActivityKey>): Promise<Activity[]> {
  const { after, before, order } = keyset(page);
  return prisma.$queryRaw<Activity[]>`
    SELECT a.* FROM "Activity" a
    JOIN "User" u ON u.id = a."authorId"
    WHERE a."authorId" IN (${friendIdsOf(viewerId)})
      AND u."activityVisibility" <> 'ONLY_ME'
      AND NOT EXISTS (SELECT 1 FROM "Block" b
                      WHERE (b."blockerId" = ${viewerId}::uuid AND b."blockedId" = a."authorId")
                         OR (b."blockerId" = a."authorId" AND b."blockedId" = ${viewerId}::uuid))
      ${after} ${before}
    ORDER BY a."createdAt" ${order}, a.id ${order}
    LIMIT ${page.limit}`;
}

export interface DiaryStats {
  entries: number;
  distinctDays: number;
  /** Consecutive local days with an entry, ending today (or yesterday, when today has none yet). */
  currentStreak: number;
}

/** Counts over a user's own diary; days are days of the user's time zone. */
export async function diaryStats(prisma: PrismaClient, userId: string, timeZone: string, now: Date): Promise<DiaryStats> {
  const [row] = await prisma.$queryRaw<DiaryStats[]>`
    WITH days AS (
      SELECT DISTINCT ("createdAt" AT TIME ZONE ${timeZone})::date AS day FROM "Activity" WHERE "authorId" = ${userId}::uuid
    ), newest AS (
      SELECT max(day) AS day FROM days
    ), run AS (
      -- Counting back from the newest day, day + its rank stays constant while the days are consecutive.
      SELECT day + (row_number() OVER (ORDER BY day DESC) - 1)::int AS anchor FROM days
    )
    SELECT (SELECT count(*) FROM "Activity" WHERE "authorId" = ${userId}::uuid)::int AS entries,
           (SELECT count(*) FROM days)::int AS "distinctDays",
           (SELECT count(*) FROM run, newest
            WHERE run.anchor = newest.day AND newest.day >= (${now}::timestamptz AT TIME ZONE ${timeZone})::date - 1)::int AS "currentStreak"`;
  return row!;
}
