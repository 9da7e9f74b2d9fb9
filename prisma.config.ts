import { defineConfig } from 'prisma/config';

// The CLI is used for `generate` only: migrations are applied by the project's own
// runner (src/db/migrate.ts), which keeps _prisma_migrations as `prisma migrate deploy` does.
export default defineConfig({
  schema: './prisma/schema.prisma',
  migrations: { path: './prisma/migrations' },
});
