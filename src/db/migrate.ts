import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, SqlConnection } from './database.ts';

/** prisma/migrations, in Prisma's own folder format: <timestamp>_<name>/migration.sql. */
export const defaultMigrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

export interface Migration {
  name: string;
  sql: string;
  /** SHA-256 of the file, hex: what Prisma stores in _prisma_migrations.checksum. */
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

// Prisma's own bookkeeping table, column for column, so `prisma migrate deploy` and
// `prisma migrate status` agree with what this runner did.
const createBookkeeping = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same for every instance of this project.
const migrationLockKey = 7_261_733_104;

export async function readMigrations(dir = defaultMigrationsDir): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
    migrations.push({ name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies every migration not yet recorded, each in its own transaction, under an advisory
 * lock so that instances starting together apply each migration once. Refuses to run when an
 * applied migration's file has changed or a previous attempt failed half-way.
 * @returns the names of the migrations applied now.
 */
export async function applyMigrations(db: Database, dir = defaultMigrationsDir): Promise<string[]> {
  const migrations = await readMigrations(dir);
  return db.withConnection(async (connection) => {
    await connection.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    try {
      return await applyPending(connection, migrations);
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
    }
  });
}

async function applyPending(connection: SqlConnection, migrations: Migration[]): Promise<string[]> {
  await connection.exec(createBookkeeping);
  const rows = await connection.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
  );
  const applied = new Map(rows.map((row) => [row.migration_name, row]));
  for (const row of rows) {
    if (row.finished_at === null) {
      throw new MigrationError(`Migration ${row.migration_name} started but never finished; resolve it before starting.`);
    }
  }
  const appliedNow: string[] = [];
  for (const migration of migrations) {
    const previous = applied.get(migration.name);
    if (previous) {
      if (previous.checksum !== migration.checksum) {
        throw new MigrationError(`Migration ${migration.name} was changed after it was applied (checksum differs).`);
      }
      continue;
    }
    const id = randomUUID();
    await connection.exec('BEGIN');
    try {
      await connection.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
        [id, migration.checksum, migration.name],
      );
      await connection.exec(migration.sql);
      await connection.query(
        'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
        [id],
      );
      await connection.exec('COMMIT');
    } catch (error) {
      await connection.exec('ROLLBACK');
      throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
    }
    appliedNow.push(migration.name);
  }
  return appliedNow;
}
