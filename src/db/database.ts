import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.ts';

/** A raw connection for work Prisma cannot do: multi-statement scripts and advisory locks. */
export interface SqlConnection {
  /** Runs a script that may hold several statements (simple query protocol). */
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export interface Database {
  prisma: PrismaClient;
  kind: 'postgres' | 'pglite';
  /** Lends one dedicated connection for the duration of `work`. */
  withConnection<T>(work: (connection: SqlConnection) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL. When absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; absent means in memory (tests). Ignored with `url`. */
  dataDir?: string | undefined;
  /** Called with every SQL statement Prisma sends (tests count them; debug logging). */
  onQuery?: ((sql: string) => void) | undefined;
  /** Pool size for PostgreSQL (default 10). */
  poolSize?: number;
}

function createPrismaClient(adapter: PrismaPg | PrismaPGlite, onQuery?: (sql: string) => void): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter });
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  prisma.$on('query', (event) => onQuery(event.query));
  return prisma;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPGlite(options);
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const adapter = new PrismaPg({ connectionString: url, max: options.poolSize ?? 10 });
  const prisma = createPrismaClient(adapter, options.onQuery);
  return {
    prisma,
    kind: 'postgres',
    async withConnection(work) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await work({
          async exec(sql) {
            await client.query(sql);
          },
          async query<Row>(sql: string, params?: unknown[]) {
            return (await client.query(sql, params)).rows as Row[];
          },
        });
      } finally {
        await client.end();
      }
    },
    async ping() {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    async close() {
      await prisma.$disconnect();
    },
  };
}

async function openPGlite(options: DatabaseOptions): Promise<Database> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pglite = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
  const prisma = createPrismaClient(new PrismaPGlite(pglite), options.onQuery);
  return {
    prisma,
    kind: 'pglite',
    // PGlite is a single connection that serialises its own callers, so lending it is safe.
    async withConnection(work) {
      return work({
        async exec(sql) {
          await pglite.exec(sql);
        },
        async query<Row>(sql: string, params?: unknown[]) {
          return (await pglite.query<Row>(sql, params)).rows;
        },
      });
    },
    async ping() {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
