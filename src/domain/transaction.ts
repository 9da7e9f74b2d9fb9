import type { PrismaClient } from '../generated/prisma/client.ts';

/** The client handed to an interactive transaction's callback. */
export type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
