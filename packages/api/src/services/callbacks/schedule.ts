/**
 * When a failed callback is tried again. Scale promises "up to 20 times over 24 hours": the wait
 * doubles from `baseDelayMs` up to `maxDelayMs`, and the defaults put the last of 20 attempts about
 * 24 hours after the first.
 */
export type RetrySchedule = {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** The wait after the first failed attempt; each later wait doubles it. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
  /**
   * Each wait is scaled by a random factor in [1 - jitter, 1 + jitter], so deliveries that failed
   * together (a receiver's outage) are not all retried in the same second.
   */
  jitter: number;
};

// 10 s doubling to 2 h 20 min: ten waits grow to ~1.4 h (2.8 h in all), nine more at the cap make
// ~23.8 h between the first and the 20th attempt.
export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = {
  maxAttempts: 20,
  baseDelayMs: 10_000,
  maxDelayMs: 8_400_000,
  jitter: 0.2,
};

/** The wait after attempt number `attempt` (1-based) failed, or null when it was the last one. */
export const retryDelayMs = (
  schedule: RetrySchedule,
  attempt: number,
  random: () => number = Math.random,
): number | null => {
  if (attempt >= schedule.maxAttempts) return null;
  const exponential = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** (attempt - 1));
  const factor = 1 + schedule.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(exponential * factor));
};

/** Time from the first to the last attempt, without jitter. */
export const retryWindowMs = (schedule: RetrySchedule): number => {
  let total = 0;
  for (let attempt = 1; attempt < schedule.maxAttempts; attempt++) {
    total += retryDelayMs(schedule, attempt, () => 0.5) ?? 0;
  }
  return total;
};
