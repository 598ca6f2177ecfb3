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
  destination: string;
  body: string;
  /** This attempt's number (1 for the first). */
  attempts: number;
  /** Also the id of this attempt's row in the log. */
  lease_token: string;
};

/** How many callbacks to each destination may be in flight from one worker. */
export type DestinationLimits = {
  /** A destination's limit before it has answered (and after a failure halved it, at least 1). */
  start: number;
  /** The most any destination grows to, one more for each answer. */
  max: number;
  /** Failures in a row that open its breaker. */
  breakerFailures: number;
  /** How long an open breaker holds its destination's callbacks back before one probe goes. */
  breakerCooldownMs: number;
};

/**
 * Whether any delivery is due: one index probe, so an idle worker's polls stay cheap (the claim
 * itself is planned anew on every call where statements cannot be prepared, as on PGlite).
 */
export const anyDeliveryDue = async (sql: SqlSession): Promise<boolean> =>
  (
    await sql.query(
      `SELECT 1 FROM "callback_deliveries" WHERE "status" = 'pending' AND "next_attempt_at" <= now()
      LIMIT 1`,
    )
  ).length > 0;

/**
 * Claims up to `limit` due deliveries, round-robin across destinations: each destination's first
 * due delivery, then each one's second, and so on, never more to one destination than its limit
 * less what this worker already holds for it (`held`). A destination whose breaker is open gives
 * none (its deliveries wait, no attempt is spent); a half-open one gives one, its probe, and is
 * marked open for the lease so no other worker probes it too. Within a destination, deliveries a
 * person asked for (resend, retry, replay) go first, then the longest due.
 *
 * The claim pushes `next_attempt_at` one lease ahead instead of holding a lock: if this process
 * dies mid-attempt, the row is simply due again once the lease ends (at-least-once; the receiver
 * de-duplicates on webhook-id). The attempt is logged `in_flight` by the claim itself, and an
 * attempt still in flight when its delivery is claimed again is marked `interrupted`. A delivery
 * waits while an earlier one of the same task is still pending, which keeps each task's callbacks
 * in event order.
 */
export const claimDueDeliveries = (
  sql: SqlSession,
  limit: number,
  leaseMs: number,
  held: ReadonlyMap<string, number>,
  limits: Pick<DestinationLimits, "start" | "max">,
): Promise<ClaimedDelivery[]> =>
  sql.query<ClaimedDelivery>(
    `WITH RECURSIVE pending_destinations AS (
      -- A skip scan of the due index: one probe per destination with pending deliveries.
      (SELECT d."destination" FROM "callback_deliveries" d WHERE d."status" = 'pending'
        ORDER BY d."destination" LIMIT 1)
      UNION ALL
      SELECT (SELECT d."destination" FROM "callback_deliveries" d
          WHERE d."status" = 'pending' AND d."destination" > p."destination"
          ORDER BY d."destination" LIMIT 1)
      FROM pending_destinations p WHERE p."destination" IS NOT NULL),
    room AS (
      SELECT p."destination", s."open_until" IS NOT NULL AS "probe",
        CASE WHEN s."open_until" > now() THEN 0
          WHEN s."open_until" IS NOT NULL THEN 1
          ELSE least(coalesce(s."concurrency_limit", $3), $4) END
          - coalesce(h."count", 0) AS "room"
      FROM pending_destinations p
      LEFT JOIN "callback_destinations" s ON s."key" = p."destination"
      LEFT JOIN unnest($5::text[], $6::int[]) AS h("destination", "count")
        ON h."destination" = p."destination"
      WHERE p."destination" IS NOT NULL),
    candidates AS (
      SELECT c."id", c."destination", c."manual", c."next_attempt_at", r."probe",
        row_number() OVER (PARTITION BY c."destination"
          ORDER BY c."manual" DESC, c."next_attempt_at") AS "turn"
      FROM room r CROSS JOIN LATERAL (
        SELECT d."id", d."destination", d."manual", d."next_attempt_at"
        FROM "callback_deliveries" d
        WHERE d."destination" = r."destination" AND d."status" = 'pending'
          AND d."next_attempt_at" <= now()
          AND NOT EXISTS (
            SELECT 1 FROM "callback_deliveries" e
            WHERE e."task_id" = d."task_id" AND e."seq" < d."seq" AND e."status" = 'pending')
        ORDER BY d."manual" DESC, d."next_attempt_at"
        LIMIT least(r."room", $1::int)
        FOR UPDATE SKIP LOCKED) c
      WHERE r."room" > 0),
    picked AS (
      SELECT "id", "destination", "probe" FROM candidates
      ORDER BY "turn", "manual" DESC, "next_attempt_at" LIMIT $1::int),
    claimed AS (
      UPDATE "callback_deliveries" d
      SET "attempts" = d."attempts" + 1, "lease_token" = gen_random_uuid(),
          "next_attempt_at" = now() + make_interval(secs => $2::float8)
      FROM picked WHERE d."id" = picked."id"
      RETURNING d."id", d."organization_id", d."task_id", d."url", d."destination", d."body",
        d."attempts", d."lease_token"),
    probing AS (
      UPDATE "callback_destinations" s
      SET "open_until" = now() + make_interval(secs => $2::float8), "updated_at" = now()
      WHERE s."key" IN (SELECT "destination" FROM picked WHERE "probe")),
    interrupted AS (
      UPDATE "callback_attempts" a SET "outcome" = 'interrupted',
        "error" = 'interrupted: the worker stopped before the attempt ended'
      FROM claimed c WHERE a."delivery_id" = c."id" AND a."outcome" = 'in_flight'),
    started AS (
      INSERT INTO "callback_attempts" ("id", "delivery_id", "attempt", "outcome", "started_at")
      SELECT c."lease_token", c."id", c."attempts", 'in_flight', now() FROM claimed c)
    SELECT "id"::text AS "id", "organization_id"::text AS "organization_id",
      "task_id"::text AS "task_id", "url", "destination", "body", "attempts",
      "lease_token"::text AS "lease_token"
    FROM claimed`,
    [limit, leaseMs / 1000, limits.start, limits.max, [...held.keys()], [...held.values()]],
    { preparedAs: "taskforge_claim_callbacks" },
  );

/**
 * Hands back claims this worker will not attempt (it is stopping): they are due again at once for
 * other workers instead of after the lease, the claim does not count as an attempt, and its log
 * entry goes (nothing was sent).
 */
export const releaseClaims = async (
  sql: SqlSession,
  deliveries: readonly ClaimedDelivery[],
): Promise<void> => {
  if (!deliveries.length) return;
  await sql.query(
    `WITH released AS (
      UPDATE "callback_deliveries" d
      SET "attempts" = d."attempts" - 1, "lease_token" = NULL, "next_attempt_at" = now()
      FROM unnest($1::uuid[], $2::uuid[]) AS claim("id", "lease_token")
      WHERE d."id" = claim."id" AND d."lease_token" = claim."lease_token" AND d."status" = 'pending'
      RETURNING claim."lease_token")
    DELETE FROM "callback_attempts" a USING released r WHERE a."id" = r."lease_token"`,
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

/**
 * What an attempt says about its destination: `up` when the receiver answered (any status but
 * those below), `down` when it did not answer in time, refused the connection, or answered 5xx,
 * 408 or 429; null when the failure was the delivery's own (an unusable URL, no SMTP server).
 */
export type DestinationHealth = "up" | "down" | null;

// PostgreSQL text cannot hold NUL characters, and a receiver may send anything.
const clean = (text: string | null) => (text === null ? null : text.replaceAll("\u0000", ""));

export type AttemptOutcome = {
  delivery: ClaimedDelivery;
  attempt: AttemptRecord;
  verdict: Verdict;
  health: DestinationHealth;
};

export type DestinationTally = {
  answers: number;
  failures: number;
  /** Failures after the last answer (all of them when none answered). */
  trailingFailures: number;
  lastError: string | null;
};

/** Per destination, what a batch of outcomes (in the order they finished) says about it. */
export const tallyDestinations = (
  outcomes: readonly AttemptOutcome[],
): Map<string, DestinationTally> => {
  const tallies = new Map<string, DestinationTally>();
  for (const { delivery, attempt, health } of outcomes) {
    if (!health) continue;
    const tally = tallies.get(delivery.destination) ?? {
      answers: 0,
      failures: 0,
      trailingFailures: 0,
      lastError: null,
    };
    if (health === "up") {
      tally.answers++;
      tally.trailingFailures = 0;
      tally.lastError = null;
    } else {
      tally.failures++;
      tally.trailingFailures++;
      tally.lastError = attempt.error;
    }
    tallies.set(delivery.destination, tally);
  }
  return tallies;
};

/**
 * Logs attempts (completing the entries their claims made) and applies their verdicts, any number
 * in one statement. Success counts even when the lease was lost (the callback did arrive); a
 * failure is applied only by the holder of the current lease, since another worker owns the
 * delivery otherwise. A task's `callback_succeeded` follows its delivery's final outcome, and a
 * delivered callback joins the task's history.
 *
 * Each destination's limit grows by one per answer and halves on a batch with failures (down to
 * 1); `breakerFailures` failures in a row open its breaker for `breakerCooldownMs`, and an answer
 * closes it.
 */
export const recordAttempts = async (
  sql: SqlSession,
  outcomes: readonly AttemptOutcome[],
  limits: DestinationLimits,
): Promise<void> => {
  if (!outcomes.length) return;
  const column = <T>(pick: (outcome: AttemptOutcome) => T) => outcomes.map(pick);
  const tallies = [...tallyDestinations(outcomes)];
  await sql.query(
    `WITH input AS (
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::float8[], $4::uuid[], $5::int[], $6::text[],
        $7::timestamptz[], $8::int[], $9::text[])
        AS x("id", "status", "delay", "lease_token", "status_code", "error", "started_at",
          "latency_ms", "excerpt")),
    updated AS (
      UPDATE "callback_deliveries" d
      SET "status" = x."status"::callback_delivery_status,
          "lease_token" = NULL,
          "manual" = false,
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
      UPDATE "callback_attempts" a
      SET "outcome" = (CASE WHEN x."status" = 'succeeded' THEN 'succeeded' ELSE 'failed' END)
            ::callback_attempt_outcome,
          "started_at" = x."started_at", "latency_ms" = x."latency_ms",
          "status_code" = x."status_code", "error" = x."error", "response_excerpt" = x."excerpt"
      FROM input x WHERE a."id" = x."lease_token"),
    tally AS (
      SELECT * FROM unnest($10::text[], $11::int[], $12::int[], $13::int[], $14::text[])
        AS y("key", "answers", "failures", "trailing", "last_error")),
    health AS (
      UPDATE "callback_destinations" s
      SET "concurrency_limit" = CASE WHEN y."failures" > 0
            THEN greatest(1, least(coalesce(s."concurrency_limit", $15), $16) / 2)
            ELSE least($16, coalesce(s."concurrency_limit", $15) + y."answers") END,
          "consecutive_failures" = CASE WHEN y."answers" > 0 THEN y."trailing"
            ELSE s."consecutive_failures" + y."trailing" END,
          "open_until" = CASE
            WHEN y."trailing" > 0 AND $17 <= CASE WHEN y."answers" > 0 THEN y."trailing"
              ELSE s."consecutive_failures" + y."trailing" END
              THEN now() + make_interval(secs => $18::float8)
            WHEN y."answers" > 0 THEN NULL
            ELSE s."open_until" END,
          "last_error" = CASE WHEN y."trailing" > 0 THEN y."last_error"
            WHEN y."answers" > 0 THEN NULL ELSE s."last_error" END,
          "updated_at" = now()
      FROM tally y WHERE s."key" = y."key"
      RETURNING s."key"),
    fresh AS (
      INSERT INTO "callback_destinations"
        ("key", "concurrency_limit", "consecutive_failures", "open_until", "last_error")
      SELECT y."key",
        CASE WHEN y."failures" > 0 THEN greatest(1, $15 / 2) ELSE least($16, $15 + y."answers") END,
        y."trailing",
        CASE WHEN y."trailing" > 0 AND y."trailing" >= $17
          THEN now() + make_interval(secs => $18::float8) END,
        y."last_error"
      FROM tally y WHERE y."key" NOT IN (SELECT "key" FROM health)
      ON CONFLICT ("key") DO NOTHING)
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
      column((o) => o.attempt.startedAt.toISOString()),
      column((o) => o.attempt.latencyMs),
      column((o) => clean(o.attempt.responseExcerpt)),
      tallies.map(([key]) => key),
      tallies.map(([, t]) => t.answers),
      tallies.map(([, t]) => t.failures),
      tallies.map(([, t]) => t.trailingFailures),
      tallies.map(([, t]) => clean(t.lastError)),
      limits.start,
      limits.max,
      limits.breakerFailures,
      limits.breakerCooldownMs / 1000,
    ],
  );
};
