import { z } from "zod";

import { requiredFieldError } from "../common";
import { consolidateCategorization, scoreCategorization } from "./categorization-consensus";
import type { TaskTypeExample } from "./definition";
import { defineTaskType } from "./definition";
import type { ResponseIssue } from "./issues";
import { ATTACHMENT_URL_PROTOCOL } from "./shared/image-attachment";

export const CATEGORIZATION_ATTACHMENT_TYPES = ["text", "image", "website"] as const;

// Images may live in customers' buckets, as Scale allows; a website must be browsable.
const ImageUrlSchema = z.url({ protocol: ATTACHMENT_URL_PROTOCOL });
const WebsiteUrlSchema = z.url({ protocol: /^https?$/ });

const CategoryLabelSchema = z.string().min(1, { error: "must not be empty" });

/**
 * A category given as an object, so that its id and a description for workers travel with its
 * label instead of in parallel arrays. Plain strings (Scale's form) stay accepted.
 */
export const CategoryObjectSchema = z.looseObject({
  label: CategoryLabelSchema,
  id: z.string().min(1, { error: "must not be empty" }).optional(),
  description: z.string().optional(),
});
export type CategoryInput = string | z.input<typeof CategoryObjectSchema>;

const findDuplicates = (values: readonly string[]): { index: number; value: string }[] => {
  const seen = new Set<string>();
  const duplicates: { index: number; value: string }[] = [];
  values.forEach((value, index) => {
    if (seen.has(value)) duplicates.push({ index, value });
    seen.add(value);
  });
  return duplicates;
};

/** Parsed params: spelled out because destructuring a loose object drops its index signature. */
type NormalizedParams = {
  [key: string]: unknown;
  attachment_type: (typeof CATEGORIZATION_ATTACHMENT_TYPES)[number];
  attachment: string;
  categories: string[];
  category_ids?: string[];
  category_descriptions?: Record<string, string>;
  allow_multiple: boolean;
};

type CategoryEntry = string | z.output<typeof CategoryObjectSchema>;
const labelOf = (category: CategoryEntry): string =>
  typeof category === "string" ? category : category.label;
const idOf = (category: CategoryEntry): string | undefined =>
  typeof category === "string" ? undefined : category.id;

/**
 * Loose, like every params schema: Scale clients may send params we do not interpret (or a
 * project may merge them in), and Scale echoes params back unchanged.
 *
 * Parsing normalizes category objects into Scale's shape, so stored params, editors and
 * `checkResponse` read one form: `categories` becomes the labels, object ids become
 * `category_ids`, and descriptions become `category_descriptions` (label → description).
 */
export const CategorizationParamsSchema = z
  .looseObject({
    attachment_type: z.enum(
      CATEGORIZATION_ATTACHMENT_TYPES,
      requiredFieldError(`one of ${CATEGORIZATION_ATTACHMENT_TYPES.join(", ")}`),
    ),
    attachment: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
    categories: z
      .array(
        z.union([CategoryLabelSchema, CategoryObjectSchema], {
          error: "must be a category label or an object {label, id?, description?}",
        }),
        requiredFieldError("an array of category labels"),
      )
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
    const labels = params.categories.map(labelOf);
    for (const { index, value } of findDuplicates(labels)) {
      const inObject = typeof params.categories[index] !== "string";
      ctx.addIssue({
        code: "custom",
        path: inObject ? ["categories", index, "label"] : ["categories", index],
        message: `duplicate category "${value}"; categories must be unique`,
      });
    }
    const objectIds = params.categories.map(idOf);
    if (objectIds.some((id) => id !== undefined)) {
      if (params.category_ids !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["category_ids"],
          message: "must not be given when the categories carry their own ids",
        });
      }
      // Ids are all-or-nothing, as with category_ids: a response's ids must map every label.
      objectIds.forEach((id, index) => {
        if (id === undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["categories", index],
            message: "must have an id, because other categories have one",
          });
        }
      });
    }
    const ids = params.category_ids ?? objectIds.filter((id) => id !== undefined);
    if (params.category_ids !== undefined && params.category_ids.length !== labels.length) {
      ctx.addIssue({
        code: "custom",
        path: ["category_ids"],
        message: `must have one id per category (${labels.length}), got ${params.category_ids.length}`,
      });
    }
    for (const { index, value } of findDuplicates(ids)) {
      ctx.addIssue({
        code: "custom",
        path:
          params.category_ids !== undefined ? ["category_ids", index] : ["categories", index, "id"],
        message: `duplicate category id "${value}"; category ids must be unique`,
      });
    }
  })
  .transform(({ categories, category_ids: givenIds, ...rest }): NormalizedParams => {
    const objectIds = categories.map(idOf).filter((id) => id !== undefined);
    const categoryIds = givenIds ?? (objectIds.length > 0 ? objectIds : undefined);
    const descriptions = categories.flatMap((category) =>
      typeof category !== "string" && category.description !== undefined
        ? [[category.label, category.description] as const]
        : [],
    );
    return {
      ...rest,
      categories: categories.map(labelOf),
      // Keys are only added when present, so Scale-style params round-trip unchanged.
      ...(categoryIds === undefined ? {} : { category_ids: categoryIds }),
      // fromEntries defines own keys, so even a label of "__proto__" survives.
      ...(descriptions.length === 0
        ? {}
        : { category_descriptions: Object.fromEntries(descriptions) }),
    };
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

export const CATEGORIZATION_EXAMPLES: readonly TaskTypeExample[] = [
  {
    name: "Scale's example: one category for a text",
    params: { attachment_type: "text", attachment: "car", categories: ["big", "small"] },
    response: { category: "small" },
  },
  {
    name: "several categories, given as objects with ids and descriptions, for an image",
    params: {
      attachment_type: "image",
      attachment: "https://example.com/pets.jpg",
      categories: [
        { label: "cat", id: "c1", description: "Any domestic cat" },
        { label: "dog", id: "c2" },
        { label: "bird", id: "c3" },
      ],
      allow_multiple: true,
    },
    response: { category: ["cat", "dog"], category_ids: ["c1", "c2"] },
  },
  {
    name: "a website, with Scale's category_ids",
    params: {
      attachment_type: "website",
      attachment: "https://www.example.com",
      categories: ["public", "private"],
      category_ids: ["pub", "priv"],
    },
    response: { category: "public", category_id: "pub" },
  },
];

export const categorizationTaskType = defineTaskType({
  id: "categorization",
  title: "Categorization",
  description:
    "Choose the category (or, with allow_multiple, the categories) that fit a text, image or website.",
  params: CategorizationParamsSchema,
  response: CategorizationResponseSchema,
  checkResponse: checkCategorizationResponse,
  consolidate: consolidateCategorization,
  scoreAgainstGold: scoreCategorization,
  examples: CATEGORIZATION_EXAMPLES,
  placeholderResponse: placeholderCategorizationResponse,
});
