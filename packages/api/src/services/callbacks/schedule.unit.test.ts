import { describe, expect, it } from "vitest";

import { DEFAULT_RETRY_SCHEDULE, retryDelayMs, retryWindowMs } from "./schedule";

describe("retry schedule", () => {
  it("makes 20 attempts over about 24 hours by default", () => {
    expect(DEFAULT_RETRY_SCHEDULE.maxAttempts).toBe(20);
    const hours = retryWindowMs(DEFAULT_RETRY_SCHEDULE) / 3_600_000;
    expect(hours).toBeGreaterThan(22);
    expect(hours).toBeLessThan(26);
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 19, () => 0.5)).not.toBeNull();
    expect(retryDelayMs(DEFAULT_RETRY_SCHEDULE, 20, () => 0.5)).toBeNull();
  });

  it("doubles each wait up to the cap", () => {
    const schedule = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0 };
    const waits = [1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(schedule, attempt));
    expect(waits).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it("spreads each wait within the jitter band", () => {
    const schedule = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 10_000, jitter: 0.2 };
    expect(retryDelayMs(schedule, 1, () => 0)).toBe(800);
    expect(retryDelayMs(schedule, 1, () => 0.999999)).toBe(1200);
    const samples = new Set(Array.from({ length: 50 }, () => retryDelayMs(schedule, 2)));
    expect(samples.size).toBeGreaterThan(10);
    for (const wait of samples) {
      expect(wait).toBeGreaterThanOrEqual(1600);
      expect(wait).toBeLessThanOrEqual(2400);
    }
  });
});
