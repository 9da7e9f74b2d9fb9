// Runs `prisma generate` on install. Prisma's CLI wants to download its native schema
// engine first, which a machine without internet cannot do; generation itself never uses
// the engine, so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file lets it run.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
