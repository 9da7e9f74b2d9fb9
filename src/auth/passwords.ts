import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt, a memory-hard KDF built into Node (no native addon to
 * install). The parameters are stored in each hash, so the cost can be raised later and
 * old hashes still verify: `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url).
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Constant-time comparison; false for a malformed stored hash. */
  verify(password: string, stored: string): Promise<boolean>;
  /** Spends the same time as a real verify, so a missing account cannot be told apart by timing. */
  verifyNothing(password: string): Promise<void>;
}

export interface PasswordHasherOptions {
  /** log2 of scrypt's N (default 15: 32 MiB and ~50 ms per hash). Tests may lower it. */
  logN?: number;
}

const keyLength = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function scryptOptions(logN: number, r: number, p: number): ScryptOptions {
  const N = 2 ** logN;
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

export function createPasswordHasher(options: PasswordHasherOptions = {}): PasswordHasher {
  const logN = options.logN ?? 15;
  const r = 8;
  const p = 1;
  const dummy = { salt: randomBytes(16), options: scryptOptions(logN, r, p) };

  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, scryptOptions(logN, r, p));
      return ['scrypt', logN, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
    },
    async verify(password, stored) {
      const parts = stored.split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
      const [storedLogN, storedR, storedP] = parts.slice(1, 4).map(Number) as [number, number, number];
      const expected = Buffer.from(parts[5]!, 'base64url');
      const key = await derive(password, Buffer.from(parts[4]!, 'base64url'), scryptOptions(storedLogN, storedR, storedP));
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
    async verifyNothing(password) {
      await derive(password, dummy.salt, dummy.options);
    },
  };
}
