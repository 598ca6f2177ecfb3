import type { Prisma, PrismaClient } from "@taskforge/db";

/** Either the client or an open interactive transaction: read helpers work inside both. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

// Bulk creates of 1,000 tasks run in one transaction; Prisma's 5 s default is too tight on PGlite.
export const LONG_TRANSACTION = { maxWait: 10_000, timeout: 60_000 } as const;
