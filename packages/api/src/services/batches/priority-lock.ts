import type { DbClient } from "../../db-client";

/**
 * Serializes a change of batch priority with the creation of tasks in those batches, which copies
 * the priority onto each task (`batch_priority`, the claim's order). A creating transaction takes
 * the lock shared before it reads the batches it names, a priority change takes it exclusive before
 * it writes: without it, tasks inserted while a change commits would keep the old priority. Keyed
 * on the batch's name in its organization and world; taken in key order (no deadlock among
 * holders of several) and held until the transaction ends. Advisory, so nothing else waits on it.
 */
export const lockBatchPriorities = async (
  tx: DbClient,
  world: { organizationId: string; isTest: boolean },
  names: readonly string[],
  mode: "shared" | "exclusive",
) => {
  if (!names.length) return;
  const prefix = `taskforge.batch_priority:${world.organizationId}:${world.isTest ? "test" : "live"}:`;
  const keys = [...new Set(names)].map((name) => prefix + name);
  if (mode === "shared")
    await tx.$queryRaw`
      SELECT count(pg_advisory_xact_lock_shared(k))::int AS "locked"
      FROM (SELECT DISTINCT hashtextextended(n, 0) AS k FROM unnest(${keys}::text[]) n ORDER BY 1) s`;
  else
    await tx.$queryRaw`
      SELECT count(pg_advisory_xact_lock(k))::int AS "locked"
      FROM (SELECT DISTINCT hashtextextended(n, 0) AS k FROM unnest(${keys}::text[]) n ORDER BY 1) s`;
};
