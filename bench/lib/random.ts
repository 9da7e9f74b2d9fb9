import { createRandom } from '../../prisma/seed/random.ts';

/**
 * The demo seed's PRNG (mulberry32) as a plain function: the same seed gives the same graph and
 * the same workload.
 */
export const seededRandom = (seed: number): (() => number) => createRandom(seed).next;

/** A UUID (version 4 layout) drawn from `random`, so seeded data has stable ids. */
export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
