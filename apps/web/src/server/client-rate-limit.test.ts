import { afterEach, describe, expect, it, vi } from "vitest";

import { createClientRateLimiter } from "./client-rate-limit";

afterEach(() => {
  vi.useRealTimers();
});

describe("the per-client rate limit", () => {
  it("allows a burst, then the sustained rate, per address, and says when to retry", () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const take = createClientRateLimiter({ perSecond: 2, burst: 3 });
    expect([take("a"), take("a"), take("a")]).toEqual([0, 0, 0]);
    expect(take("a")).toBe(1);
    // Another address has its own bucket.
    expect(take("b")).toBe(0);
    vi.setSystemTime(500);
    expect(take("a")).toBe(0);
    expect(take("a")).toBe(1);
  });

  it("is off at 0 per second", () => {
    const take = createClientRateLimiter({ perSecond: 0, burst: 1 });
    for (let i = 0; i < 100; i++) expect(take("a")).toBe(0);
  });
});
