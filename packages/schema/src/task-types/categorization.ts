import { z } from "zod";

import { requiredFieldError } from "../common";
import { defineTaskType } from "./definition";
import type { ResponseIssue } from "./issues";

export const CATEGORIZATION_ATTACHMENT_TYPES = ["text", "image", "website"] as const;

// Images may live in customers' buckets, as Scale allows; a website must be browsable.
const ImageUrlSchema = z.url({ protocol: /^(https?|s3|gs)$/ });
const WebsiteUrlSchema = z.url({ protocol: /^https?$/ });

const CategoryLabelSchema = z.string().min(1, { error: "must not be empty" });

const findDuplicates = (values: readonly string[]): { index: number; value: string }[] => {
  const seen = new Set<string>();
  const duplicates: { index: number; value: string }[] = [];
  values.forEach((value, index) => {
    if (seen.has(value)) duplicates.push({ index, value });
    seen.add(value);
  });
  return duplicates;
};

/**
 * Loose, like every params schema: Scale clients may send params we do not interpret (or a
 * project may merge them in), and Scale echoes params back unchanged.
 */
export const CategorizationParamsSchema = z
  .looseObject({
    attachment_type: z.enum(
      CATEGORIZATION_ATTACHMENT_TYPES,
      requiredFieldError(`one of ${CATEGORIZATION_ATTACHMENT_TYPES.join(", ")}`),
    ),
    attachment: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
    categories: z
      .array(CategoryLabelSchema, requiredFieldError("an array of category labels"))
      .min(2, { error: "must have at least 2 categories" }),
    category_ids: z.array(z.string().min(1, { error: "must not be empty" })).optional(),
    allow_multiple: z.boolean().default(false),
  })
  .superRefine((params, ctx) => {
    if (params.attachment_type !== "text") {
      const urlSchema = params.attachment_type === "image" ? ImageUrlSchema : WebsiteUrlSchema;
      if (!urlSchema.safeParse(params.attachment).success) {
        ctx.addIssue({
          code: "custom",
          path: ["attachment"],
          message: `must be a URL when attachment_type is "${params.attachment_type}"`,
        });
      }
    }
    for (const { index, value } of findDuplicates(params.categories)) {
      ctx.addIssue({
        code: "custom",
        path: ["categories", index],
        message: `duplicate category "${value}"; categories must be unique`,
      });
    }
    if (params.category_ids !== undefined) {
      if (params.category_ids.length !== params.categories.length) {
        ctx.addIssue({
          code: "custom",
          path: ["category_ids"],
          message: `must have one id per category (${params.categories.length}), got ${params.category_ids.length}`,
        });
      }
      for (const { index, value } of findDuplicates(params.category_ids)) {
        ctx.addIssue({
          code: "custom",
          path: ["category_ids", index],
          message: `duplicate category id "${value}"; category_ids must be unique`,
        });
      }
    }
  });
export type CategorizationParams = z.output<typeof CategorizationParamsSchema>;

export const CategorizationResponseSchema = z.strictObject({
  category: z.union([CategoryLabelSchema, z.array(CategoryLabelSchema)], {
    error: "must be a category label, or an array of labels when allow_multiple is true",
  }),
  category_id: z.string().optional(),
  category_ids: z.array(z.string()).optional(),
});
export type CategorizationResponse = z.output<typeof CategorizationResponseSchema>;

const checkCategoryIds = (
  params: CategorizationParams,
  chosen: readonly string[],
  given: readonly string[],
  path: string,
): ResponseIssue[] => {
  if (params.category_ids === undefined) {
    return [{ path: [path], message: "is not allowed because the task has no category_ids" }];
  }
  const expected = chosen.map((label) => params.category_ids?.[params.categories.indexOf(label)]);
  const matches =
    expected.length === given.length && expected.every((id, index) => id === given[index]);
  return matches
    ? []
    : [{ path: [path], message: `must be ${JSON.stringify(expected)}, the ids of the categories` }];
};

const checkCategorizationResponse = (
  params: CategorizationParams,
  response: CategorizationResponse,
): ResponseIssue[] => {
  const known = new Set(params.categories);
  const unknownMessage = (label: string) =>
    `"${label}" is not one of the categories: ${params.categories.join(", ")}`;

  if (!Array.isArray(response.category)) {
    if (params.allow_multiple) {
      return [
        {
          path: ["category"],
          message: "must be an array of categories when allow_multiple is true",
        },
      ];
    }
    if (!known.has(response.category)) {
      return [{ path: ["category"], message: unknownMessage(response.category) }];
    }
    const issues: ResponseIssue[] = [];
    if (response.category_ids !== undefined) {
      issues.push({
        path: ["category_ids"],
        message: "is only allowed when allow_multiple is true",
      });
    }
    if (response.category_id !== undefined) {
      issues.push(
        ...checkCategoryIds(params, [response.category], [response.category_id], "category_id"),
      );
    }
    return issues;
  }

  if (!params.allow_multiple) {
    return [
      { path: ["category"], message: "must be a single category when allow_multiple is false" },
    ];
  }
  if (response.category.length === 0) {
    return [{ path: ["category"], message: "must contain at least one category" }];
  }
  const issues: ResponseIssue[] = response.category
    .map((label, index) => ({ label, index }))
    .filter(({ label }) => !known.has(label))
    .map(({ label, index }) => ({ path: ["category", index], message: unknownMessage(label) }));
  for (const { index, value } of findDuplicates(response.category)) {
    issues.push({ path: ["category", index], message: `duplicate category "${value}"` });
  }
  if (issues.length > 0) return issues;
  if (response.category_id !== undefined) {
    issues.push({ path: ["category_id"], message: "use category_ids when allow_multiple is true" });
  }
  if (response.category_ids !== undefined) {
    issues.push(
      ...checkCategoryIds(params, response.category, response.category_ids, "category_ids"),
    );
  }
  return issues;
};

const placeholderCategorizationResponse = (
  params: CategorizationParams,
): CategorizationResponse => {
  // The params schema guarantees at least two categories; the fallbacks only satisfy the types.
  const category = params.categories[0] ?? "";
  const categoryId = params.category_ids?.[0];
  if (params.allow_multiple) {
    return categoryId === undefined
      ? { category: [category] }
      : { category: [category], category_ids: [categoryId] };
  }
  return categoryId === undefined ? { category } : { category, category_id: categoryId };
};

export const categorizationTaskType = defineTaskType({
  id: "categorization",
  title: "Categorization",
  description:
    "Choose the category (or, with allow_multiple, the categories) that fit a text, image or website.",
  params: CategorizationParamsSchema,
  response: CategorizationResponseSchema,
  checkResponse: checkCategorizationResponse,
  placeholderResponse: placeholderCategorizationResponse,
});
