import type { ConversationMember, PrismaClient } from '../generated/prisma/client.ts';

/**
 * The first `limit` members of each conversation (by join time), in key order, in one
 * statement: a conversation list shows who is in each without a query per row.
 */
export async function loadMemberPreviews(prisma: PrismaClient, limit: number, conversationIds: readonly string[]): Promise<ConversationMember[][]> {
  const rows = await prisma.$queryRaw<ConversationMember[]>`
    SELECT "conversationId", "userId", role, "joinedAt", "readSeq" FROM (
      SELECT m."conversationId"::text AS "conversationId", m."userId"::text AS "userId", m.role::text AS role,
             m."joinedAt", m."readSeq",
             row_number() OVER (PARTITION BY m."conversationId" ORDER BY m."joinedAt", m."userId") AS position
      FROM "ConversationMember" m
      WHERE m."conversationId" = ANY(${[...conversationIds]}::uuid[])
    ) ranked
    WHERE position <= ${limit}
    ORDER BY "conversationId", position`;
  const byConversation = new Map<string, ConversationMember[]>();
  for (const row of rows) byConversation.set(row.conversationId, [...(byConversation.get(row.conversationId) ?? []), row]);
  return conversationIds.map((id) => byConversation.get(id) ?? []);
}
