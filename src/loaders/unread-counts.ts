import type { PrismaClient } from '../generated/prisma/client.ts';

/**
 * Messages the viewer has not read in each conversation (after their read marker, by others,
 * not deleted), in key order; 0 where the viewer is not a member.
 */
export async function loadUnreadCounts(prisma: PrismaClient, viewerId: string, conversationIds: readonly string[]): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ id: string; unread: number }[]>`
    SELECT m."conversationId"::text AS id,
           (SELECT count(*) FROM "Message" x
            WHERE x."conversationId" = m."conversationId" AND x.seq > m."readSeq"
              AND x."authorId" <> ${viewerId}::uuid AND x."deletedAt" IS NULL)::int AS unread
    FROM "ConversationMember" m
    WHERE m."userId" = ${viewerId}::uuid AND m."conversationId" = ANY(${[...conversationIds]}::uuid[])`;
  const counts = new Map(rows.map((row) => [row.id, row.unread]));
  return conversationIds.map((id) => counts.get(id) ?? 0);
}
