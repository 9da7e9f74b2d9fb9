import type { PrismaClient, User } from '../generated/prisma/client.ts';

/** Users by id, in key order; a missing id is null. */
export async function loadUsersById(prisma: PrismaClient, ids: readonly string[]): Promise<(User | null)[]> {
  const rows = await prisma.user.findMany({ where: { id: { in: [...ids] } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}
