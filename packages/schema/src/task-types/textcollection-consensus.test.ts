import fc from "fast-check";
import { describe, expect, it } from "vitest";

import type { TextCollectionResponse, TextCollectionValue } from "./textcollection";
import { TextCollectionParamsSchema, textcollectionTaskType } from "./textcollection";

const params = TextCollectionParamsSchema.parse({
  attachments: [{ type: "image", content: "https://example.com/receipt.png" }],
  fields: [
    { field_id: "merchant", type: "text", title: "Merchant name" },
    {
      field_id: "currency",
      type: "category",
      title: "Currency",
      choices: [
        { label: "Euro", value: "EUR" },
        { label: "US dollar", value: "USD" },
      ],
    },
    { field_id: "total", type: "number", title: "Total" },
    { field_id: "paid", type: "boolean", title: "Paid?", required: false },
    { field_id: "date", type: "datetime", title: "Date", required: false },
  ],
});
// Called through the definition: its members are methods (unbound-method).
const type = textcollectionTaskType;

const answer = (annotations: Record<string, TextCollectionValue | TextCollectionValue[]>) => ({
  annotations,
});
const base = { merchant: "Acme Corp", currency: "EUR", total: 12.5 };

describe("textcollection consolidation", () => {
  it("returns a unanimous answer with agreement 1", () => {
    const response = answer({ ...base, paid: true });
    expect(type.consolidate(params, [response, response])).toEqual({
      response,
      agreement: 1,
      tied: false,
      notes: [],
    });
  });

  it("votes per field and keeps the medoid text", () => {
    const result = type.consolidate(params, [
      answer({ ...base, merchant: "Acme Corp." }),
      answer({ ...base, merchant: "ACME corp", currency: "USD" }),
      answer({ ...base, merchant: "Acme Corp", total: 13 }),
    ]);
    // "acme corp" is 1 edit from "acme corp." and 0 from itself: the medoid.
    expect(result.response).toEqual(answer({ ...base, merchant: "ACME corp" }));
    expect(result.tied).toBe(false);
    // merchant: (0.9 + 1 + 1) / 3; currency 2/3; total 2/3; paid and date unanimously absent.
    expect(result.agreement).toBeCloseTo(((0.9 + 2) / 3 + 2 / 3 + 2 / 3 + 1 + 1) / 5);
    expect(result.notes).toEqual([
      "annotations.merchant: answers differ (mean similarity 0.97)",
      "annotations.currency: 2 of 3 responses agree",
      "annotations.total: 2 of 3 responses agree",
    ]);
    expect(type.checkResponse(params, result.response)).toEqual([]);
  });

  it("reports a tie and keeps the answer seen first", () => {
    const result = type.consolidate(params, [
      answer({ ...base, paid: false }),
      answer({ ...base, paid: true }),
    ]);
    expect(result.response.annotations.paid).toBe(false);
    expect(result.tied).toBe(true);
    expect(result.notes).toEqual(["annotations.paid: tie between false and true"]);
  });

  it("treats leaving an optional field out as a vote", () => {
    const result = type.consolidate(params, [
      answer({ ...base, paid: true }),
      answer(base),
      answer(base),
    ]);
    expect(result.response).toEqual(answer(base));
    expect(result.notes).toEqual(["annotations.paid: 2 of 3 responses agree"]);
    const tie = type.consolidate(params, [answer(base), answer({ ...base, paid: true })]);
    expect(tie.notes).toEqual(['annotations.paid: tie between "(no answer)" and true']);
    expect(tie.response).toEqual(answer(base));
  });

  it("compares date-times as instants", () => {
    const result = type.consolidate(params, [
      answer({ ...base, date: "2024-05-01T12:00:00+02:00" }),
      answer({ ...base, date: "2024-05-01T10:00:00Z" }),
    ]);
    expect(result.agreement).toBe(1);
  });

  it("reports two equally central texts as a tie", () => {
    const result = type.consolidate(params, [
      answer({ ...base, merchant: "Acme" }),
      answer({ ...base, merchant: "Zenith" }),
    ]);
    expect(result.tied).toBe(true);
    expect(result.response.annotations.merchant).toBe("Acme");
    expect(result.notes).toEqual(['annotations.merchant: tie between "Acme" and "Zenith"']);
  });

  it("compares multi-value category answers as sets and text lists joined", () => {
    const listParams = TextCollectionParamsSchema.parse({
      attachments: [{ type: "text", content: "x" }],
      fields: [
        {
          field_id: "tags",
          type: "category",
          title: "Tags",
          choices: [
            { label: "A", value: "a" },
            { label: "B", value: "b" },
          ],
          max_responses_required: 2,
        },
        { field_id: "notes", type: "text", title: "Notes", max_responses_required: 2 },
      ],
    });
    const result = type.consolidate(listParams, [
      answer({ tags: ["a", "b"], notes: ["one", "two"] }),
      answer({ tags: ["b", "a"], notes: ["One", "two"] }),
    ]);
    expect(result.agreement).toBe(1);
    expect(result.response).toEqual(answer({ tags: ["a", "b"], notes: ["one", "two"] }));
  });
});

describe("textcollection scoreAgainstGold", () => {
  const gold = answer({ ...base, paid: true });
  it.each([
    { name: "identical", response: gold, score: 1 },
    {
      name: "text differing in case only",
      response: answer({ ...base, merchant: "acme CORP", paid: true }),
      score: 1,
    },
    {
      name: "one exact field wrong",
      response: answer({ ...base, total: 99, paid: true }),
      score: 4 / 5,
    },
    { name: "an optional field missing", response: answer(base), score: 4 / 5 },
    {
      name: "text one character off",
      response: answer({ ...base, merchant: "Acme Corq", paid: true }),
      score: (8 / 9 + 4) / 5,
    },
  ])("$name → $score", ({ response, score }) => {
    expect(type.scoreAgainstGold(params, response, gold)).toBeCloseTo(score);
  });

  it("stays in [0, 1] and agreement is 1 for identical responses", () => {
    const responseArbitrary = fc
      .record({
        merchant: fc.string({ minLength: 1, maxLength: 8 }),
        currency: fc.constantFrom("EUR", "USD"),
        total: fc.integer({ min: 0, max: 3 }),
      })
      .map((annotations): TextCollectionResponse => ({ annotations }));
    fc.assert(
      fc.property(fc.array(responseArbitrary, { minLength: 1, maxLength: 5 }), (responses) => {
        const result = type.consolidate(params, responses);
        expect(result.agreement).toBeGreaterThanOrEqual(0);
        expect(result.agreement).toBeLessThanOrEqual(1);
        for (const response of responses) {
          const score = type.scoreAgainstGold(params, response, result.response);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        }
        const first = responses[0] as TextCollectionResponse;
        expect(type.consolidate(params, [first, first, first]).agreement).toBe(1);
      }),
    );
  });
});
