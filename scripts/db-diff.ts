// `npm run db:diff -- <name>`: writes the next migration, the SQL that takes the database
// built from prisma/migrations to prisma/schema.prisma, in Prisma's folder format:
// prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql. It replaces
// `prisma migrate dev --create-only`, which cannot run without the native engine.
// Review the file before applying it; hand-written SQL (CHECK constraints, data fixes)
// goes at its end.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_MIGRATIONS_DIR, diffMigrationsToSchema, LOCKFILE_CONTENT, LOCKFILE_NAME } from './schema-engine.ts';

const args = process.argv.slice(2);
const name = args[0];
if (args.length !== 1 || name === undefined || !/^[a-z0-9_]+$/.test(name)) {
  console.error(
    `db:diff: expected one migration name of lowercase letters, digits and underscores, got ${JSON.stringify(args)}\n` +
      'usage: npm run db:diff -- add_user_bio',
  );
  process.exit(2);
}

const sql = await diffMigrationsToSchema();
if (sql === '') {
  console.log('no changes');
  process.exit(0);
}

// Prisma's timestamp: UTC, to the second.
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dirName = `${stamp}_${name}`;

// Migrations run in name order, so a new one must sort after every existing one (a clock
// behind the last migration's timestamp would slip it into the middle of the history).
const existing = await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
const last = existing.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort().at(-1);
if (last !== undefined && last.slice(0, 14) >= stamp) {
  console.error(`db:diff: ${dirName} would not sort after the latest migration ${last}; try again in a second`);
  process.exit(1);
}

const dir = path.join(DEFAULT_MIGRATIONS_DIR, dirName);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, 'migration.sql'), sql, { flag: 'wx' });
await writeFile(path.join(DEFAULT_MIGRATIONS_DIR, LOCKFILE_NAME), LOCKFILE_CONTENT, { flag: 'wx' }).catch(
  (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error; // keep an existing lockfile as it is
  },
);
console.log(`wrote ${path.relative(process.cwd(), path.join(dir, 'migration.sql'))}`);
