import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { canonicalJson, clamp01, majorityVote, meanOr1, medoid, tieNote } from "./vote";

describe("majorityVote", () => {
  it.each([
    { values: ["a"], winner: "a", count: 1, leaders: ["a"] },
    { values: ["a", "b", "b"], winner: "b", count: 2, leaders: ["b"] },
    { values: ["b", "a", "a", "b"], winner: "b", count: 2, leaders: ["b", "a"] },
    { values: ["c", "a", "b"], winner: "c", count: 1, leaders: ["c", "a", "b"] },
  ])("$values → $winner", ({ values, winner, count, leaders }) => {
    expect(majorityVote(values)).toEqual({ winner, count, total: values.length, leaders });
  });

  it("compares by the given key, keeping the first value of each group", () => {
    const vote = majorityVote(["A", "b", "a"], (value) => value.toLowerCase());
    expect(vote).toMatchObject({ winner: "A", count: 2 });
  });

  it("refuses an empty list", () => {
    expect(() => majorityVote([])).toThrow(RangeError);
  });

  it("always picks a value that reached the highest count", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1 }), (values) => {
        const vote = majorityVote(values);
        const counts = values.map((value) => values.filter((other) => other === value).length);
        expect(vote.count).toBe(Math.max(...counts));
        expect(values.filter((value) => value === vote.winner)).toHaveLength(vote.count);
        expect(vote.winner).toBe(values.find((_, index) => counts[index] === vote.count));
      }),
    );
  });
});

describe("medoid", () => {
  const closeness = (a: number, b: number) => 1 - Math.abs(a - b) / 10;

  it("picks the most central item", () => {
    expect(medoid([0, 4, 5, 10], closeness)).toMatchObject({ index: 1, leaders: [1, 2] });
    expect(medoid([0, 5, 6], closeness)).toMatchObject({ index: 1, leaders: [1] });
  });

  it("gives a mean similarity of 1 for identical items", () => {
    expect(medoid([3, 3, 3], closeness)).toEqual({
      index: 0,
      leaders: [0, 1, 2],
      meanSimilarity: 1,
    });
  });

  it("refuses an empty list", () => {
    expect(() => medoid([], closeness)).toThrow(RangeError);
  });
});

describe("small helpers", () => {
  it("formats tie notes", () => {
    expect(tieNote("category", ["big", "small"])).toBe('category: tie between "big" and "small"');
    expect(tieNote("choice", [0, 1])).toBe("choice: tie between 0 and 1");
  });

  it("averages, with 1 for nothing", () => {
    expect(meanOr1([])).toBe(1);
    expect(meanOr1([0, 1, 0.5])).toBe(0.5);
    expect(clamp01(-0.2)).toBe(0);
    expect(clamp01(1.5)).toBe(1);
  });

  it("canonicalJson ignores key order at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 1, x: 2 }], c: 2 } })).toBe(
      canonicalJson({ a: { c: 2, d: [1, { x: 2, y: 1 }] }, b: 1 }),
    );
    expect(canonicalJson(undefined)).toBe("undefined");
  });
});
