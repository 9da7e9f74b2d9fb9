// The migrations folder must build exactly the database schema.prisma describes: a model
// change without a migration (or a hand edit that diverges) fails here. Author the missing
// migration with `npm run db:diff -- <name>`.
import { appendFile, cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR, diffMigrationsToSchema } from '../scripts/schema-engine.ts';

const tempDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

test('the migrations produce exactly schema.prisma', async () => {
  expect(await diffMigrationsToSchema()).toBe('');
});

test('the drift check fails when the migrations fall behind schema.prisma', async () => {
  // A copy of the real folder whose init migration then drops a column the schema has.
  const dir = await mkdtemp(path.join(tmpdir(), 'chorus-migrations-'));
  tempDirs.push(dir);
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  const init = (await readdir(dir)).find((name) => name.endsWith('_init'));
  expect(init).toBeDefined();
  await appendFile(path.join(dir, init!, 'migration.sql'), '\nALTER TABLE "User" DROP COLUMN "telegramUsername";\n');

  const sql = await diffMigrationsToSchema({ migrationsDir: dir });
  expect(sql).not.toBe('');
  expect(sql).toContain('telegramUsername');
});
