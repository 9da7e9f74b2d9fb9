import { parseArgs } from 'node:util';

export interface SeedArgs {
  users: number;
  seed: number;
  reset: boolean;
  help: boolean;
}

export class SeedUsageError extends Error {
  override name = 'SeedUsageError';
}

export const seedUsage = `Usage: npm run db:seed -- [--users N] [--seed N] [--reset]

Fills the database that DATABASE_URL (or DATA_DIR/pglite) points to with a demo social graph.
  --users N   how many users, demo accounts included: 10 to 100000 (default 300)
  --seed N    PRNG seed, 0 to 4294967295; the same seed gives the same graph (default 42)
  --reset     delete EVERY user (and, by cascade, all their data) first, then seed again
Without --reset an already seeded database is left as it is.`;

function wholeNumber(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= min && number <= max)) {
    throw new SeedUsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return number;
}

/** Parses the script's arguments (process.argv.slice(2)); throws SeedUsageError on anything unknown or out of range. */
export function parseSeedArgs(argv: string[]): SeedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        users: { type: 'string' },
        seed: { type: 'string' },
        reset: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new SeedUsageError((error as Error).message, { cause: error });
  }
  return {
    users: wholeNumber('--users', values.users, 300, 10, 100_000),
    seed: wholeNumber('--seed', values.seed, 42, 0, 4_294_967_295),
    reset: values.reset,
    help: values.help,
  };
}
