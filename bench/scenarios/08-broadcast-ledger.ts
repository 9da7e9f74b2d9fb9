import pg from 'pg';
import { openDatabase } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate.ts';
import { sendBroadcast } from '../../src/domain/broadcasts.ts';
import { createEmptyPostgresDatabase } from '../../tests/utils/database.ts';
import type { Scenario } from '../lib/context.ts';
import { ratio } from '../lib/results.ts';

const goalSeconds = 5;

/**
 * How long sendBroadcast takes to write its ledger for everyone: an in-app delivery and a
 * notification per person and, for the third linked to Telegram, a Telegram delivery, in one
 * transaction. The reference is PostgreSQL inserting the same number of rows into the same
 * tables with plain INSERT … SELECT, in the same run: the floor any ledger written there has.
 */
export const broadcastLedger: Scenario = {
  id: 8,
  title: 'broadcast ledger',
  async run(context) {
    const people = context.size(100_000, 1_000);
    const database = await createEmptyPostgresDatabase();
    const db = await openDatabase({ url: database.url });
    try {
      await applyMigrations(db);
      await db.prisma.$executeRawUnsafe(`
        INSERT INTO "User" (handle, "displayName", "telegramId", "telegramChatId")
        SELECT 'p_' || i, 'Person ' || i, CASE WHEN i % 3 = 0 THEN i::text END, CASE WHEN i % 3 = 0 THEN i::text END
        FROM generate_series(1, ${people}) i`);
      const sender = await db.prisma.user.create({ data: { handle: 'bench_admin', displayName: 'Admin', role: 'ADMIN' } });
      await db.prisma.$executeRawUnsafe('ANALYZE');

      const started = performance.now();
      const { broadcast, telegramQueued } = await sendBroadcast(db.prisma, sender.id, 'A message for everyone.', {}, new Date());
      const seconds = (performance.now() - started) / 1000;
      const rows = await countRows(database.url);

      const floor = await bareInserts(database.url, broadcast.id);
      return [
        {
          scenario: '8. broadcast ledger',
          measured: `sendBroadcast to ${broadcast.recipientCount.toLocaleString('en')} people (${telegramQueued.toLocaleString('en')} on Telegram): ${rows.deliveries.toLocaleString('en')} deliveries and ${rows.notifications.toLocaleString('en')} notifications in one transaction, on PostgreSQL`,
          ours: `${seconds.toFixed(2)} s`,
          reference: `${floor.toFixed(2)} s: the same rows by bare INSERT … SELECT`,
          ratio: `${ratio(seconds / floor)} the floor; ${ratio(seconds / goalSeconds)} the goal`,
          goal: `≤ ${goalSeconds} s for 100,000`,
          met: seconds <= goalSeconds,
        },
      ];
    } finally {
      await db.close();
      await database.drop();
    }
  },
};

async function countRows(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ deliveries: string; notifications: string }>(
      `SELECT (SELECT count(*) FROM "Delivery") AS deliveries, (SELECT count(*) FROM "Notification") AS notifications`,
    );
    return { deliveries: Number(rows[0]!.deliveries), notifications: Number(rows[0]!.notifications) };
  } finally {
    await client.end();
  }
}

/** Copies the ledger's rows (deliveries and notifications) once more with plain INSERT … SELECT, timed, then rolls back. */
async function bareInserts(url: string, broadcastId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = async (table: string) =>
      (
        await client.query<{ name: string }>(
          `SELECT quote_ident(column_name) AS name FROM information_schema.columns WHERE table_name = $1 AND column_default IS NULL ORDER BY ordinal_position`,
          [table],
        )
      ).rows.map((row) => row.name);
    const deliveryColumns = await columns('Delivery');
    const notificationColumns = await columns('Notification');
    await client.query('BEGIN');
    const started = performance.now();
    // New ids come from the columns' defaults; everything else is the ledger's own values.
    await client.query(`INSERT INTO "Delivery" (${deliveryColumns.join(', ')}) SELECT ${deliveryColumns.join(', ')} FROM "Delivery" WHERE "broadcastId" = $1`, [broadcastId]);
    await client.query(`INSERT INTO "Notification" (${notificationColumns.join(', ')}) SELECT ${notificationColumns.join(', ')} FROM "Notification" WHERE "subjectId" = $1`, [broadcastId]);
    const seconds = (performance.now() - started) / 1000;
    await client.query('ROLLBACK');
    return seconds;
  } finally {
    await client.end();
  }
}
