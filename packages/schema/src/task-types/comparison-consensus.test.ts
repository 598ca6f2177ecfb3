import fc from "fast-check";
import { describe, expect, it } from "vitest";

import type { ComparisonResponse } from "./comparison";
import { ComparisonParamsSchema, comparisonTaskType } from "./comparison";

const attachments = ["A", "B", "C"].map((content) => ({ type: "text", content }));
const quality = { field_id: "quality", title: "Quality", type: "rating", min: 1, max: 5 };
const choice = ComparisonParamsSchema.parse({ attachments, choices: ["A", "B", "same"] });
const ranking = ComparisonParamsSchema.parse({ attachments, mode: "ranking", fields: [quality] });
// Called through the definition: its members are methods (unbound-method).
const type = comparisonTaskType;

describe("comparison consolidation, choice mode", () => {
  it("takes the majority and keeps the rationale of an agreeing response", () => {
    const result = type.consolidate(choice, [
      { choice: "B", rationale: "B cites sources" },
      { choice: "A", rationale: "A is shorter" },
      { choice: "B" },
    ]);
    expect(result).toEqual({
      response: { choice: "B", rationale: "B cites sources" },
      agreement: 2 / 3,
      tied: false,
      notes: ['choice: 2 of 3 responses chose "B"'],
    });
  });

  it("reports a tie and keeps the choice seen first", () => {
    const result = type.consolidate(choice, [{ choice: "same" }, { choice: "A" }]);
    expect(result.response).toEqual({ choice: "same" });
    expect(result.tied).toBe(true);
    expect(result.notes).toEqual(['choice: tie between "same" and "A"']);
  });
});

describe("comparison consolidation, ranking mode", () => {
  const ranked = (order: number[], ratings: number[]): ComparisonResponse => ({
    ranking: order,
    ratings: { quality: ratings },
  });

  it("aggregates rankings by Borda count and ratings by mean", () => {
    const responses = [
      ranked([0, 1, 2], [5, 3, 1]),
      ranked([1, 0, 2], [4, 4, 1]),
      ranked([1, 2, 0], [2, 5, 3]),
    ];
    const result = type.consolidate(ranking, responses);
    expect(result.response).toEqual({
      ranking: [1, 0, 2],
      ratings: { quality: [11 / 3, 4, 5 / 3] },
    });
    expect(result.tied).toBe(false);
    expect(type.checkResponse(ranking, result.response)).toEqual([]);
    // Kendall similarity to [1, 0, 2]: 2/3, 1, 2/3; ratings similarity per response.
    const kendall = (2 / 3 + 1 + 2 / 3) / 3;
    const ratingSimilarity = (values: number[]) =>
      values.reduce(
        (sum, value, index) => sum + 1 - Math.abs(value - ([11 / 3, 4, 5 / 3][index] ?? 0)) / 4,
        0,
      ) / 3;
    const ratingsPart =
      (ratingSimilarity([5, 3, 1]) + ratingSimilarity([4, 4, 1]) + ratingSimilarity([2, 5, 3])) / 3;
    expect(result.agreement).toBeCloseTo((kendall + ratingsPart) / 2);
  });

  it("reports equal Borda scores and keeps the first response's order for them", () => {
    const result = type.consolidate(ranking, [
      ranked([2, 0, 1], [1, 1, 1]),
      ranked([0, 2, 1], [1, 1, 1]),
    ]);
    expect(result.response.ranking).toEqual([2, 0, 1]);
    expect(result.tied).toBe(true);
    expect(result.notes).toEqual(["ranking: tie between attachments 2 and 0 (Borda score 3)"]);
  });

  it("has agreement 1 for identical responses", () => {
    const same = ranked([2, 1, 0], [3, 3, 3]);
    expect(type.consolidate(ranking, [same, same, same]).agreement).toBe(1);
  });
});

describe("comparison scoreAgainstGold", () => {
  it.each([
    { p: choice, response: { choice: "A" }, gold: { choice: "A" }, score: 1 },
    { p: choice, response: { choice: "B" }, gold: { choice: "A" }, score: 0 },
    {
      p: ranking,
      response: { ranking: [0, 1, 2], ratings: { quality: [1, 1, 1] } },
      gold: { ranking: [2, 1, 0], ratings: { quality: [1, 1, 1] } },
      score: 0.5,
    },
    {
      p: ranking,
      response: { ranking: [1, 0, 2], ratings: { quality: [5, 5, 5] } },
      gold: { ranking: [0, 1, 2], ratings: { quality: [1, 1, 1] } },
      score: (2 / 3 + 0) / 2,
    },
  ])("scores $response against $gold as $score", ({ p, response, gold, score }) => {
    expect(type.scoreAgainstGold(p, response, gold)).toBeCloseTo(score);
  });

  it("stays in [0, 1], with agreement 1 for identical responses", () => {
    const permutation = fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 });
    const response = fc
      .tuple(permutation, fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }))
      .map(([order, values]): ComparisonResponse => ({
        ranking: order,
        ratings: { quality: values },
      }));
    fc.assert(
      fc.property(fc.array(response, { minLength: 1, maxLength: 5 }), (responses) => {
        const result = type.consolidate(ranking, responses);
        expect(result.agreement).toBeGreaterThanOrEqual(0);
        expect(result.agreement).toBeLessThanOrEqual(1 + 1e-12);
        expect(type.checkResponse(ranking, result.response)).toEqual([]);
        const first = responses[0] as ComparisonResponse;
        expect(type.consolidate(ranking, [first, first]).agreement).toBe(1);
        expect(type.scoreAgainstGold(ranking, first, result.response)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
