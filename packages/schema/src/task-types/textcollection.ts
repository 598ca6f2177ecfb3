import { z } from "zod";

import { requiredFieldError } from "../common";
import { parseIsoDateTime } from "../iso-date";
import type { TaskTypeExample } from "./definition";
import { defineTaskType } from "./definition";
import type { IssuePath, ResponseIssue } from "./issues";
import { consolidateTextCollection, scoreTextCollection } from "./textcollection-consensus";

export const TEXTCOLLECTION_ATTACHMENT_TYPES = [
  "pdf",
  "image",
  "text",
  "video",
  "website",
  "audio",
] as const;
export const TEXTCOLLECTION_FIELD_TYPES = [
  "text",
  "category",
  "number",
  "boolean",
  "datetime",
] as const;
export const FIELD_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

export const TextCollectionAttachmentSchema = z.looseObject({
  type: z.enum(
    TEXTCOLLECTION_ATTACHMENT_TYPES,
    requiredFieldError(`one of ${TEXTCOLLECTION_ATTACHMENT_TYPES.join(", ")}`),
  ),
  content: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
});

export const TextCollectionChoiceSchema = z.looseObject({
  label: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
  value: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
});

export const TextCollectionFieldSchema = z
  .looseObject({
    field_id: z
      .string(requiredFieldError("a string"))
      .regex(FIELD_ID_PATTERN, { error: "must contain only letters, digits, _ and -" }),
    type: z.enum(
      TEXTCOLLECTION_FIELD_TYPES,
      requiredFieldError(`one of ${TEXTCOLLECTION_FIELD_TYPES.join(", ")}`),
    ),
    title: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
    description: z.string().optional(),
    required: z.boolean().default(true),
    choices: z.array(TextCollectionChoiceSchema).optional(),
    min_responses_required: z.int().min(0).optional(),
    max_responses_required: z.int().min(1).default(1),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .superRefine((field, ctx) => {
    if (field.type === "category") {
      if (field.choices === undefined || field.choices.length === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["choices"],
          message: "must list at least one choice for a category field",
        });
      } else {
        const seen = new Set<string>();
        field.choices.forEach((choice, index) => {
          if (seen.has(choice.value)) {
            ctx.addIssue({
              code: "custom",
              path: ["choices", index, "value"],
              message: `duplicate choice value "${choice.value}"`,
            });
          }
          seen.add(choice.value);
        });
      }
    }
    if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
      ctx.addIssue({ code: "custom", path: ["min"], message: "must not be greater than max" });
    }
    if (
      field.min_responses_required !== undefined &&
      field.min_responses_required > field.max_responses_required
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["min_responses_required"],
        message: "must not be greater than max_responses_required",
      });
    }
  })
  // Materialized so that stored params, the editor and checkResponse all read one number.
  .transform((field) => ({
    ...field,
    min_responses_required: field.min_responses_required ?? (field.required ? 1 : 0),
  }));
export type TextCollectionField = z.output<typeof TextCollectionFieldSchema>;

export const TextCollectionParamsSchema = z
  .looseObject({
    attachments: z
      .array(TextCollectionAttachmentSchema, requiredFieldError("an array of attachments"))
      .min(1, { error: "must have at least 1 attachment" }),
    fields: z
      .array(TextCollectionFieldSchema, requiredFieldError("an array of fields"))
      .min(1, { error: "must have at least 1 field" }),
    title: z.string().optional(),
    description: z.string().optional(),
    responses_required: z.int().min(1).default(1),
  })
  .superRefine((params, ctx) => {
    const seen = new Set<string>();
    params.fields.forEach((field, index) => {
      if (seen.has(field.field_id)) {
        ctx.addIssue({
          code: "custom",
          path: ["fields", index, "field_id"],
          message: `duplicate field_id "${field.field_id}"`,
        });
      }
      seen.add(field.field_id);
    });
  });
export type TextCollectionParams = z.output<typeof TextCollectionParamsSchema>;

export const TextCollectionValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type TextCollectionValue = z.output<typeof TextCollectionValueSchema>;

export const TextCollectionResponseSchema = z.strictObject({
  annotations: z.record(
    z.string(),
    z.union([TextCollectionValueSchema, z.array(TextCollectionValueSchema)], {
      error: "must be a string, number or boolean, or an array of them",
    }),
  ),
});
export type TextCollectionResponse = z.output<typeof TextCollectionResponseSchema>;

const checkValue = (field: TextCollectionField, value: TextCollectionValue): string | null => {
  switch (field.type) {
    case "text":
      return typeof value === "string" && value.trim() !== "" ? null : "must be a non-empty string";
    case "category": {
      const values = (field.choices ?? []).map((choice) => choice.value);
      if (typeof value === "string" && values.includes(value)) return null;
      return `must be one of the choice values: ${values.join(", ")}`;
    }
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return "must be a number";
      if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
      return null;
    case "boolean":
      return typeof value === "boolean" ? null : "must be true or false";
    case "datetime":
      return typeof value === "string" && parseIsoDateTime(value) !== null
        ? null
        : "must be an ISO-8601 date or date-time";
  }
};

const checkField = (
  field: TextCollectionField,
  answer: TextCollectionValue | TextCollectionValue[] | undefined,
): ResponseIssue[] => {
  const path: IssuePath = ["annotations", field.field_id];
  if (answer === undefined) {
    return field.required ? [{ path, message: "is required" }] : [];
  }
  const max = field.max_responses_required;
  const min = field.min_responses_required;
  if (Array.isArray(answer) && max <= 1) {
    return [
      { path, message: "must be a single value, not an array (max_responses_required is 1)" },
    ];
  }
  const values = Array.isArray(answer) ? answer : [answer];
  if (values.length < min) {
    return [{ path, message: `must have at least ${min} value${min === 1 ? "" : "s"}` }];
  }
  if (values.length > max) {
    return [{ path, message: `must have at most ${max} value${max === 1 ? "" : "s"}` }];
  }
  return values.flatMap((value, index) => {
    const message = checkValue(field, value);
    if (message === null) return [];
    return [{ path: Array.isArray(answer) ? [...path, index] : path, message }];
  });
};

const checkTextCollectionResponse = (
  params: TextCollectionParams,
  response: TextCollectionResponse,
): ResponseIssue[] => {
  const fieldIds = new Set(params.fields.map((field) => field.field_id));
  const unknownFields = Object.keys(response.annotations)
    .filter((fieldId) => !fieldIds.has(fieldId))
    .map((fieldId) => ({
      path: ["annotations", fieldId],
      message: `unknown field_id "${fieldId}"; the task's fields are: ${[...fieldIds].join(", ")}`,
    }));
  return [
    ...unknownFields,
    ...params.fields.flatMap((field) =>
      // hasOwn: a field_id such as "constructor" must not find Object.prototype members.
      checkField(
        field,
        Object.hasOwn(response.annotations, field.field_id)
          ? response.annotations[field.field_id]
          : undefined,
      ),
    ),
  ];
};

// Fixed rather than "now" so that test-mode tasks are reproducible.
const PLACEHOLDER_DATETIME = "2000-01-01T00:00:00.000Z";

const placeholderValue = (field: TextCollectionField): TextCollectionValue => {
  switch (field.type) {
    case "text":
      return "test response";
    case "category":
      return field.choices?.[0]?.value ?? "";
    case "number":
      // 0 when allowed, otherwise the bound that excludes it.
      if (field.min !== undefined && field.min > 0) return field.min;
      if (field.max !== undefined && field.max < 0) return field.max;
      return 0;
    case "boolean":
      return true;
    case "datetime":
      return PLACEHOLDER_DATETIME;
  }
};

const placeholderTextCollectionResponse = (
  params: TextCollectionParams,
): TextCollectionResponse => {
  const answered = params.fields.filter(
    (field) => field.required || field.min_responses_required > 0,
  );
  // fromEntries defines own keys, so even a field_id of "__proto__" survives.
  const annotations = Object.fromEntries(
    answered.map((field) => {
      const value = placeholderValue(field);
      const count = Math.max(field.min_responses_required, 1);
      return [
        field.field_id,
        field.max_responses_required > 1 ? Array.from({ length: count }, () => value) : value,
      ];
    }),
  );
  return { annotations };
};

export const TEXTCOLLECTION_EXAMPLES: readonly TaskTypeExample[] = [
  {
    name: "summarize a web page and rate it",
    params: {
      attachments: [{ type: "website", content: "https://www.example.com" }],
      fields: [
        { field_id: "summary", type: "text", title: "Summarize the page" },
        {
          field_id: "topic",
          type: "category",
          title: "Topic",
          choices: [
            { label: "News", value: "news" },
            { label: "Shopping", value: "shopping" },
          ],
        },
        { field_id: "quality", type: "number", title: "Quality (1-5)", min: 1, max: 5 },
        { field_id: "safe", type: "boolean", title: "Safe for work?" },
      ],
    },
    response: {
      annotations: { summary: "An example domain.", topic: "news", quality: 3, safe: true },
    },
  },
  {
    name: "several keywords and an optional date for a text",
    params: {
      attachments: [{ type: "text", content: "The launch is planned for May 2nd, 2025." }],
      fields: [
        {
          field_id: "keywords",
          type: "text",
          title: "Keywords",
          min_responses_required: 1,
          max_responses_required: 3,
        },
        { field_id: "date", type: "datetime", title: "Date mentioned", required: false },
      ],
      responses_required: 1,
    },
    response: { annotations: { keywords: ["launch", "plan"], date: "2025-05-02" } },
  },
];

export const textcollectionTaskType = defineTaskType({
  id: "textcollection",
  title: "Text collection",
  description:
    "Answer a form of typed fields (text, category, number, boolean, date-time) about one or more attachments.",
  params: TextCollectionParamsSchema,
  response: TextCollectionResponseSchema,
  checkResponse: checkTextCollectionResponse,
  consolidate: consolidateTextCollection,
  scoreAgainstGold: scoreTextCollection,
  examples: TEXTCOLLECTION_EXAMPLES,
  placeholderResponse: placeholderTextCollectionResponse,
});
