// The project's migration runner (src/db/migrate.ts) on a real database that
// createTestDatabase has already migrated with prisma/migrations.
import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, MigrationError } from '../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from './utils/database.ts';

const realMigrationsDir = fileURLToPath(new URL('../prisma/migrations', import.meta.url));

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of prisma/migrations plus the given extra migrations ({ folder: sql }). */
async function migrationsWith(extra: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chorus-migrate-'));
  tempDirs.push(dir);
  await cp(realMigrationsDir, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function realMigrationNames(): Promise<string[]> {
  const entries = await readdir(realMigrationsDir, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

interface BookkeepingRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

const bookkeeping = () =>
  t.db.withConnection((connection) =>
    connection.query<BookkeepingRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    ),
  );

const tableExists = async (name: string) => {
  const [row] = await t.db.withConnection((connection) =>
    connection.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [`"${name}"`]),
  );
  return row?.found !== null && row?.found !== undefined;
};

describe('the real migrations', () => {
  it('should apply nothing when everything is applied already', async () => {
    expect(await applyMigrations(t.db)).toEqual([]);
  });

  it('should record one finished row per folder, with the SHA-256 of its migration.sql', async () => {
    const names = await realMigrationNames();
    expect(names.length).toBeGreaterThan(0);
    const expected = await Promise.all(
      names.map(async (name) => ({
        migration_name: name,
        checksum: createHash('sha256').update(await readFile(path.join(realMigrationsDir, name, 'migration.sql'))).digest('hex'),
      })),
    );
    const rows = await bookkeeping();
    expect(rows.map(({ migration_name, checksum }) => ({ migration_name, checksum }))).toEqual(expected);
    for (const row of rows) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });
});

describe('a new migration', () => {
  it('should apply only the new one, once', async () => {
    const dir = await migrationsWith({ '99990101000000_extra': 'CREATE TABLE "Extra" (id int);\n' });
    expect(await tableExists('Extra')).toBe(false);
    expect(await applyMigrations(t.db, dir)).toEqual(['99990101000000_extra']);
    expect(await tableExists('Extra')).toBe(true);
    expect((await bookkeeping()).map((row) => row.migration_name)).toContain('99990101000000_extra');
    expect(await applyMigrations(t.db, dir)).toEqual([]);
  });
});

describe('refusals', () => {
  it('should refuse to run when an applied migration was changed', async () => {
    const dir = await migrationsWith();
    const [first] = await realMigrationNames();
    await appendFile(path.join(dir, first!, 'migration.sql'), '\n-- an edit after the fact\n');
    const failure = applyMigrations(t.db, dir);
    await expect(failure).rejects.toBeInstanceOf(MigrationError);
    await expect(failure).rejects.toThrow(new RegExp(`${first}.*changed`));
  });

  it('should roll back a migration that fails, leaving no trace of it', async () => {
    const broken = '99990102000000_broken';
    const dir = await migrationsWith({
      [broken]: 'CREATE TABLE "Broken" (id int);\nINSERT INTO "Broken" VALUES (1);\nSELECT no_such_function();\n',
    });
    const failure = applyMigrations(t.db, dir);
    await expect(failure).rejects.toBeInstanceOf(MigrationError);
    await expect(failure).rejects.toThrow(new RegExp(`${broken} failed`));

    expect(await tableExists('Broken')).toBe(false);
    expect((await bookkeeping()).map((row) => row.migration_name)).not.toContain(broken);
    // The runner is left usable: the lock is released and nothing is half-applied.
    expect(await applyMigrations(t.db)).toEqual([]);
  });
});
