import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';

/**
 * SQL that is true when `viewer` may follow `conversation` live: a member, and, in a direct
 * conversation, not separated by a block either way. The one statement of the rule, used for a
 * single check and for the batched re-checks of every live stream.
 */
export function canFollowSql(viewer: Prisma.Sql, conversation: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "Conversation" c
    JOIN "ConversationMember" m ON m."conversationId" = c.id AND m."userId" = ${viewer}
    WHERE c.id = ${conversation}
      AND (c.kind = 'GROUP' OR NOT EXISTS (
        SELECT 1 FROM "ConversationMember" other
        JOIN "Block" b ON (b."blockerId" = other."userId" AND b."blockedId" = ${viewer})
                       OR (b."blockerId" = ${viewer} AND b."blockedId" = other."userId")
        WHERE other."conversationId" = c.id AND other."userId" <> ${viewer})))`;
}

/** Whether the viewer may follow a conversation. Always asks the database: it must not trust a cache. */
export async function canFollow(prisma: PrismaClient, viewerId: string, conversationId: string): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ allowed: boolean }[]>`
    SELECT ${canFollowSql(Prisma.sql`${viewerId}::uuid`, Prisma.sql`${conversationId}::uuid`)} AS allowed`;
  return row?.allowed === true;
}

/** The direct conversation of two users, if they have one. */
export async function directConversationId(prisma: PrismaClient, a: string, b: string): Promise<string | null> {
  const directKey = a < b ? `${a}:${b}` : `${b}:${a}`;
  const row = await prisma.conversation.findUnique({ where: { directKey }, select: { id: true } });
  return row?.id ?? null;
}
