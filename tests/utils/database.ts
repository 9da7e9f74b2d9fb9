import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrate.ts';

export interface TestDatabase {
  db: Database;
  /** Every SQL statement Prisma sent, in order (tests reset it with `length = 0`). */
  statements: string[];
  /** The URL of the fresh PostgreSQL database, when running against PostgreSQL. */
  url: string | undefined;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the PostgreSQL server of DATABASE_URL when that is set (CI runs both).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const statements: string[] = [];
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase({ onQuery: (sql) => statements.push(sql) });
    await applyMigrations(db);
    return { db, statements, url: undefined, drop: () => db.close() };
  }
  const name = `chorus_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), onQuery: (sql) => statements.push(sql), poolSize: 5 });
  await applyMigrations(db);
  return {
    db,
    statements,
    url: url.toString(),
    async drop() {
      await db.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** The machine's PostgreSQL, for tests that need a server several processes can share. */
export const postgresServerUrl = () => process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A new, empty database on that server (no migrations: whoever uses it applies them). */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = postgresServerUrl();
  const name = `chorus_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A new database on that server with the migrations applied, for programs that open it themselves. */
export async function createMigratedPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const database = await createEmptyPostgresDatabase();
  try {
    const db = await openDatabase({ url: database.url, poolSize: 2 });
    try {
      await applyMigrations(db);
    } finally {
      await db.close();
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

/**
 * The same database as seen by another server instance: a second connection pool to the
 * PostgreSQL database, or the very same PGlite (which lives inside this process). Its drop()
 * only lets go of that connection; the database stays until the original's drop().
 */
export async function shareTestDatabase(database: TestDatabase): Promise<TestDatabase> {
  if (!database.url) return { db: database.db, statements: database.statements, url: undefined, drop: async () => {} };
  const statements: string[] = [];
  const db = await openDatabase({ url: database.url, onQuery: (sql) => statements.push(sql), poolSize: 5 });
  return { db, statements, url: database.url, drop: () => db.close() };
}

async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
