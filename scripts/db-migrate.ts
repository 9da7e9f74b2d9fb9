// Applies pending migrations to the configured database (DATABASE_URL, or PGlite under DATA_DIR)
// without starting the server: `npm run db:migrate`. The server also does this on start.
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrate.ts';

const config = loadConfig(process.env);
const db = await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
try {
  const applied = await applyMigrations(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already up to date');
} finally {
  await db.close();
}
