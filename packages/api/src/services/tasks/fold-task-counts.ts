import type { Database } from "@taskforge/db";

/** The columns a `task_counts` row counts by; with `shard` they are its primary key. */
export const TASK_COUNT_KEY = `"organization_id", "is_test", "tag", "project_id", "batch_id", "type", "status", "customer_review_status"`;

/**
 * Folds the `task_counts` rows of connections that have ended into shard 0 and drops folded rows
 * that came to zero. Each live connection writes only its own rows (shard = its backend pid; see
 * migration 20261205100000_task_counts_per_connection), so without this the table would gain a row
 * per key for every connection ever opened. Totals are unchanged: the move is one statement.
 * One process folds at a time; the others skip. Returns how many rows it folded.
 */
export const foldTaskCounts = (db: Database): Promise<number> =>
  db.prisma.$transaction(async (tx) => {
    const [turn] = await tx.$queryRaw<{ ours: boolean }[]>`
      SELECT pg_try_advisory_xact_lock(hashtext('taskforge.fold_task_counts')) AS "ours"`;
    if (!turn?.ours) return 0;
    // Rows of an ended connection are locked only by a new one that got its pid, and only in the
    // moment of this statement; if that ever forms a cycle, the fold gives way, not the writer.
    await tx.$executeRaw`SET LOCAL lock_timeout = '100ms'`;
    const [folded] = await tx.$queryRawUnsafe<{ rows: number }[]>(`
      WITH "gone" AS (
        DELETE FROM "task_counts" c
        WHERE c."shard" > 0 AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a."pid" = c."shard")
        RETURNING *
      ), "moved" AS (
        INSERT INTO "task_counts" AS c (${TASK_COUNT_KEY}, "shard", "tasks")
        SELECT ${TASK_COUNT_KEY}, 0, sum("tasks") FROM "gone"
        GROUP BY ${TASK_COUNT_KEY} ORDER BY ${TASK_COUNT_KEY}
        ON CONFLICT (${TASK_COUNT_KEY}, "shard") DO UPDATE SET "tasks" = c."tasks" + EXCLUDED."tasks"
      )
      SELECT count(*)::int AS "rows" FROM "gone"`);
    await tx.$executeRaw`DELETE FROM "task_counts" WHERE "shard" = 0 AND "tasks" = 0`;
    return folded?.rows ?? 0;
  });
