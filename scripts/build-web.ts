// Builds the web client into clients/web/dist when it is missing or older than its sources
// (`npm start` and the test suite run this first); `--force` builds in any case.
import { renameSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../clients/web/', import.meta.url));

/** The newest modification time under `path` (a file or a directory); 0 when it is missing. */
function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

/** Builds unless the build is newer than every source; whether it built. */
export async function buildWeb({ force = false } = {}): Promise<boolean> {
  const sources = Math.max(...['src', 'index.html', 'vite.config.ts', 'public'].map((entry) => newest(join(root, entry))));
  const built = statSync(join(root, 'dist', 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (!force && built >= sources) return false;
  // Built aside and swapped in, so a server already serving dist never sees half a build.
  const fresh = join(root, `.dist-${process.pid}`);
  const old = join(root, `.dist-old-${process.pid}`);
  // The production build whatever NODE_ENV says: vitest sets "test", under which Vite bundles
  // React's development build unminified, and the tests must drive what `npm start` serves.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: fresh, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  rmSync(old, { recursive: true, force: true });
  if (statSync(join(root, 'dist'), { throwIfNoEntry: false })) renameSync(join(root, 'dist'), old);
  renameSync(fresh, join(root, 'dist'));
  rmSync(old, { recursive: true, force: true });
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (await buildWeb({ force: process.argv.includes('--force') })) console.log('web client built: clients/web/dist');
}
