import type { PrismaClient } from '../generated/prisma/client.ts';

/**
 * Whether the viewer may follow a conversation live: a member, and, in a direct
 * conversation, not separated by a block either way. Always asks the database: it is the
 * check repeated when access may have changed, so it must not trust a cache.
 */
export async function canFollow(prisma: PrismaClient, viewerId: string, conversationId: string): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ allowed: boolean }[]>`
    SELECT (c.kind = 'GROUP' OR NOT EXISTS (
             SELECT 1 FROM "ConversationMember" other
             JOIN "Block" b ON (b."blockerId" = other."userId" AND b."blockedId" = ${viewerId}::uuid)
                            OR (b."blockerId" = ${viewerId}::uuid AND b."blockedId" = other."userId")
             WHERE other."conversationId" = c.id AND other."userId" <> ${viewerId}::uuid)) AS allowed
    FROM "Conversation" c
    JOIN "ConversationMember" m ON m."conversationId" = c.id AND m."userId" = ${viewerId}::uuid
    WHERE c.id = ${conversationId}::uuid`;
  return rows[0]?.allowed === true;
}

/** The direct conversation of two users, if they have one. */
export async function directConversationId(prisma: PrismaClient, a: string, b: string): Promise<string | null> {
  const directKey = a < b ? `${a}:${b}` : `${b}:${a}`;
  const row = await prisma.conversation.findUnique({ where: { directKey }, select: { id: true } });
  return row?.id ?? null;
}
