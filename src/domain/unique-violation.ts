import { Prisma } from '../generated/prisma/client.ts';

/** Prisma's code for a unique-constraint violation, on PostgreSQL and PGlite alike; `field` narrows it to one constraint. */
export function isUniqueViolation(error: unknown, field?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return false;
  return field === undefined || JSON.stringify(error.meta ?? {}).includes(field);
}
