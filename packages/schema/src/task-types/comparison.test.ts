import { describe, expect, it } from "vitest";

import type { ComparisonParams } from "./comparison";
import { ComparisonParamsSchema, ComparisonResponseSchema, comparisonTaskType } from "./comparison";

const outputs = [
  { type: "text", content: "Answer A" },
  { type: "text", content: "Answer B" },
  { type: "text", content: "Answer C" },
];
const quality = { field_id: "quality", title: "Quality", type: "rating", min: 1, max: 5 };
const params = (overrides: Record<string, unknown> = {}): ComparisonParams =>
  ComparisonParamsSchema.parse({ attachments: outputs, ...overrides });
const issuesOf = (input: Record<string, unknown>) =>
  (ComparisonParamsSchema.safeParse({ attachments: outputs, ...input }).error?.issues ?? []).map(
    (issue) => ({ path: issue.path, message: issue.message }),
  );

describe("comparison params", () => {
  it("defaults to choice mode without a required rationale", () => {
    expect(params()).toEqual({ attachments: outputs, mode: "choice", require_rationale: false });
  });

  it("turns Scale's string attachments into objects", () => {
    const parsed = params({ attachments: ["a", "b"], attachment_type: "website" });
    expect(parsed.attachments).toEqual([
      { type: "website", content: "a" },
      { type: "website", content: "b" },
    ]);
  });

  it("fills defaults in rating fields", () => {
    expect(params({ fields: [quality] }).fields).toEqual([{ ...quality, required: true }]);
  });

  it.each([
    {
      name: "a single attachment",
      input: { attachments: [outputs[0]] },
      issue: { path: ["attachments"], message: "must have at least 2 attachments to compare" },
    },
    {
      name: "string attachments without attachment_type",
      input: { attachments: ["a", outputs[1]] },
      issue: {
        path: ["attachments", 0],
        message: "must be an object {type, content}, or attachment_type must be given",
      },
    },
    {
      name: "an unknown attachment type",
      input: { attachments: [{ type: "pdf", content: "x" }, outputs[1]] },
      issue: {
        path: ["attachments", 0],
        message: "must be an object {type, content} or, with attachment_type, a string",
      },
    },
    {
      name: "an unknown mode",
      input: { mode: "vote" },
      issue: { path: ["mode"], message: 'Invalid option: expected one of "choice"|"ranking"' },
    },
    {
      name: "choices in ranking mode",
      input: { mode: "ranking", choices: ["x", "y"] },
      issue: { path: ["choices"], message: 'is only used when mode is "choice"' },
    },
    {
      name: "a single choice",
      input: { choices: ["x"] },
      issue: { path: ["choices"], message: "must have at least 2 choices" },
    },
    {
      name: "duplicate choices",
      input: { choices: ["x", "x"] },
      issue: { path: ["choices", 1], message: 'duplicate choice "x"' },
    },
    {
      name: "duplicate field ids",
      input: { fields: [quality, quality] },
      issue: { path: ["fields", 1, "field_id"], message: 'duplicate field_id "quality"' },
    },
    {
      name: "an empty rating range",
      input: { fields: [{ ...quality, min: 5 }] },
      issue: { path: ["fields", 0, "max"], message: "must be greater than min" },
    },
    {
      name: "a field that is not a rating",
      input: { fields: [{ ...quality, type: "text" }] },
      issue: { path: ["fields", 0, "type"], message: 'must be "rating"' },
    },
  ])("rejects $name", ({ input, issue }) => {
    expect(issuesOf(input)).toEqual([issue]);
  });
});

describe("comparison response", () => {
  const check = (p: ComparisonParams, response: unknown) =>
    comparisonTaskType.checkResponse(p, ComparisonResponseSchema.parse(response));
  const labeled = params({ choices: ["A", "B", "tie"] });
  const ranking = params({ mode: "ranking" });
  const rated = params({ fields: [quality, { ...quality, field_id: "style", required: false }] });

  it.each([
    { name: "an attachment index", p: params(), response: { choice: 2 } },
    { name: "a labeled choice", p: labeled, response: { choice: "tie" } },
    { name: "a ranking", p: ranking, response: { ranking: [2, 0, 1] } },
    {
      name: "ratings for required fields only",
      p: rated,
      response: { choice: 0, ratings: { quality: [1, 2.5, 5] } },
    },
    {
      name: "a rationale",
      p: params({ require_rationale: true }),
      response: { choice: 1, rationale: "B is right" },
    },
  ])("accepts $name", ({ p, response }) => {
    expect(check(p, response)).toEqual([]);
  });

  it.each([
    {
      name: "no choice",
      p: params(),
      response: {},
      issue: { path: ["choice"], message: "is required" },
    },
    {
      name: "an index out of range",
      p: params(),
      response: { choice: 3 },
      issue: { path: ["choice"], message: "must be an attachment index from 0 to 2" },
    },
    {
      name: "a label without choices",
      p: params(),
      response: { choice: "A" },
      issue: { path: ["choice"], message: "must be an attachment index from 0 to 2" },
    },
    {
      name: "an unknown label",
      p: labeled,
      response: { choice: "C" },
      issue: { path: ["choice"], message: "must be one of the choices: A, B, tie" },
    },
    {
      name: "a ranking in choice mode",
      p: params(),
      response: { choice: 0, ranking: [0, 1, 2] },
      issue: { path: ["ranking"], message: 'is only allowed when mode is "ranking"' },
    },
    {
      name: "a choice in ranking mode",
      p: ranking,
      response: { choice: 0, ranking: [0, 1, 2] },
      issue: { path: ["choice"], message: 'is only allowed when mode is "choice"' },
    },
    {
      name: "no ranking",
      p: ranking,
      response: {},
      issue: { path: ["ranking"], message: "is required" },
    },
    {
      name: "a partial ranking",
      p: ranking,
      response: { ranking: [0, 1] },
      issue: { path: ["ranking"], message: "must rank all 3 attachments, got 2" },
    },
    {
      name: "a repeated attachment",
      p: ranking,
      response: { ranking: [0, 1, 1] },
      issue: { path: ["ranking", 2], message: "attachment 1 is ranked twice" },
    },
    {
      name: "an unknown attachment in a ranking",
      p: ranking,
      response: { ranking: [0, 1, 3] },
      issue: { path: ["ranking", 2], message: "must be an attachment index from 0 to 2" },
    },
    {
      name: "ratings without fields",
      p: params(),
      response: { choice: 0, ratings: { quality: [1, 1, 1] } },
      issue: { path: ["ratings"], message: "is not allowed because the task has no fields" },
    },
    {
      name: "a missing required rating",
      p: rated,
      response: { choice: 0, ratings: { style: [1, 1, 1] } },
      issue: { path: ["ratings", "quality"], message: "is required" },
    },
    {
      name: "an unknown rating field",
      p: rated,
      response: { choice: 0, ratings: { quality: [1, 1, 1], speed: [1, 1, 1] } },
      issue: {
        path: ["ratings", "speed"],
        message: 'unknown field_id "speed"; the task\'s fields are: quality, style',
      },
    },
    {
      name: "too few ratings",
      p: rated,
      response: { choice: 0, ratings: { quality: [1, 1] } },
      issue: {
        path: ["ratings", "quality"],
        message: "must have one rating per attachment (3), got 2",
      },
    },
    {
      name: "a rating out of range",
      p: rated,
      response: { choice: 0, ratings: { quality: [1, 6, 1] } },
      issue: { path: ["ratings", "quality", 1], message: "must be a number from 1 to 5" },
    },
    {
      name: "a blank rationale when required",
      p: params({ require_rationale: true }),
      response: { choice: 0, rationale: "  " },
      issue: { path: ["rationale"], message: "is required (require_rationale is true)" },
    },
  ])("rejects $name", ({ p, response, issue }) => {
    expect(check(p, response)).toEqual([issue]);
  });

  it("rejects responses of the wrong shape", () => {
    for (const response of [
      { choice: -1 },
      { choice: 1.5 },
      { ranking: ["a"] },
      { choice: 0, extra: 1 },
    ]) {
      expect(ComparisonResponseSchema.safeParse(response).success).toBe(false);
    }
  });

  it.each([
    params(),
    labeled,
    ranking,
    rated,
    params({ mode: "ranking", fields: [quality], require_rationale: true }),
  ])("the placeholder is valid for %j", (p) => {
    expect(comparisonTaskType.checkResponse(p, comparisonTaskType.placeholderResponse(p))).toEqual(
      [],
    );
  });
});
