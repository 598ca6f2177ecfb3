import { describe, expect, it } from "vitest";

import {
  TextCollectionParamsSchema,
  TextCollectionResponseSchema,
  textcollectionTaskType,
} from "./textcollection";
import type { TextCollectionParams } from "./textcollection";

const validParams = {
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
    { field_id: "total", type: "number", title: "Total", min: 0, max: 10_000 },
    { field_id: "paid", type: "boolean", title: "Paid?", required: false },
    {
      field_id: "items",
      type: "text",
      title: "Line items",
      min_responses_required: 1,
      max_responses_required: 3,
    },
    { field_id: "date", type: "datetime", title: "Date", required: false },
  ],
};

const params = (): TextCollectionParams => TextCollectionParamsSchema.parse(validParams);

const issuesOf = (input: unknown) => {
  const result = TextCollectionParamsSchema.safeParse(input);
  return (result.error?.issues ?? []).map((issue) => ({
    path: issue.path,
    message: issue.message,
  }));
};

const withField = (field: Record<string, unknown>) => ({ ...validParams, fields: [field] });

describe("textcollection params", () => {
  it("accepts valid params and applies defaults", () => {
    const parsed = params();
    expect(parsed.responses_required).toBe(1);
    expect(parsed.fields[0]).toMatchObject({
      required: true,
      min_responses_required: 1,
      max_responses_required: 1,
    });
    // A field that is not required needs no answer by default.
    expect(parsed.fields[3]).toMatchObject({ required: false, min_responses_required: 0 });
    expect(parsed.fields[4]).toMatchObject({
      min_responses_required: 1,
      max_responses_required: 3,
    });
  });

  it("requires at least one attachment of a known type", () => {
    expect(issuesOf({ ...validParams, attachments: [] })[0]?.path).toEqual(["attachments"]);
    const { attachments: _omitted, ...withoutAttachments } = validParams;
    expect(issuesOf(withoutAttachments)).toEqual([
      { path: ["attachments"], message: "is required" },
    ]);
    expect(
      issuesOf({ ...validParams, attachments: [{ type: "lidar", content: "x" }] })[0]?.path,
    ).toEqual(["attachments", 0, "type"]);
  });

  it("requires at least one field", () => {
    expect(issuesOf({ ...validParams, fields: [] })).toEqual([
      { path: ["fields"], message: "must have at least 1 field" },
    ]);
  });

  it("rejects duplicate field ids", () => {
    const fields = [validParams.fields[0], { field_id: "merchant", type: "number", title: "X" }];
    expect(issuesOf({ ...validParams, fields })).toEqual([
      { path: ["fields", 1, "field_id"], message: 'duplicate field_id "merchant"' },
    ]);
  });

  it("rejects field ids with other characters", () => {
    expect(issuesOf(withField({ field_id: "total amount", type: "text", title: "T" }))).toEqual([
      { path: ["fields", 0, "field_id"], message: "must contain only letters, digits, _ and -" },
    ]);
  });

  it("requires non-empty choices with distinct values for a category field", () => {
    expect(issuesOf(withField({ field_id: "c", type: "category", title: "C" }))).toEqual([
      {
        path: ["fields", 0, "choices"],
        message: "must list at least one choice for a category field",
      },
    ]);
    expect(
      issuesOf(withField({ field_id: "c", type: "category", title: "C", choices: [] })),
    ).toHaveLength(1);
    const duplicate = withField({
      field_id: "c",
      type: "category",
      title: "C",
      choices: [
        { label: "A", value: "a" },
        { label: "Also A", value: "a" },
      ],
    });
    expect(issuesOf(duplicate)[0]?.path).toEqual(["fields", 0, "choices", 1, "value"]);
  });

  it("rejects unknown field types and inconsistent bounds", () => {
    expect(issuesOf(withField({ field_id: "f", type: "fieldset", title: "F" }))[0]?.path).toEqual([
      "fields",
      0,
      "type",
    ]);
    expect(
      issuesOf(withField({ field_id: "n", type: "number", title: "N", min: 5, max: 1 }))[0]?.path,
    ).toEqual(["fields", 0, "min"]);
    expect(
      issuesOf(
        withField({
          field_id: "n",
          type: "text",
          title: "N",
          min_responses_required: 3,
          max_responses_required: 2,
        }),
      )[0]?.path,
    ).toEqual(["fields", 0, "min_responses_required"]);
    expect(
      issuesOf(withField({ field_id: "n", type: "text", title: "N", max_responses_required: 0 })),
    ).toHaveLength(1);
  });

  it("rejects a missing title and a non-integer responses_required", () => {
    expect(issuesOf(withField({ field_id: "f", type: "text" }))).toEqual([
      { path: ["fields", 0, "title"], message: "is required" },
    ]);
    expect(issuesOf({ ...validParams, responses_required: 0 })[0]?.path).toEqual([
      "responses_required",
    ]);
  });
});

describe("textcollection response", () => {
  const validAnswers = {
    merchant: "ACME",
    currency: "EUR",
    total: 12.5,
    items: ["bolts", "nuts"],
  };
  const check = (annotations: Record<string, unknown>) =>
    textcollectionTaskType.checkResponse(
      params(),
      TextCollectionResponseSchema.parse({ annotations }),
    );

  it("accepts valid answers, with optional fields answered or not", () => {
    expect(check(validAnswers)).toEqual([]);
    expect(check({ ...validAnswers, paid: false, date: "2024-05-01", items: "bolts" })).toEqual([]);
    expect(check({ ...validAnswers, date: "2024-05-01T10:00:00+02:00" })).toEqual([]);
  });

  it("rejects unknown field ids", () => {
    expect(check({ ...validAnswers, tip: 3 })).toEqual([
      {
        path: ["annotations", "tip"],
        message:
          'unknown field_id "tip"; the task\'s fields are: merchant, currency, total, paid, items, date',
      },
    ]);
  });

  it("requires required fields", () => {
    const { merchant: _omitted, ...withoutMerchant } = validAnswers;
    expect(check(withoutMerchant)).toEqual([
      { path: ["annotations", "merchant"], message: "is required" },
    ]);
  });

  it("does not let a field id such as constructor find Object.prototype", () => {
    const p = TextCollectionParamsSchema.parse(
      withField({ field_id: "constructor", type: "text", title: "T" }),
    );
    expect(textcollectionTaskType.checkResponse(p, { annotations: {} })).toEqual([
      { path: ["annotations", "constructor"], message: "is required" },
    ]);
  });

  it("rejects arrays when one value is expected and too many or too few values", () => {
    expect(check({ ...validAnswers, merchant: ["A", "B"] })[0]?.message).toBe(
      "must be a single value, not an array (max_responses_required is 1)",
    );
    expect(check({ ...validAnswers, items: ["a", "b", "c", "d"] })).toEqual([
      { path: ["annotations", "items"], message: "must have at most 3 values" },
    ]);
    expect(check({ ...validAnswers, items: [] })).toEqual([
      { path: ["annotations", "items"], message: "must have at least 1 value" },
    ]);
  });

  it("checks each value against its field type", () => {
    expect(check({ ...validAnswers, currency: "GBP" })).toEqual([
      { path: ["annotations", "currency"], message: "must be one of the choice values: EUR, USD" },
    ]);
    // The label is not the value.
    expect(check({ ...validAnswers, currency: "Euro" })).toHaveLength(1);
    expect(check({ ...validAnswers, total: 10_001 })).toEqual([
      { path: ["annotations", "total"], message: "must be at most 10000" },
    ]);
    expect(check({ ...validAnswers, total: -1 })[0]?.message).toBe("must be at least 0");
    expect(check({ ...validAnswers, total: "12" })[0]?.message).toBe("must be a number");
    expect(check({ ...validAnswers, paid: "yes" })[0]?.message).toBe("must be true or false");
    expect(check({ ...validAnswers, date: "last tuesday" })[0]?.message).toBe(
      "must be an ISO-8601 date or date-time",
    );
    expect(check({ ...validAnswers, merchant: "  " })[0]?.message).toBe(
      "must be a non-empty string",
    );
    expect(check({ ...validAnswers, items: ["ok", 3] })).toEqual([
      { path: ["annotations", "items", 1], message: "must be a non-empty string" },
    ]);
  });

  it("rejects responses of the wrong shape", () => {
    expect(TextCollectionResponseSchema.safeParse({}).success).toBe(false);
    expect(TextCollectionResponseSchema.safeParse({ annotations: { a: { x: 1 } } }).success).toBe(
      false,
    );
    expect(TextCollectionResponseSchema.safeParse({ annotations: {}, extra: 1 }).success).toBe(
      false,
    );
  });
});

describe("textcollection placeholderResponse", () => {
  it("answers every required field with a valid value", () => {
    const p = params();
    const response = textcollectionTaskType.placeholderResponse(p);
    expect(response.annotations).toEqual({
      merchant: "test response",
      currency: "EUR",
      total: 0,
      items: ["test response"],
    });
    expect(textcollectionTaskType.checkResponse(p, response)).toEqual([]);
  });

  it("respects number bounds and minimum counts", () => {
    const p = TextCollectionParamsSchema.parse({
      ...validParams,
      fields: [
        { field_id: "pos", type: "number", title: "P", min: 5 },
        { field_id: "neg", type: "number", title: "N", max: -2 },
        {
          field_id: "when",
          type: "datetime",
          title: "W",
          min_responses_required: 2,
          max_responses_required: 4,
        },
        { field_id: "ok", type: "boolean", title: "OK" },
      ],
    });
    const response = textcollectionTaskType.placeholderResponse(p);
    expect(response.annotations.pos).toBe(5);
    expect(response.annotations.neg).toBe(-2);
    expect(response.annotations.when).toHaveLength(2);
    expect(textcollectionTaskType.checkResponse(p, response)).toEqual([]);
  });
});
