import type { MemberRole, PrismaClient } from '../generated/prisma/client.ts';

/** The viewer's role in each conversation, in key order; null where the viewer is not a member. */
export async function loadMemberships(prisma: PrismaClient, viewerId: string, conversationIds: readonly string[]): Promise<(MemberRole | null)[]> {
  const rows = await prisma.conversationMember.findMany({
    where: { userId: viewerId, conversationId: { in: [...conversationIds] } },
    select: { conversationId: true, role: true },
  });
  const roles = new Map(rows.map((row) => [row.conversationId, row.role]));
  return conversationIds.map((id) => roles.get(id) ?? null);
}
