import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { bordaCount, kendallSimilarity } from "./vote-ranking";

const permutation = (size: number) =>
  fc.shuffledSubarray(
    Array.from({ length: size }, (_, index) => index),
    { minLength: size, maxLength: size },
  );

describe("kendallSimilarity", () => {
  it.each([
    { a: [0, 1, 2], b: [0, 1, 2], expected: 1 },
    { a: [0, 1, 2], b: [2, 1, 0], expected: 0 },
    { a: [0, 1, 2], b: [1, 0, 2], expected: 2 / 3 },
    { a: [0], b: [0], expected: 1 },
    { a: [], b: [], expected: 1 },
  ])("$a vs $b = $expected", ({ a, b, expected }) => {
    expect(kendallSimilarity(a, b)).toBeCloseTo(expected);
  });

  it("is symmetric, in [0, 1], and 1 only for equal rankings", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 6 })
          .chain((size) => fc.tuple(permutation(size), permutation(size))),
        ([a, b]) => {
          const similarity = kendallSimilarity(a, b);
          expect(similarity).toBeGreaterThanOrEqual(0);
          expect(similarity).toBeLessThanOrEqual(1);
          expect(kendallSimilarity(b, a)).toBeCloseTo(similarity);
          expect(similarity === 1).toBe(a.join() === b.join());
        },
      ),
    );
  });
});

describe("bordaCount", () => {
  it("ranks by total points", () => {
    const outcome = bordaCount([
      [0, 1, 2],
      [1, 0, 2],
      [1, 2, 0],
    ]);
    expect(outcome.ranking).toEqual([1, 0, 2]);
    expect([...outcome.scores.entries()].sort()).toEqual([
      [0, 3],
      [1, 5],
      [2, 1],
    ]);
    expect(outcome.ties).toEqual([]);
  });

  it("breaks ties by the first ranking's order and reports them", () => {
    const outcome = bordaCount([
      [2, 0, 1],
      [0, 2, 1],
    ]);
    expect(outcome.ranking).toEqual([2, 0, 1]);
    expect(outcome.ties).toEqual([[2, 0]]);
  });

  it("returns a single ranking unchanged", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((size) => permutation(size)),
        (ranking) => {
          expect(bordaCount([ranking, ranking]).ranking).toEqual(ranking);
          expect(bordaCount([ranking]).ties).toEqual([]);
        },
      ),
    );
  });
});
