/**
 * A seeded PRNG for the demo data. Math.random and crypto.randomUUID cannot be seeded, and the
 * seed must reproduce the same graph (ids included) on every run, so everything random in
 * prisma/seed draws from one of these.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Standard normal (Box–Muller), for skewed quantities such as how sociable someone is. */
  gaussian(): number;
  /** A well-formed version 4 UUID in lowercase, so ids sort the same in JS and PostgreSQL. */
  uuid(): string;
}

/** mulberry32: 32 bits of state, tiny, and good enough for test data (not for secrets). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  const word = () => Math.floor(next() * 4_294_967_296);
  // >>> 0 because bitwise operators return signed 32-bit integers.
  const hex = (value: number) => (value >>> 0).toString(16).padStart(8, '0');
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick() needs at least one item');
      return items[Math.floor(next() * items.length)]!;
    },
    gaussian: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    uuid() {
      // RFC 9562 layout: version nibble 4 at the start of the third group, variant bits 10.
      const a = hex(word());
      const b = hex((word() & 0xffff0fff) | 0x00004000);
      const c = hex((word() & 0x3fffffff) | 0x80000000);
      const d = hex(word());
      return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
    },
  };
}
