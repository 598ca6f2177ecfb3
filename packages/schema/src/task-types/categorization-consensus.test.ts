import fc from "fast-check";
import { describe, expect, it } from "vitest";

import type { CategorizationParams, CategorizationResponse } from "./categorization";
import { CategorizationParamsSchema, categorizationTaskType } from "./categorization";
import { jaccard } from "./categorization-consensus";

const single = CategorizationParamsSchema.parse({
  attachment_type: "text",
  attachment: "car",
  categories: ["big", "small", "medium"],
  category_ids: ["B", "S", "M"],
});
const multiple: CategorizationParams = { ...single, allow_multiple: true };
// Called through the definition: its members are methods (unbound-method).
const type = categorizationTaskType;
const one = (category: string): CategorizationResponse => ({ category });
const many = (...category: string[]): CategorizationResponse => ({ category });

describe("categorization consolidation, single choice", () => {
  it.each([
    {
      name: "unanimous",
      responses: [one("big"), one("big"), one("big")],
      expected: { response: one("big"), agreement: 1, tied: false, notes: [] },
    },
    {
      name: "a majority",
      responses: [one("big"), one("small"), one("big")],
      expected: {
        response: one("big"),
        agreement: 2 / 3,
        tied: false,
        notes: ['category: 2 of 3 responses chose "big"'],
      },
    },
    {
      name: "a tie, won by the label seen first",
      responses: [one("small"), one("big"), one("big"), one("small")],
      expected: {
        response: one("small"),
        agreement: 0.5,
        tied: true,
        notes: ['category: tie between "small" and "big"'],
      },
    },
    {
      name: "a plurality of one among three different answers",
      responses: [one("medium"), one("big"), one("small")],
      expected: {
        response: one("medium"),
        agreement: 1 / 3,
        tied: true,
        notes: ['category: tie between "medium" and "big" and "small"'],
      },
    },
  ])("$name", ({ responses, expected }) => {
    const result = type.consolidate(single, responses);
    expect(result).toEqual({
      ...expected,
      agreement: expect.closeTo(expected.agreement) as number,
    });
  });

  it("derives category_id when the responses carry ids", () => {
    const result = type.consolidate(single, [
      { category: "small", category_id: "S" },
      one("small"),
    ]);
    expect(result.response).toEqual({ category: "small", category_id: "S" });
  });
});

describe("categorization consolidation, multiple choice", () => {
  it.each([
    {
      name: "per-category majorities",
      responses: [many("big", "small"), many("big"), many("big", "small", "medium")],
      response: many("big", "small"),
      agreement: (1 + 0.5 + 2 / 3) / 3,
      tied: false,
    },
    {
      name: "a category chosen by exactly half follows the first response",
      responses: [many("small"), many("big"), many("big", "small"), many("big")],
      response: many("big", "small"),
      agreement: (0.5 + 0.5 + 1 + 0.5) / 4,
      tied: true,
    },
    {
      name: "categories chosen by a minority are left out",
      responses: [many("big"), many("small"), many("medium", "small")],
      response: many("small"),
      agreement: (0 + 1 + 0.5) / 3,
      tied: false,
    },
  ])("$name", ({ responses, response, agreement, tied }) => {
    const result = type.consolidate(multiple, responses);
    expect(result.response).toEqual(response);
    expect(result.agreement).toBeCloseTo(agreement);
    expect(result.tied).toBe(tied);
    expect(categorizationTaskType.checkResponse(multiple, result.response)).toEqual([]);
  });

  it("explains ties and minority wins in the notes", () => {
    expect(type.consolidate(multiple, [many("small"), many("big")]).notes).toEqual([
      'category: tie on "big" (1 of 2 responses chose it); left out as in the first response',
      'category: tie on "small" (1 of 2 responses chose it); kept as in the first response',
    ]);
    expect(
      type.consolidate(multiple, [many("big"), many("small"), many("medium")]).notes,
    ).toContain('category: no category was chosen by a majority; kept "big"');
  });

  it("derives category_ids in params order", () => {
    const result = type.consolidate(multiple, [
      { category: ["small", "big"], category_ids: ["S", "B"] },
    ]);
    expect(result.response).toEqual({ category: ["big", "small"], category_ids: ["B", "S"] });
  });
});

describe("categorization scoreAgainstGold", () => {
  it.each([
    { params: single, response: one("big"), gold: one("big"), score: 1 },
    { params: single, response: one("big"), gold: one("small"), score: 0 },
    { params: multiple, response: many("big", "small"), gold: many("big"), score: 0.5 },
    { params: multiple, response: many("big", "small"), gold: many("small", "big"), score: 1 },
    { params: multiple, response: many("medium"), gold: many("big"), score: 0 },
  ])("$response.category vs $gold.category = $score", ({ params, response, gold, score }) => {
    expect(type.scoreAgainstGold(params, response, gold)).toBe(score);
  });

  it("jaccard is in [0, 1] and 1 for two empty sets", () => {
    expect(jaccard([], [])).toBe(1);
    const labels = fc.subarray(["big", "small", "medium"]);
    fc.assert(
      fc.property(labels, labels, (a, b) => {
        const similarity = jaccard(a, b);
        expect(similarity).toBeGreaterThanOrEqual(0);
        expect(similarity).toBeLessThanOrEqual(1);
        expect(similarity).toBe(jaccard(b, a));
      }),
    );
  });

  it("agreement is 1 for identical responses and always in [0, 1]", () => {
    const response = fc
      .subarray(["big", "small", "medium"], { minLength: 1 })
      .map((category): CategorizationResponse => ({ category }));
    fc.assert(
      fc.property(fc.array(response, { minLength: 1, maxLength: 6 }), (responses) => {
        const result = type.consolidate(multiple, responses);
        expect(result.agreement).toBeGreaterThanOrEqual(0);
        expect(result.agreement).toBeLessThanOrEqual(1);
        expect(categorizationTaskType.checkResponse(multiple, result.response)).toEqual([]);
        const first = responses[0] ?? many("big");
        expect(type.consolidate(multiple, [first, first]).agreement).toBe(1);
      }),
    );
  });
});
