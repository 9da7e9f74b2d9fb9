import type { Conversation, Message, PrismaClient } from '../generated/prisma/client.ts';

function inKeyOrder<Row extends { id: string }>(ids: readonly string[], rows: Row[]): (Row | null)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function loadConversationsById(prisma: PrismaClient, ids: readonly string[]): Promise<(Conversation | null)[]> {
  return inKeyOrder(ids, await prisma.conversation.findMany({ where: { id: { in: [...ids] } } }));
}

export async function loadMessagesById(prisma: PrismaClient, ids: readonly string[]): Promise<(Message | null)[]> {
  return inKeyOrder(ids, await prisma.message.findMany({ where: { id: { in: [...ids] } } }));
}
