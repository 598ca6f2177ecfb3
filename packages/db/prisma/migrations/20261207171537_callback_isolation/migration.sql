-- Callback isolation: deliveries carry their destination (the URL's origin), so the workers can
-- take due deliveries round-robin across destinations under a per-destination limit; each
-- destination has a circuit breaker; attempts are logged when claimed, so a dead worker's attempt
-- shows as interrupted.

ALTER TABLE "callback_deliveries" ADD COLUMN "destination" TEXT;
ALTER TABLE "callback_deliveries" ADD COLUMN "manual" BOOLEAN NOT NULL DEFAULT false;

-- The worker computes the key with the WHATWG URL parser; for rows queued before, the scheme and
-- authority as written are close enough (only the grouping of old deliveries depends on it).
UPDATE "callback_deliveries" SET "destination" = CASE
  WHEN "url" ~* '^https?://' THEN lower(substring("url" from '^[A-Za-z]+://[^/?#]+'))
  WHEN position('@' in "url") > 0 THEN 'mailto:' || lower(regexp_replace("url", '^.*@', ''))
  ELSE "url" END;
ALTER TABLE "callback_deliveries" ALTER COLUMN "destination" SET NOT NULL;

CREATE INDEX "callback_deliveries_destination_due_idx" ON "callback_deliveries"("destination", "manual" DESC, "next_attempt_at") WHERE status = 'pending';

-- CreateEnum
CREATE TYPE "callback_attempt_outcome" AS ENUM ('in_flight', 'succeeded', 'failed', 'interrupted');

ALTER TABLE "callback_attempts" ADD COLUMN "outcome" "callback_attempt_outcome" NOT NULL DEFAULT 'in_flight';
UPDATE "callback_attempts" SET "outcome" = CASE
  WHEN "status_code" BETWEEN 200 AND 299 OR ("status_code" IS NULL AND "error" IS NULL) THEN 'succeeded'::"callback_attempt_outcome"
  ELSE 'failed'::"callback_attempt_outcome" END;
ALTER TABLE "callback_attempts" ALTER COLUMN "latency_ms" DROP NOT NULL;

-- CreateTable
CREATE TABLE "callback_destinations" (
    "key" TEXT NOT NULL,
    "concurrency_limit" INTEGER,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "open_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "callback_destinations_pkey" PRIMARY KEY ("key")
);
