import type { Activity, Broadcast, CheckInPrompt, Conversation, Message, Notification, PrismaClient, Question } from '../generated/prisma/client.ts';

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

export async function loadNotificationsById(prisma: PrismaClient, ids: readonly string[]): Promise<(Notification | null)[]> {
  return inKeyOrder(ids, await prisma.notification.findMany({ where: { id: { in: [...ids] } } }));
}

export async function loadPromptsById(prisma: PrismaClient, ids: readonly string[]): Promise<(CheckInPrompt | null)[]> {
  return inKeyOrder(ids, await prisma.checkInPrompt.findMany({ where: { id: { in: [...ids] } } }));
}

export async function loadQuestionsById(prisma: PrismaClient, ids: readonly string[]): Promise<(Question | null)[]> {
  return inKeyOrder(ids, await prisma.question.findMany({ where: { id: { in: [...ids] } } }));
}

export async function loadActivitiesById(prisma: PrismaClient, ids: readonly string[]): Promise<(Activity | null)[]> {
  return inKeyOrder(ids, await prisma.activity.findMany({ where: { id: { in: [...ids] } } }));
}

export async function loadBroadcastsById(prisma: PrismaClient, ids: readonly string[]): Promise<(Broadcast | null)[]> {
  return inKeyOrder(ids, await prisma.broadcast.findMany({ where: { id: { in: [...ids] } } }));
}
