import { describe, expect, it } from "vitest";

import {
  CategorizationParamsSchema,
  CategorizationResponseSchema,
  categorizationTaskType,
} from "./categorization";
import type { CategorizationParams } from "./categorization";

const validParams = {
  attachment_type: "text",
  attachment: "car",
  categories: ["big", "small"],
};

const issuesOf = (input: unknown) => {
  const result = CategorizationParamsSchema.safeParse(input);
  return (result.error?.issues ?? []).map((issue) => ({
    path: issue.path,
    message: issue.message,
  }));
};

const params = (overrides: Partial<CategorizationParams> = {}): CategorizationParams =>
  CategorizationParamsSchema.parse({ ...validParams, ...overrides });

describe("categorization params", () => {
  it("accepts Scale's example and defaults allow_multiple to false", () => {
    expect(CategorizationParamsSchema.parse(validParams)).toEqual({
      ...validParams,
      allow_multiple: false,
    });
  });

  it("accepts category_ids of the same length and keeps params it does not interpret", () => {
    const parsed = CategorizationParamsSchema.parse({
      attachment_type: "website",
      attachment: "https://www.google.com",
      categories: ["public", "private"],
      category_ids: ["pub", "priv"],
      allow_multiple: true,
      urgency: "standard",
    });
    expect(parsed.category_ids).toEqual(["pub", "priv"]);
    expect(parsed.urgency).toBe("standard");
  });

  it("reports a missing attachment", () => {
    const { attachment: _omitted, ...withoutAttachment } = validParams;
    expect(issuesOf(withoutAttachment)).toEqual([{ path: ["attachment"], message: "is required" }]);
  });

  it("rejects an empty attachment and an unknown attachment_type", () => {
    expect(issuesOf({ ...validParams, attachment: "" })[0]?.path).toEqual(["attachment"]);
    expect(issuesOf({ ...validParams, attachment_type: "video" })).toEqual([
      { path: ["attachment_type"], message: "must be one of text, image, website" },
    ]);
  });

  it("requires a URL for image and website attachments", () => {
    expect(issuesOf({ ...validParams, attachment_type: "image", attachment: "car" })).toEqual([
      { path: ["attachment"], message: 'must be a URL when attachment_type is "image"' },
    ]);
    expect(
      issuesOf({ ...validParams, attachment_type: "website", attachment: "s3://b/x.html" }),
    ).toHaveLength(1);
    expect(
      issuesOf({ ...validParams, attachment_type: "image", attachment: "s3://bucket/x.png" }),
    ).toEqual([]);
  });

  it("rejects fewer than 2 categories", () => {
    expect(issuesOf({ ...validParams, categories: ["big"] })).toEqual([
      { path: ["categories"], message: "must have at least 2 categories" },
    ]);
    expect(issuesOf({ ...validParams, categories: undefined })[0]?.message).toBe("is required");
  });

  it("rejects duplicate and empty labels", () => {
    expect(issuesOf({ ...validParams, categories: ["big", "small", "big"] })).toEqual([
      { path: ["categories", 2], message: 'duplicate category "big"; categories must be unique' },
    ]);
    expect(issuesOf({ ...validParams, categories: ["big", ""] })[0]?.path).toEqual([
      "categories",
      1,
    ]);
  });

  it("rejects category_ids of another length or with duplicates", () => {
    expect(issuesOf({ ...validParams, category_ids: ["b"] })).toEqual([
      { path: ["category_ids"], message: "must have one id per category (2), got 1" },
    ]);
    expect(issuesOf({ ...validParams, category_ids: ["x", "x"] })[0]?.path).toEqual([
      "category_ids",
      1,
    ]);
  });
});

describe("categorization params given as objects", () => {
  it("normalizes objects into labels, ids and descriptions", () => {
    const parsed = CategorizationParamsSchema.parse({
      ...validParams,
      categories: [
        { label: "big", id: "B", description: "Larger than a bread box" },
        { label: "small", id: "S" },
      ],
    });
    expect(parsed).toEqual({
      ...validParams,
      categories: ["big", "small"],
      category_ids: ["B", "S"],
      category_descriptions: { big: "Larger than a bread box" },
      allow_multiple: false,
    });
  });

  it("accepts a mix of strings and objects without ids", () => {
    const parsed = CategorizationParamsSchema.parse({
      ...validParams,
      categories: ["big", { label: "small", description: "tiny" }],
      category_ids: ["B", "S"],
    });
    expect(parsed.categories).toEqual(["big", "small"]);
    expect(parsed.category_ids).toEqual(["B", "S"]);
  });

  it.each([
    {
      name: "ids on only some categories",
      categories: [{ label: "big", id: "B" }, "small"],
      issues: [
        { path: ["categories", 1], message: "must have an id, because other categories have one" },
      ],
    },
    {
      name: "ids in both places",
      categories: [
        { label: "big", id: "B" },
        { label: "small", id: "S" },
      ],
      category_ids: ["B", "S"],
      issues: [
        {
          path: ["category_ids"],
          message: "must not be given when the categories carry their own ids",
        },
      ],
    },
    {
      name: "duplicate object ids",
      categories: [
        { label: "big", id: "X" },
        { label: "small", id: "X" },
      ],
      issues: [
        {
          path: ["categories", 1, "id"],
          message: 'duplicate category id "X"; category ids must be unique',
        },
      ],
    },
    {
      name: "duplicate object labels",
      categories: [{ label: "big" }, { label: "big" }],
      issues: [
        {
          path: ["categories", 1, "label"],
          message: 'duplicate category "big"; categories must be unique',
        },
      ],
    },
    {
      name: "an object without a label",
      categories: [{ id: "B" }, "small"],
      issues: [
        {
          path: ["categories", 0],
          message: "must be a category label or an object {label, id?, description?}",
        },
      ],
    },
  ])("rejects $name", ({ categories, category_ids, issues }) => {
    expect(issuesOf({ ...validParams, categories, category_ids })).toEqual(issues);
  });
});

describe("categorization response", () => {
  const check = (p: CategorizationParams, response: unknown) =>
    categorizationTaskType.checkResponse(p, CategorizationResponseSchema.parse(response));

  it("accepts one of the categories", () => {
    expect(check(params(), { category: "big" })).toEqual([]);
  });

  it("rejects a category that is not in the params", () => {
    expect(check(params(), { category: "huge" })).toEqual([
      { path: ["category"], message: '"huge" is not one of the categories: big, small' },
    ]);
  });

  it("rejects an array unless allow_multiple", () => {
    expect(check(params(), { category: ["big"] })).toEqual([
      { path: ["category"], message: "must be a single category when allow_multiple is false" },
    ]);
  });

  it("with allow_multiple, requires a non-empty array of distinct known categories", () => {
    const multiple = params({ allow_multiple: true });
    expect(check(multiple, { category: ["big", "small"] })).toEqual([]);
    expect(check(multiple, { category: "big" })[0]?.message).toBe(
      "must be an array of categories when allow_multiple is true",
    );
    expect(check(multiple, { category: [] })[0]?.message).toBe(
      "must contain at least one category",
    );
    expect(check(multiple, { category: ["big", "big"] })).toEqual([
      { path: ["category", 1], message: 'duplicate category "big"' },
    ]);
    expect(check(multiple, { category: ["big", "tiny"] })[0]?.path).toEqual(["category", 1]);
  });

  it("checks category ids against the params", () => {
    const withIds = params({ category_ids: ["B", "S"] });
    expect(check(withIds, { category: "small", category_id: "S" })).toEqual([]);
    expect(check(withIds, { category: "small", category_id: "B" })[0]?.path).toEqual([
      "category_id",
    ]);
    expect(check(params(), { category: "big", category_id: "B" })[0]?.message).toBe(
      "is not allowed because the task has no category_ids",
    );
    const multiple = params({ category_ids: ["B", "S"], allow_multiple: true });
    expect(check(multiple, { category: ["small", "big"], category_ids: ["S", "B"] })).toEqual([]);
    expect(check(multiple, { category: ["small"], category_ids: ["B"] })).toHaveLength(1);
  });

  it("rejects responses of the wrong shape", () => {
    expect(CategorizationResponseSchema.safeParse({}).success).toBe(false);
    expect(CategorizationResponseSchema.safeParse({ category: 3 }).success).toBe(false);
    expect(CategorizationResponseSchema.safeParse({ category: "big", extra: 1 }).success).toBe(
      false,
    );
  });
});

describe("categorization placeholderResponse", () => {
  it.each([
    params(),
    params({ allow_multiple: true }),
    params({ category_ids: ["B", "S"] }),
    params({ category_ids: ["B", "S"], allow_multiple: true }),
  ])("is a valid response to %j", (p) => {
    const response = categorizationTaskType.placeholderResponse(p);
    expect(CategorizationResponseSchema.parse(response)).toEqual(response);
    expect(categorizationTaskType.checkResponse(p, response)).toEqual([]);
  });

  it("picks the first category", () => {
    expect(categorizationTaskType.placeholderResponse(params())).toEqual({ category: "big" });
  });
});
