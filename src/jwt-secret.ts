import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The JWT secret kept in the data directory: generated on first start (never a fixed
 * default), then reused so tokens survive restarts. Two instances starting together agree
 * on one secret: the loser of the race reads the winner's file.
 */
export async function loadOrCreateJwtSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'jwt-secret');
  await mkdir(dataDir, { recursive: true });
  // Written in full under a private name, then linked into place: link() refuses to replace
  // an existing file, and the file is complete before it appears. (Creating it with `wx` and
  // then writing let a concurrent caller read it while still empty.)
  const draft = `${file}.${randomUUID()}.tmp`;
  await writeFile(draft, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < 32) throw new Error(`${file} holds a secret shorter than 32 characters; delete it to generate a new one.`);
  return secret;
}
