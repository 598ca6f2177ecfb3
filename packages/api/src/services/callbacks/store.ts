import type { SqlSession } from "@taskforge/db";

/**
 * The worker's SQL. A claim is one statement and so is recording an outcome; no transaction stays
 * open while a callback is in flight.
 */

export type ClaimedDelivery = {
  id: string;
  organization_id: string;
  task_id: string | null;
  url: string;
  body: string;
  /** This attempt's number (1 for the first). */
  attempts: number;
  lease_token: string;
};

/**
 * Claims up to `limit` due deliveries. The claim pushes `next_attempt_at` one lease ahead instead of
 * holding a lock: if this process dies mid-attempt, the row is simply due again once the lease ends
 * (at-least-once; the receiver de-duplicates on webhook-id). A delivery waits while an earlier one
 * of the same task is still pending, which keeps each task's callbacks in event order.
 */
export const claimDueDeliveries = (
  sql: SqlSession,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> =>
  sql.query<ClaimedDelivery>(
    `WITH due AS (
      SELECT d."id" FROM "callback_deliveries" d
      WHERE d."status" = 'pending' AND d."next_attempt_at" <= now()
        AND NOT EXISTS (
          SELECT 1 FROM "callback_deliveries" e
          WHERE e."task_id" = d."task_id" AND e."seq" < d."seq" AND e."status" = 'pending')
      -- By due time only, so an index scan on (status, next_attempt_at) can stop at the limit.
      ORDER BY d."next_attempt_at"
      LIMIT $1
      FOR UPDATE SKIP LOCKED)
    UPDATE "callback_deliveries" d
    SET "attempts" = d."attempts" + 1, "lease_token" = gen_random_uuid(),
        "next_attempt_at" = now() + make_interval(secs => $2::float8)
    FROM due WHERE d."id" = due."id"
    RETURNING d."id"::text AS "id", d."organization_id"::text AS "organization_id",
      d."task_id"::text AS "task_id", d."url", d."body", d."attempts", d."lease_token"::text AS "lease_token"`,
    [limit, leaseMs / 1000],
  );

/**
 * Hands back claims this worker will not attempt (it is stopping): they are due again at once for
 * other workers instead of after the lease, and the claim does not count as an attempt.
 */
export const releaseClaims = async (
  sql: SqlSession,
  deliveries: readonly ClaimedDelivery[],
): Promise<void> => {
  if (!deliveries.length) return;
  await sql.query(
    `UPDATE "callback_deliveries" d
    SET "attempts" = d."attempts" - 1, "lease_token" = NULL, "next_attempt_at" = now()
    FROM unnest($1::uuid[], $2::uuid[]) AS claim("id", "lease_token")
    WHERE d."id" = claim."id" AND d."lease_token" = claim."lease_token" AND d."status" = 'pending'`,
    [deliveries.map((d) => d.id), deliveries.map((d) => d.lease_token)],
  );
};

/**
 * Deletes finished deliveries (and their attempts) older than `retentionDays`, at most `limit` per
 * call so a large backlog is trimmed in short statements. Returns how many went.
 */
export const pruneFinishedDeliveries = async (
  sql: SqlSession,
  retentionDays: number,
  limit = 10_000,
): Promise<number> => {
  const rows = await sql.query<{ count: number }>(
    `WITH gone AS (
      DELETE FROM "callback_deliveries" WHERE "id" IN (
        SELECT "id" FROM "callback_deliveries"
        WHERE "status" <> 'pending' AND "finished_at" < now() - make_interval(secs => $1::float8)
        LIMIT $2)
      RETURNING 1)
    SELECT count(*)::int AS "count" FROM gone`,
    [retentionDays * 86_400, limit],
  );
  return rows[0]?.count ?? 0;
};

/** Statistics for the claim query's plan where no autovacuum keeps them (embedded PGlite). */
export const analyzeDeliveries = (sql: SqlSession) => sql.exec(`ANALYZE "callback_deliveries"`);

export type AttemptRecord = {
  startedAt: Date;
  latencyMs: number;
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
};

/** What becomes of the delivery after an attempt. */
export type Verdict =
  { kind: "succeeded" } | { kind: "retry"; delayMs: number } | { kind: "failed" };

// PostgreSQL text cannot hold NUL characters, and a receiver may send anything.
const clean = (text: string | null) => (text === null ? null : text.replaceAll("\u0000", ""));

export type AttemptOutcome = {
  delivery: ClaimedDelivery;
  attempt: AttemptRecord;
  verdict: Verdict;
};

/**
 * Logs attempts and applies their verdicts, any number in one statement. Success counts even when
 * the lease was lost (the callback did arrive); a failure is applied only by the holder of the
 * current lease, since another worker owns the delivery otherwise. A task's `callback_succeeded`
 * follows its delivery's final outcome, and a delivered callback joins the task's history.
 */
export const recordAttempts = async (
  sql: SqlSession,
  outcomes: readonly AttemptOutcome[],
): Promise<void> => {
  if (!outcomes.length) return;
  const column = <T>(pick: (outcome: AttemptOutcome) => T) => outcomes.map(pick);
  await sql.query(
    `WITH input AS (
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::float8[], $4::uuid[], $5::int[], $6::text[],
        $7::int[], $8::timestamptz[], $9::int[], $10::text[])
        AS x("id", "status", "delay", "lease_token", "status_code", "error", "attempt", "started_at",
          "latency_ms", "excerpt")),
    updated AS (
      UPDATE "callback_deliveries" d
      SET "status" = x."status"::callback_delivery_status,
          "lease_token" = NULL,
          "last_status_code" = x."status_code",
          "last_error" = x."error",
          "next_attempt_at" = CASE WHEN x."status" = 'pending'
            THEN now() + make_interval(secs => x."delay") ELSE d."next_attempt_at" END,
          "finished_at" = CASE WHEN x."status" = 'pending' THEN NULL ELSE now() END
      FROM input x
      WHERE d."id" = x."id" AND d."status" = 'pending'
        AND (x."status" = 'succeeded' OR d."lease_token" = x."lease_token")
      RETURNING d."id", d."task_id", x."status"),
    history AS (
      INSERT INTO "task_events" ("task_id", "type", "actor", "data")
      SELECT u."task_id", 'callback_delivered', 'system', jsonb_build_object('delivery_id', u."id")
      FROM updated u WHERE u."status" = 'succeeded' AND u."task_id" IS NOT NULL),
    logged AS (
      INSERT INTO "callback_attempts" ("id", "delivery_id", "attempt", "started_at", "latency_ms",
        "status_code", "error", "response_excerpt")
      SELECT gen_random_uuid(), x."id", x."attempt", x."started_at", x."latency_ms", x."status_code",
        x."error", x."excerpt" FROM input x)
    UPDATE "tasks" t SET "callback_succeeded" = (u."status" = 'succeeded')
    FROM updated u
    WHERE u."status" <> 'pending' AND t."id" = u."task_id"
      AND t."callback_succeeded" IS DISTINCT FROM (u."status" = 'succeeded')`,
    [
      column((o) => o.delivery.id),
      column((o) => (o.verdict.kind === "retry" ? "pending" : o.verdict.kind)),
      column((o) => (o.verdict.kind === "retry" ? o.verdict.delayMs / 1000 : 0)),
      column((o) => o.delivery.lease_token),
      column((o) => o.attempt.statusCode),
      column((o) => clean(o.attempt.error)),
      column((o) => o.delivery.attempts),
      column((o) => o.attempt.startedAt.toISOString()),
      column((o) => o.attempt.latencyMs),
      column((o) => clean(o.attempt.responseExcerpt)),
    ],
  );
};
