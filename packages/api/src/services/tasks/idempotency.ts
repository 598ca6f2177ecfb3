import type { Database } from "@taskforge/db";

/** How long an Idempotency-Key is remembered: a retry within this window gets the first task back. */
export const IDEMPOTENCY_KEY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Forgets Idempotency-Keys older than the retention window; returns how many were removed. */
export const pruneIdempotencyKeys = async (
  db: Database,
  olderThanMs = IDEMPOTENCY_KEY_RETENTION_MS,
) => {
  const removed = await db.prisma.idempotencyKey.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - olderThanMs) } },
  });
  return removed.count;
};
