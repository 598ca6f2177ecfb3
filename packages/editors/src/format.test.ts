import { decodeMask, encodeMask } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import {
  formatSeconds,
  formatValue,
  indexHistogram,
  maskToRgba,
  percent,
  rankOfAttachment,
  textSegments,
} from "./format";

describe("formatSeconds", () => {
  it("writes minutes, seconds and hundredths", () => {
    expect(formatSeconds(0.1)).toBe("0:00.10");
    expect(formatSeconds(75.5)).toBe("1:15.50");
    expect(formatSeconds(59.999)).toBe("1:00.00");
    expect(formatSeconds(-3)).toBe("0:00.00");
  });
});

describe("formatValue", () => {
  it("writes answers as text", () => {
    expect(formatValue(["a", 2])).toBe("a, 2");
    expect(formatValue(true)).toBe("yes");
    expect(formatValue(undefined)).toBe("—");
    expect(formatValue({ amount: "1" })).toBe('{"amount":"1"}');
  });
});

describe("textSegments", () => {
  const text = "Ada Lovelace was born in London.";

  it("cuts the text at span boundaries, keeping every character once", () => {
    const segments = textSegments(text, [
      { id: "e1", start: 0, end: 12, label: "person" },
      { id: "e2", start: 25, end: 31, label: "location" },
    ]);
    expect(segments.map((segment) => segment.text)).toEqual([
      "Ada Lovelace",
      " was born in ",
      "London",
      ".",
    ]);
    expect(segments.map((segment) => segment.spans.map((span) => span.id))).toEqual([
      ["e1"],
      [],
      ["e2"],
      [],
    ]);
  });

  it("shows nested spans on the pieces they share, and clamps offsets to the text", () => {
    const segments = textSegments("New York City", [
      { id: "city", start: 0, end: 13, label: "location" },
      { id: "state", start: 4, end: 99, label: "state" },
    ]);
    expect(segments.map((segment) => [segment.text, segment.spans.map((span) => span.id)])).toEqual(
      [
        ["New ", ["city"]],
        ["York City", ["city", "state"]],
      ],
    );
  });

  it("ignores empty spans", () => {
    expect(textSegments("abc", [{ id: "x", start: 2, end: 2, label: "l" }])).toEqual([
      { start: 0, end: 3, text: "abc", spans: [] },
    ]);
  });
});

describe("histograms and masks", () => {
  it("counts indices, most frequent first, naming index 0 unlabeled", () => {
    expect(indexHistogram([1, 1, 1, 0, 2, 2], { "1": "road", "2": "car" })).toEqual([
      { index: 1, label: "road", count: 3 },
      { index: 2, label: "car", count: 2 },
      { index: 0, label: "unlabeled", count: 1 },
    ]);
    expect(indexHistogram([5], {})).toEqual([{ index: 5, label: "index 5", count: 1 }]);
    expect(percent(1, 3)).toBe("33.3%");
    expect(percent(1, 0)).toBe("0%");
  });

  it("paints a decoded mask: each index in its colour, unlabeled pixels clear", () => {
    const pixels = decodeMask(encodeMask([0, 1, 2, 1], 2, 2));
    const rgba = maskToRgba(pixels, (index) => (index === 1 ? "#ff0000" : "#0000ff"), 200);
    expect([...rgba]).toEqual([0, 0, 0, 0, 255, 0, 0, 200, 0, 0, 255, 200, 255, 0, 0, 200]);
  });

  it("turns a ranking into each attachment's rank", () => {
    expect([...rankOfAttachment([2, 0, 1])]).toEqual([
      [2, 1],
      [0, 2],
      [1, 3],
    ]);
    expect(rankOfAttachment(undefined).size).toBe(0);
  });
});
