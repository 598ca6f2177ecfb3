import type { SqlSession } from "@taskforge/db";

export type ClaimedExport = {
  id: string;
  organization_id: string;
  is_test: boolean;
  format: string;
  filters: unknown;
  options: unknown;
  attempts: number;
  lease_token: string;
};

/** Tasks read so far, how many were left out, and why (reason → count). */
export type ExportCounts = {
  processed: number;
  skipped: number;
  skipReasons: Record<string, number>;
};

/** A job whose runner died this many times is failed rather than claimed again. */
export const MAX_EXPORT_ATTEMPTS = 3;

/**
 * Claims the oldest queued job, or a running one whose lease ran out (its runner died), restarting
 * it from the beginning. `SKIP LOCKED` lets any number of runners claim side by side.
 */
export const claimExportJob = async (
  sql: SqlSession,
  leaseMs: number,
): Promise<ClaimedExport | null> => {
  await sql.query(
    `UPDATE "export_jobs" SET "status" = 'failed', "finished_at" = now(), "lease_token" = NULL,
      "error" = 'The export was interrupted ' || "attempts" || ' times (its worker stopped); giving up.'
    WHERE "status" = 'running' AND "locked_until" < now() AND "attempts" >= $1`,
    [MAX_EXPORT_ATTEMPTS],
  );
  const rows = await sql.query<ClaimedExport>(
    `WITH next AS (
      SELECT "id" FROM "export_jobs"
      WHERE "status" = 'queued' OR ("status" = 'running' AND "locked_until" < now())
      ORDER BY "created_at", "id"
      LIMIT 1
      FOR UPDATE SKIP LOCKED)
    UPDATE "export_jobs" j
    SET "status" = 'running', "attempts" = j."attempts" + 1, "lease_token" = gen_random_uuid(),
        "locked_until" = now() + make_interval(secs => $1::float8),
        "started_at" = COALESCE(j."started_at", now()), "processed" = 0, "skipped" = 0,
        "total" = NULL, "error" = NULL, "skip_reasons" = '{}'::jsonb
    FROM next WHERE j."id" = next."id"
    RETURNING j."id"::text AS "id", j."organization_id"::text AS "organization_id", j."is_test",
      j."format", j."filters", j."options", j."attempts", j."lease_token"::text AS "lease_token"`,
    [leaseMs / 1000],
  );
  return rows[0] ?? null;
};

/**
 * Records progress and extends the lease; false when the lease is no longer ours (another runner
 * took the job over after it expired), in which case this runner must stop writing.
 */
export const recordProgress = async (
  sql: SqlSession,
  job: ClaimedExport,
  progress: ExportCounts & { total: number | null },
  leaseMs: number,
): Promise<boolean> => {
  const rows = await sql.query(
    `UPDATE "export_jobs" SET "processed" = $3, "skipped" = $4, "total" = $5,
      "locked_until" = now() + make_interval(secs => $6::float8), "skip_reasons" = $7::jsonb
    WHERE "id" = $1::uuid AND "lease_token" = $2::uuid AND "status" = 'running'
    RETURNING "id"`,
    [
      job.id,
      job.lease_token,
      progress.processed,
      progress.skipped,
      progress.total,
      leaseMs / 1000,
      JSON.stringify(progress.skipReasons),
    ],
  );
  return rows.length > 0;
};

export const completeExport = async (
  sql: SqlSession,
  job: ClaimedExport,
  result: ExportCounts & { total: number; sizeBytes: number; path: string },
): Promise<boolean> => {
  const rows = await sql.query(
    `UPDATE "export_jobs" SET "status" = 'completed', "processed" = $3, "skipped" = $4,
      "total" = $5, "size_bytes" = $6, "file_path" = $7, "finished_at" = now(),
      "lease_token" = NULL, "locked_until" = NULL, "skip_reasons" = $8::jsonb
    WHERE "id" = $1::uuid AND "lease_token" = $2::uuid AND "status" = 'running'
    RETURNING "id"`,
    [
      job.id,
      job.lease_token,
      result.processed,
      result.skipped,
      result.total,
      result.sizeBytes,
      result.path,
      JSON.stringify(result.skipReasons),
    ],
  );
  return rows.length > 0;
};

export const failExport = async (
  sql: SqlSession,
  job: ClaimedExport,
  error: string,
): Promise<void> => {
  await sql.query(
    `UPDATE "export_jobs" SET "status" = 'failed', "error" = $3, "finished_at" = now(),
      "lease_token" = NULL, "locked_until" = NULL
    WHERE "id" = $1::uuid AND "lease_token" = $2::uuid AND "status" = 'running'`,
    [job.id, job.lease_token, error],
  );
};

/** Hands a job back (this runner is stopping): it is queued again at once, not after the lease. */
export const releaseExport = async (sql: SqlSession, job: ClaimedExport): Promise<void> => {
  await sql.query(
    `UPDATE "export_jobs" SET "status" = 'queued', "attempts" = "attempts" - 1,
      "lease_token" = NULL, "locked_until" = NULL
    WHERE "id" = $1::uuid AND "lease_token" = $2::uuid AND "status" = 'running'`,
    [job.id, job.lease_token],
  );
};
