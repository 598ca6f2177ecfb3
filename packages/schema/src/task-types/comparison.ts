import { z } from "zod";

import { requiredFieldError } from "../common";
import { consolidateComparison, scoreComparison } from "./comparison-consensus";
import type { TaskTypeExample } from "./definition";
import { defineTaskType } from "./definition";
import type { ResponseIssue } from "./issues";
import { FIELD_ID_PATTERN } from "./textcollection";

export const COMPARISON_ATTACHMENT_TYPES = ["text", "image", "website", "audio", "video"] as const;
export const COMPARISON_MODES = ["choice", "ranking"] as const;

const NonEmptySchema = z
  .string(requiredFieldError("a string"))
  .min(1, { error: "must not be empty" });

/** One of the outputs being compared (e.g. one model's answer). */
export const ComparisonAttachmentSchema = z.looseObject({
  type: z.enum(
    COMPARISON_ATTACHMENT_TYPES,
    requiredFieldError(`one of ${COMPARISON_ATTACHMENT_TYPES.join(", ")}`),
  ),
  content: NonEmptySchema,
});
export type ComparisonAttachment = z.output<typeof ComparisonAttachmentSchema>;

/** A per-output rating scale, answered with one number per attachment. */
export const ComparisonFieldSchema = z
  .looseObject({
    field_id: z
      .string(requiredFieldError("a string"))
      .regex(FIELD_ID_PATTERN, { error: "must contain only letters, digits, _ and -" }),
    title: NonEmptySchema,
    description: z.string().optional(),
    type: z.literal("rating", requiredFieldError('"rating"')),
    min: z.number(requiredFieldError("a number")),
    max: z.number(requiredFieldError("a number")),
    required: z.boolean().default(true),
  })
  .refine((field) => field.min < field.max, { path: ["max"], error: "must be greater than min" });
export type ComparisonField = z.output<typeof ComparisonFieldSchema>;

const duplicateIssues = (
  values: readonly string[],
  path: (index: number) => (string | number)[],
  what: string,
) => {
  const seen = new Set<string>();
  return values.flatMap((value, index) => {
    const duplicate = seen.has(value);
    seen.add(value);
    return duplicate
      ? [{ code: "custom" as const, path: path(index), message: `duplicate ${what} "${value}"` }]
      : [];
  });
};

/**
 * Loose, like every params schema. `attachments` may also be Scale's legacy form, plain strings
 * plus one top-level `attachment_type`; parsing turns them into `{type, content}` objects.
 *
 * In "choice" mode the worker picks one option: one of `choices` when given (which may include
 * options such as "both equally good", so their number need not match the attachments),
 * otherwise an attachment index. In "ranking" mode the worker orders all the attachments.
 */
export const ComparisonParamsSchema = z
  .looseObject({
    attachments: z
      .array(
        z.union([NonEmptySchema, ComparisonAttachmentSchema], {
          error: "must be an object {type, content} or, with attachment_type, a string",
        }),
        requiredFieldError("an array of attachments"),
      )
      .min(2, { error: "must have at least 2 attachments to compare" }),
    attachment_type: z.enum(COMPARISON_ATTACHMENT_TYPES).optional(),
    mode: z.enum(COMPARISON_MODES).default("choice"),
    choices: z.array(NonEmptySchema).min(2, { error: "must have at least 2 choices" }).optional(),
    fields: z.array(ComparisonFieldSchema).optional(),
    require_rationale: z.boolean().default(false),
  })
  .superRefine((params, ctx) => {
    if (params.attachment_type === undefined) {
      params.attachments.forEach((attachment, index) => {
        if (typeof attachment === "string") {
          ctx.addIssue({
            code: "custom",
            path: ["attachments", index],
            message: "must be an object {type, content}, or attachment_type must be given",
          });
        }
      });
    }
    if (params.mode === "ranking" && params.choices !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["choices"],
        message: 'is only used when mode is "choice"',
      });
    }
    for (const issue of duplicateIssues(
      params.choices ?? [],
      (index) => ["choices", index],
      "choice",
    )) {
      ctx.addIssue(issue);
    }
    const fieldIds = (params.fields ?? []).map((field) => field.field_id);
    for (const issue of duplicateIssues(
      fieldIds,
      (index) => ["fields", index, "field_id"],
      "field_id",
    )) {
      ctx.addIssue(issue);
    }
  })
  .transform(({ attachments, attachment_type, ...rest }) => ({
    ...rest,
    attachments: attachments.map((attachment): ComparisonAttachment =>
      typeof attachment === "string"
        ? { type: attachment_type ?? "text", content: attachment }
        : attachment,
    ),
    ...(attachment_type === undefined ? {} : { attachment_type }),
  }));
export type ComparisonParams = z.output<typeof ComparisonParamsSchema>;

export const ComparisonResponseSchema = z.strictObject({
  choice: z
    .union([NonEmptySchema, z.int().min(0, { error: "must not be negative" })], {
      error: "must be a choice label or an attachment index",
    })
    .optional(),
  ranking: z.array(z.int().min(0, { error: "must not be negative" })).optional(),
  ratings: z.record(z.string(), z.array(z.number())).optional(),
  rationale: z.string().optional(),
});
export type ComparisonResponse = z.output<typeof ComparisonResponseSchema>;

const checkMode = (params: ComparisonParams, response: ComparisonResponse): ResponseIssue[] => {
  const count = params.attachments.length;
  if (params.mode === "choice") {
    if (response.ranking !== undefined) {
      return [{ path: ["ranking"], message: 'is only allowed when mode is "ranking"' }];
    }
    if (response.choice === undefined) return [{ path: ["choice"], message: "is required" }];
    if (params.choices !== undefined) {
      return typeof response.choice === "string" && params.choices.includes(response.choice)
        ? []
        : [
            {
              path: ["choice"],
              message: `must be one of the choices: ${params.choices.join(", ")}`,
            },
          ];
    }
    return typeof response.choice === "number" && response.choice < count
      ? []
      : [{ path: ["choice"], message: `must be an attachment index from 0 to ${count - 1}` }];
  }
  if (response.choice !== undefined) {
    return [{ path: ["choice"], message: 'is only allowed when mode is "choice"' }];
  }
  if (response.ranking === undefined) return [{ path: ["ranking"], message: "is required" }];
  if (response.ranking.length !== count) {
    return [
      {
        path: ["ranking"],
        message: `must rank all ${count} attachments, got ${response.ranking.length}`,
      },
    ];
  }
  const seen = new Set<number>();
  return response.ranking.flatMap((index, position) => {
    const issue =
      index >= count
        ? `must be an attachment index from 0 to ${count - 1}`
        : seen.has(index)
          ? `attachment ${index} is ranked twice`
          : null;
    seen.add(index);
    return issue === null ? [] : [{ path: ["ranking", position], message: issue }];
  });
};

const checkRatings = (params: ComparisonParams, response: ComparisonResponse): ResponseIssue[] => {
  const fields = params.fields ?? [];
  const ratings = response.ratings ?? {};
  if (fields.length === 0) {
    return response.ratings === undefined || Object.keys(ratings).length === 0
      ? []
      : [{ path: ["ratings"], message: "is not allowed because the task has no fields" }];
  }
  const known = new Set(fields.map((field) => field.field_id));
  const issues: ResponseIssue[] = Object.keys(ratings)
    .filter((fieldId) => !known.has(fieldId))
    .map((fieldId) => ({
      path: ["ratings", fieldId],
      message: `unknown field_id "${fieldId}"; the task's fields are: ${[...known].join(", ")}`,
    }));
  const count = params.attachments.length;
  for (const field of fields) {
    const path = ["ratings", field.field_id];
    const values = Object.hasOwn(ratings, field.field_id) ? ratings[field.field_id] : undefined;
    if (values === undefined) {
      if (field.required) issues.push({ path, message: "is required" });
      continue;
    }
    if (values.length !== count) {
      issues.push({
        path,
        message: `must have one rating per attachment (${count}), got ${values.length}`,
      });
      continue;
    }
    values.forEach((value, index) => {
      if (!Number.isFinite(value) || value < field.min || value > field.max) {
        issues.push({
          path: [...path, index],
          message: `must be a number from ${field.min} to ${field.max}`,
        });
      }
    });
  }
  return issues;
};

const checkComparisonResponse = (
  params: ComparisonParams,
  response: ComparisonResponse,
): ResponseIssue[] => [
  ...checkMode(params, response),
  ...checkRatings(params, response),
  ...(params.require_rationale && (response.rationale ?? "").trim() === ""
    ? [{ path: ["rationale"], message: "is required (require_rationale is true)" }]
    : []),
];

/** Prefers the first option (or keeps the given order), with every rating at its minimum. */
const placeholderComparisonResponse = (params: ComparisonParams): ComparisonResponse => {
  const ratings = Object.fromEntries(
    (params.fields ?? []).map((field) => [field.field_id, params.attachments.map(() => field.min)]),
  );
  return {
    ...(params.mode === "ranking"
      ? { ranking: params.attachments.map((_, index) => index) }
      : { choice: params.choices?.[0] ?? 0 }),
    ...(params.fields === undefined ? {} : { ratings }),
    ...(params.require_rationale ? { rationale: "test response" } : {}),
  };
};

export const COMPARISON_EXAMPLES: readonly TaskTypeExample[] = [
  {
    name: "pick the better of two model answers, with a rationale",
    params: {
      attachments: [
        { type: "text", content: "Paris is the capital of France." },
        { type: "text", content: "The capital of France is Lyon." },
      ],
      choices: ["first is better", "second is better", "equally good"],
      require_rationale: true,
    },
    response: { choice: "first is better", rationale: "The second answer is wrong." },
  },
  {
    name: "rank three images and rate each (Scale's legacy string attachments)",
    params: {
      attachments: [
        "https://example.com/a.png",
        "https://example.com/b.png",
        "https://example.com/c.png",
      ],
      attachment_type: "image",
      mode: "ranking",
      fields: [{ field_id: "quality", title: "Image quality", type: "rating", min: 1, max: 5 }],
    },
    response: { ranking: [2, 0, 1], ratings: { quality: [3, 2, 5] } },
  },
];

export const comparisonTaskType = defineTaskType({
  id: "comparison",
  title: "Comparison",
  description:
    "Compare two or more outputs (e.g. of models): choose the best or rank them, rate each, and explain why.",
  params: ComparisonParamsSchema,
  response: ComparisonResponseSchema,
  checkResponse: checkComparisonResponse,
  placeholderResponse: placeholderComparisonResponse,
  consolidate: consolidateComparison,
  scoreAgainstGold: scoreComparison,
  examples: COMPARISON_EXAMPLES,
});
