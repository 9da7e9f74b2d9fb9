import type { PrismaClient } from '../generated/prisma/client.ts';

export interface ReactionCount {
  emoji: string;
  count: number;
  reactedByMe: boolean;
}

/** Reaction counts of each message, emoji by emoji in the order they were first used, in key order. */
export async function loadReactions(prisma: PrismaClient, viewerId: string | null, messageIds: readonly string[]): Promise<ReactionCount[][]> {
  const rows = await prisma.$queryRaw<{ messageId: string; emoji: string; count: number; mine: boolean }[]>`
    SELECT "messageId"::text AS "messageId", emoji, count(*)::int AS count,
           bool_or("userId" = ${viewerId}::uuid) AS mine
    FROM "Reaction"
    WHERE "messageId" = ANY(${[...messageIds]}::uuid[])
    GROUP BY "messageId", emoji
    ORDER BY min("createdAt"), emoji`;
  const byMessage = new Map<string, ReactionCount[]>();
  for (const row of rows) {
    const list = byMessage.get(row.messageId) ?? [];
    list.push({ emoji: row.emoji, count: row.count, reactedByMe: row.mine ?? false });
    byMessage.set(row.messageId, list);
  }
  return messageIds.map((id) => byMessage.get(id) ?? []);
}
