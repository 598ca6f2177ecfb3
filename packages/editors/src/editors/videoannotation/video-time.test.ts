import { describe, expect, it } from "vitest";

import {
  frameAt,
  frameCountOf,
  frameRateFromTimes,
  frameTime,
  formatFrameRate,
} from "./video-time";

describe("frame <-> time", () => {
  it("seeks to the middle of a frame, which maps back to the same frame", () => {
    expect(frameTime(0, 10)).toBeCloseTo(0.05);
    expect(frameTime(7, 10)).toBeCloseTo(0.75);
    expect(frameTime(1, 30000 / 1001)).toBeCloseTo(1.5 / (30000 / 1001));
    for (const fps of [1, 10, 24, 25, 30000 / 1001, 60]) {
      for (let i = 0; i < 500; i++) expect(frameAt(frameTime(i, fps), fps)).toBe(i);
    }
  });

  it("gives a frame's own start time to that frame despite float error", () => {
    expect(frameAt(0.3, 10)).toBe(3); // 0.3 * 10 = 3.0000000000000004
    expect(frameAt(0.29999999999, 10)).toBe(3);
    expect(frameAt(0.2999, 10)).toBe(2);
    expect(frameAt(0, 25)).toBe(0);
  });

  it("keeps the frame within the clip when the count is known", () => {
    expect(frameAt(3, 10, 30)).toBe(29);
    expect(frameAt(-1, 10, 30)).toBe(0);
    expect(frameAt(99, 10, 0)).toBe(0);
  });
});

describe("frameCountOf", () => {
  it("counts the whole frames of a duration", () => {
    expect(frameCountOf(3, 10)).toBe(30);
    expect(frameCountOf(2.9999, 10)).toBe(30);
    expect(frameCountOf(3.04, 10)).toBe(30);
    expect(frameCountOf(3.1, 10)).toBe(31);
    expect(frameCountOf(10.01, 30000 / 1001)).toBe(300);
    expect(frameCountOf(0.01, 10)).toBe(1);
  });

  it("knows nothing from a missing or endless duration", () => {
    expect(frameCountOf(Number.NaN, 10)).toBeUndefined();
    expect(frameCountOf(Number.POSITIVE_INFINITY, 10)).toBeUndefined();
    expect(frameCountOf(0, 10)).toBeUndefined();
    expect(frameCountOf(3, 0)).toBeUndefined();
  });
});

describe("frameRateFromTimes", () => {
  it("reads the rate from consecutive frames, snapping to common rates", () => {
    expect(frameRateFromTimes([0, 0.1, 0.2, 0.3])).toBe(10);
    expect(frameRateFromTimes([0, 0.04, 0.08, 0.12])).toBe(25);
    const ntsc = 1001 / 30000;
    expect(frameRateFromTimes([0, ntsc, 2 * ntsc, 3 * ntsc])).toBe(30000 / 1001);
    expect(frameRateFromTimes([0, 1 / 12, 2 / 12])).toBe(12);
  });

  it("takes the smallest step when playback skipped frames", () => {
    expect(frameRateFromTimes([0, 0.1, 0.3, 0.4, 0.6])).toBe(10);
  });

  it("tells nothing from too few frames or repeated times", () => {
    expect(frameRateFromTimes([])).toBeUndefined();
    expect(frameRateFromTimes([0, 0.1])).toBeUndefined();
    expect(frameRateFromTimes([0.5, 0.5, 0.5])).toBeUndefined();
  });

  it("formats rates briefly", () => {
    expect(formatFrameRate(30000 / 1001)).toBe("29.97");
    expect(formatFrameRate(10)).toBe("10");
  });
});
