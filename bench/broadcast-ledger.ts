// How long sendBroadcast takes to write its ledger, for audiences of the sizes given, on a fresh
// PostgreSQL database (DATABASE_URL's server, else 127.0.0.1:5432). A third of the people are
// linked to Telegram, so each person costs an in-app delivery, a notification and, for a third,
// a Telegram delivery.
//
//   npm run bench:ledger -- 10000 100000
import { openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { sendBroadcast } from '../src/domain/broadcasts.ts';
import { createEmptyPostgresDatabase } from '../tests/utils/database.ts';

const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0 || sizes.some((size) => !Number.isSafeInteger(size) || size < 1 || size > 1_000_000)) {
  console.error('usage: npm run bench:ledger -- <people> [<people> ...]   (each 1–1000000)');
  process.exit(2);
}
for (const size of sizes) {
  const database = await createEmptyPostgresDatabase();
  const db = await openDatabase({ url: database.url });
  try {
    await applyMigrations(db);
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "User" (handle, "displayName", "telegramId", "telegramChatId")
      SELECT 'p_' || i, 'Person ' || i, CASE WHEN i % 3 = 0 THEN i::text END, CASE WHEN i % 3 = 0 THEN i::text END
      FROM generate_series(1, ${size}) i`);
    const sender = await db.prisma.user.create({ data: { handle: 'bench_admin', displayName: 'Admin', role: 'ADMIN' } });
    await db.prisma.$executeRawUnsafe('ANALYZE');
    const started = performance.now();
    const { broadcast, telegramQueued } = await sendBroadcast(db.prisma, sender.id, 'A message for everyone.', {}, new Date());
    const ms = performance.now() - started;
    const rows = await db.prisma.delivery.count();
    console.log(
      `${size} people: ledger built in ${(ms / 1000).toFixed(2)} s ` +
        `(${broadcast.recipientCount} in-app deliveries and notifications, ${telegramQueued} Telegram deliveries, ${rows} ledger rows)`,
    );
  } finally {
    await db.close();
    await database.drop();
  }
}
