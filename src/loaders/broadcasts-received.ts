import type { PrismaClient } from '../generated/prisma/client.ts';

/** Whether the viewer was among each broadcast's recipients (they have its notification), in key order. */
export async function loadBroadcastsReceived(prisma: PrismaClient, viewerId: string, broadcastIds: readonly string[]): Promise<boolean[]> {
  const rows = await prisma.notification.findMany({
    where: { userId: viewerId, kind: 'BROADCAST', subjectId: { in: [...broadcastIds] } },
    select: { subjectId: true },
  });
  const received = new Set(rows.map((row) => row.subjectId));
  return broadcastIds.map((id) => received.has(id));
}
