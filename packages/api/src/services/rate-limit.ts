import type { Database } from "@taskforge/db";

import { AppError } from "../errors";

/** Requests per second per API key (sustained) and the burst a full bucket allows; 0 turns it off. */
export type RateLimitConfig = { perSecond: number; burst: number };

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { perSecond: 200, burst: 400 };

// One statement takes a token when there is one: concurrent requests from any number of server
// processes serialise on the bucket's row, so the limit holds across instances.
const TAKE_TOKEN_SQL = `
INSERT INTO "rate_limit_buckets" AS b ("key", "tokens", "updated_at")
VALUES ($1, $2::float8 - 1, clock_timestamp())
ON CONFLICT ("key") DO UPDATE SET
  "tokens" = LEAST($2::float8, b."tokens" + EXTRACT(EPOCH FROM clock_timestamp() - b."updated_at") * $3::float8) - 1,
  "updated_at" = clock_timestamp()
WHERE LEAST($2::float8, b."tokens" + EXTRACT(EPOCH FROM clock_timestamp() - b."updated_at") * $3::float8) >= 1
RETURNING "tokens"`;

const TOKENS_NOW_SQL = `
SELECT LEAST($2::float8, "tokens" + EXTRACT(EPOCH FROM clock_timestamp() - "updated_at") * $3::float8) AS "tokens"
FROM "rate_limit_buckets" WHERE "key" = $1`;

/**
 * Takes one token from the key's bucket or throws a 429 whose `retryAfterSeconds` says when the
 * next token arrives.
 */
export const takeRateLimitToken = async (
  db: Database,
  bucketKey: string,
  config: RateLimitConfig,
) => {
  if (config.perSecond <= 0) return;
  const taken = await db.sql.query(TAKE_TOKEN_SQL, [bucketKey, config.burst, config.perSecond]);
  if (taken.length) return;
  const [bucket] = await db.sql.query<{ tokens: number }>(TOKENS_NOW_SQL, [
    bucketKey,
    config.burst,
    config.perSecond,
  ]);
  const retryAfterSeconds = Math.max(1, Math.ceil((1 - (bucket?.tokens ?? 0)) / config.perSecond));
  throw new RateLimitedError(retryAfterSeconds, config);
};

const RETURN_TOKEN_SQL = `
UPDATE "rate_limit_buckets" SET "tokens" = LEAST($2::float8, "tokens" + 1) WHERE "key" = $1`;

/** Gives back a token taken for an attempt that turned out not to count (a correct password). */
export const returnRateLimitToken = async (
  db: Database,
  bucketKey: string,
  config: RateLimitConfig,
) => {
  if (config.perSecond <= 0) return;
  await db.sql.query(RETURN_TOKEN_SQL, [bucketKey, config.burst]);
};

export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    config: RateLimitConfig,
  ) {
    super(
      "rate_limited",
      `Too many requests: this API key may make ${config.perSecond} requests per second (bursts of ${config.burst}). Retry after ${retryAfterSeconds} s.`,
    );
  }
}
