import type { Prisma, PrismaClient } from "@taskforge/db";

/** Either the client or an open interactive transaction: read helpers work inside both. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

// Bulk creates of 1,000 tasks run in one transaction; Prisma's 5 s default is too tight on PGlite.
export const LONG_TRANSACTION = { maxWait: 10_000, timeout: 60_000 } as const;

type TransactionOptions = { maxWait?: number; timeout?: number };

type DriverErrorCause = { originalCode?: unknown; kind?: unknown };

/**
 * Whether PostgreSQL aborted a transaction to let a concurrent one through (deadlock `40P01`,
 * serialization failure `40001`). Prisma reports it as `P2034`, or for a raw query as `P2010` with
 * the driver's error attached.
 */
export const isWriteConflict = (error: unknown): boolean => {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: DriverErrorCause } };
  };
  if (code === "P2034" || code === "40P01" || code === "40001") return true;
  const cause = meta?.driverAdapterError?.cause;
  return (
    cause?.kind === "TransactionWriteConflict" ||
    cause?.originalCode === "40P01" ||
    cause?.originalCode === "40001"
  );
};

const WRITE_CONFLICT_ATTEMPTS = 3;

/**
 * Runs `write` again (up to three attempts in all) when PostgreSQL aborts it over a write conflict:
 * it was rolled back whole, so the next attempt starts clean. `write` must be one transaction or
 * one statement, with no effects outside it.
 */
export const retryingWrite = async <T>(write: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= WRITE_CONFLICT_ATTEMPTS || !isWriteConflict(error)) throw error;
    }
  }
};

/**
 * An interactive transaction run again when PostgreSQL aborts it over a write conflict (see
 * `retryingWrite`). Bulk writes need this: they update shared rows (the batches of their tasks)
 * that a concurrent bulk write may lock in the opposite order.
 */
export const retryingTransaction = <T>(
  prisma: PrismaClient,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> => retryingWrite(() => prisma.$transaction(fn, options));

/** Whether a raw SQL statement failed on a foreign key (a row it refers to is gone). */
export const isForeignKeyViolation = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23503";
