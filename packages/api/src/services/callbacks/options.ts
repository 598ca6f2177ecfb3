import type { SmtpConfig } from "./email-sender";
import { DEFAULT_RETRY_SCHEDULE } from "./schedule";
import type { RetrySchedule } from "./schedule";
import type { DestinationLimits } from "./store";
import { parseAllowlist } from "./ssrf";
import type { Resolver, TargetPolicy } from "./ssrf";

export type DeliveryWorkerOptions = {
  /** Callbacks in flight at once in this process, to all destinations (default 256). */
  concurrency?: number;
  /**
   * Callbacks in flight to one destination (a URL's origin) from this process: a destination
   * starts at `start` (default 4), gains one for each answer up to `max` (default three quarters of
   * `concurrency`), and halves on failures. Its breaker opens after `breakerFailures` failures in
   * a row (default 5) for `breakerCooldownMs` (default 60 s).
   */
  destinations?: Partial<DestinationLimits>;
  /** Retry schedule (default: 20 attempts over about 24 hours). */
  schedule?: Partial<RetrySchedule>;
  /** Hosts, addresses and CIDR ranges that may receive callbacks despite being private. */
  allowlist?: readonly string[];
  /** How often to look for due deliveries when nothing wakes the worker (default 500 ms). */
  pollIntervalMs?: number;
  /** How long a claim lasts; a crashed worker's deliveries are retried after it (default 60 s). */
  leaseMs?: number;
  /** Per-attempt limit for the whole exchange (default 10 s). */
  timeoutMs?: number;
  /** Redirect hops to follow (default 0: a 3xx is a failed attempt). */
  followRedirects?: number;
  /** Where email callbacks go out; without it they fail with a clear reason. */
  smtp?: SmtpConfig | undefined;
  /** A PostgreSQL URL to LISTEN on, so new deliveries start at once instead of at the next poll. */
  listenUrl?: string | undefined;
  /** How long signing secrets are cached (default 5 s; a rotation is seen within it). */
  secretCacheMs?: number;
  /** Days finished deliveries stay listable and replayable before they are pruned (default 30; 0 keeps them). */
  retentionDays?: number;
  /** DNS resolution (tests answer with chosen addresses). */
  resolve?: Resolver | undefined;
};

export type WorkerConfig = {
  concurrency: number;
  destinations: DestinationLimits;
  schedule: RetrySchedule;
  policy: TargetPolicy;
  pollIntervalMs: number;
  leaseMs: number;
  timeoutMs: number;
  followRedirects: number;
  smtp: SmtpConfig | undefined;
  listenUrl: string | undefined;
  secretCacheMs: number;
  retentionDays: number;
  resolve: Resolver | undefined;
};

const positive = (name: string, value: number, min = 1) => {
  if (!Number.isFinite(value) || value < min) {
    throw new Error(
      `delivery worker option ${name} must be a number of at least ${min}, got ${value}`,
    );
  }
  return value;
};

export const resolveWorkerOptions = (options: DeliveryWorkerOptions): WorkerConfig => {
  const schedule = { ...DEFAULT_RETRY_SCHEDULE, ...options.schedule };
  positive("schedule.maxAttempts", schedule.maxAttempts);
  positive("schedule.baseDelayMs", schedule.baseDelayMs, 0);
  positive("schedule.maxDelayMs", schedule.maxDelayMs, schedule.baseDelayMs);
  if (!(schedule.jitter >= 0 && schedule.jitter < 1)) {
    throw new Error(
      `delivery worker option schedule.jitter must be in [0, 1), got ${schedule.jitter}`,
    );
  }
  const timeoutMs = positive("timeoutMs", options.timeoutMs ?? 10_000);
  const leaseMs = positive("leaseMs", options.leaseMs ?? 60_000);
  // A lease that can end while the attempt is still in flight would let a second worker send the
  // same callback concurrently.
  if (leaseMs <= timeoutMs) {
    throw new Error(
      `delivery worker option leaseMs (${leaseMs}) must exceed timeoutMs (${timeoutMs})`,
    );
  }
  const concurrency = positive("concurrency", options.concurrency ?? 256);
  const destinations: DestinationLimits = {
    start: 4,
    // A quarter of the worker stays free for other destinations whatever one receiver does.
    max: Math.max(1, Math.floor((concurrency * 3) / 4)),
    breakerFailures: 5,
    breakerCooldownMs: 60_000,
    ...options.destinations,
  };
  positive("destinations.start", destinations.start);
  positive("destinations.max", destinations.max, destinations.start);
  positive("destinations.breakerFailures", destinations.breakerFailures);
  positive("destinations.breakerCooldownMs", destinations.breakerCooldownMs, 0);
  return {
    concurrency,
    destinations,
    schedule,
    policy: parseAllowlist(options.allowlist ?? []),
    pollIntervalMs: positive("pollIntervalMs", options.pollIntervalMs ?? 500),
    leaseMs,
    timeoutMs,
    followRedirects: positive("followRedirects", options.followRedirects ?? 0, 0),
    smtp: options.smtp,
    listenUrl: options.listenUrl,
    secretCacheMs: positive("secretCacheMs", options.secretCacheMs ?? 5_000, 0),
    retentionDays: positive("retentionDays", options.retentionDays ?? 30, 0),
    resolve: options.resolve,
  };
};
