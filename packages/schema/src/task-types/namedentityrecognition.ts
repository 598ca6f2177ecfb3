import { z } from "zod";

import { requiredFieldError } from "../common";
import type { TaskTypeExample } from "./definition";
import { defineTaskType } from "./definition";
import type { ResponseIssue } from "./issues";
import {
  consolidateNamedEntityRecognition,
  scoreNamedEntityRecognition,
} from "./namedentityrecognition-consensus";

const NameSchema = z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" });

/** A label as a plain name or Scale's `{name, description}`; parsed into the object form. */
export const NerLabelSchema = z
  .union([NameSchema, z.looseObject({ name: NameSchema, description: z.string().optional() })], {
    error: "must be a label name or an object {name, description?}",
  })
  .transform((label) => (typeof label === "string" ? { name: label } : label));
export type NerLabel = z.output<typeof NerLabelSchema>;

/** A relationship type; `source_labels`/`target_labels` restrict which entities it may link. */
export const NerRelationshipTypeSchema = z
  .union(
    [
      NameSchema,
      z.looseObject({
        name: NameSchema,
        description: z.string().optional(),
        source_labels: z.array(NameSchema).optional(),
        target_labels: z.array(NameSchema).optional(),
      }),
    ],
    { error: "must be a relationship name or an object {name, source_labels?, target_labels?}" },
  )
  .transform((relationship) =>
    typeof relationship === "string" ? { name: relationship } : relationship,
  );
export type NerRelationshipType = z.output<typeof NerRelationshipTypeSchema>;

const addDuplicateIssues = (
  names: readonly string[],
  path: (index: number) => (string | number)[],
  what: string,
  ctx: z.RefinementCtx,
) => {
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (seen.has(name)) {
      ctx.addIssue({ code: "custom", path: path(index), message: `duplicate ${what} "${name}"` });
    }
    seen.add(name);
  });
};

/**
 * Scale also accepts `attachments` instead of `text`; we require `text`, because spans are
 * offsets into it. Loose, like every params schema.
 */
export const NamedEntityRecognitionParamsSchema = z
  .looseObject({
    text: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
    labels: z
      .array(NerLabelSchema, requiredFieldError("an array of labels"))
      .min(1, { error: "must have at least 1 label" }),
    relationships: z.array(NerRelationshipTypeSchema).optional(),
  })
  .superRefine((params, ctx) => {
    const labelNames = params.labels.map((label) => label.name);
    addDuplicateIssues(labelNames, (index) => ["labels", index, "name"], "label", ctx);
    const relationships = params.relationships ?? [];
    addDuplicateIssues(
      relationships.map((relationship) => relationship.name),
      (index) => ["relationships", index, "name"],
      "relationship",
      ctx,
    );
    const known = new Set(labelNames);
    relationships.forEach((relationship, index) => {
      for (const key of ["source_labels", "target_labels"] as const) {
        relationship[key]?.forEach((label, labelIndex) => {
          if (!known.has(label)) {
            ctx.addIssue({
              code: "custom",
              path: ["relationships", index, key, labelIndex],
              message: `"${label}" is not one of the labels: ${labelNames.join(", ")}`,
            });
          }
        });
      }
    });
  });
export type NamedEntityRecognitionParams = z.output<typeof NamedEntityRecognitionParamsSchema>;

const IdSchema = z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" });

/** `start`/`end` are offsets in UTF-16 code units (JavaScript string indices), end exclusive. */
export const NerAnnotationSchema = z.strictObject({
  id: IdSchema,
  start: z.int(requiredFieldError("an integer")).min(0, { error: "must not be negative" }),
  end: z.int(requiredFieldError("an integer")).min(0, { error: "must not be negative" }),
  text: z.string(requiredFieldError("a string")),
  label: NameSchema,
  attributes: z.record(z.string(), z.unknown()).optional(),
});
export type NerAnnotation = z.output<typeof NerAnnotationSchema>;

export const NerRelationshipSchema = z.strictObject({
  id: IdSchema,
  source_ref: IdSchema,
  target_ref: IdSchema,
  name: z.string().optional(),
});
export type NerRelationship = z.output<typeof NerRelationshipSchema>;

export const NamedEntityRecognitionResponseSchema = z.strictObject({
  annotations: z.array(NerAnnotationSchema, requiredFieldError("an array of annotations")),
  relationships: z.array(NerRelationshipSchema).default([]),
});
export type NamedEntityRecognitionResponse = z.output<typeof NamedEntityRecognitionResponseSchema>;

const checkAnnotations = (
  params: NamedEntityRecognitionParams,
  annotations: readonly NerAnnotation[],
): ResponseIssue[] => {
  const issues: ResponseIssue[] = [];
  const labels = params.labels.map((label) => label.name);
  const ids = new Set<string>();
  const spans = new Map<string, number>();
  annotations.forEach((annotation, index) => {
    const path = ["annotations", index];
    if (ids.has(annotation.id)) {
      issues.push({ path: [...path, "id"], message: `duplicate id "${annotation.id}"` });
    }
    ids.add(annotation.id);
    if (!labels.includes(annotation.label)) {
      issues.push({
        path: [...path, "label"],
        message: `"${annotation.label}" is not one of the labels: ${labels.join(", ")}`,
      });
    }
    if (annotation.end <= annotation.start) {
      issues.push({
        path: [...path, "end"],
        message: `must be greater than start (${annotation.start})`,
      });
    } else if (annotation.end > params.text.length) {
      issues.push({
        path: [...path, "end"],
        message: `must be at most ${params.text.length}, the length of the text in UTF-16 code units`,
      });
    } else {
      const expected = params.text.slice(annotation.start, annotation.end);
      if (annotation.text !== expected) {
        issues.push({
          path: [...path, "text"],
          message: `must be ${JSON.stringify(expected)}, the text from start to end`,
        });
      }
    }
    const span = `${annotation.start}:${annotation.end}:${annotation.label}`;
    const twin = spans.get(span);
    if (twin !== undefined) {
      issues.push({ path, message: `repeats annotations[${twin}] (same start, end and label)` });
    } else {
      spans.set(span, index);
    }
  });
  return issues;
};

const checkRelationships = (
  params: NamedEntityRecognitionParams,
  response: NamedEntityRecognitionResponse,
): ResponseIssue[] => {
  const issues: ResponseIssue[] = [];
  const labelById = new Map(response.annotations.map((a) => [a.id, a.label]));
  const types = params.relationships;
  const seen = new Set<string>();
  response.relationships.forEach((relationship, index) => {
    const path = ["relationships", index];
    if (seen.has(relationship.id)) {
      issues.push({ path: [...path, "id"], message: `duplicate id "${relationship.id}"` });
    }
    seen.add(relationship.id);
    for (const key of ["source_ref", "target_ref"] as const) {
      if (!labelById.has(relationship[key])) {
        issues.push({
          path: [...path, key],
          message: `"${relationship[key]}" is not the id of an annotation`,
        });
      }
    }
    if (relationship.source_ref === relationship.target_ref) {
      issues.push({ path: [...path, "target_ref"], message: "must differ from source_ref" });
    }
    // Without relationship types in the params, any name (or none) is accepted.
    if (types === undefined) return;
    const names = types.map((type) => type.name);
    const type = types.find((candidate) => candidate.name === relationship.name);
    if (type === undefined) {
      issues.push({
        path: [...path, "name"],
        message: `must be one of the relationships: ${names.join(", ")}`,
      });
      return;
    }
    for (const [key, allowed] of [
      ["source_ref", type.source_labels],
      ["target_ref", type.target_labels],
    ] as const) {
      const label = labelById.get(relationship[key]);
      if (allowed !== undefined && label !== undefined && !allowed.includes(label)) {
        issues.push({
          path: [...path, key],
          message: `must refer to an annotation labeled ${allowed.join(" or ")} for "${type.name}", not "${label}"`,
        });
      }
    }
  });
  return issues;
};

const checkNamedEntityRecognitionResponse = (
  params: NamedEntityRecognitionParams,
  response: NamedEntityRecognitionResponse,
): ResponseIssue[] => [
  ...checkAnnotations(params, response.annotations),
  ...checkRelationships(params, response),
];

/** One entity on the first word of the text (or its first character), with the first label. */
const placeholderNamedEntityRecognitionResponse = (
  params: NamedEntityRecognitionParams,
): NamedEntityRecognitionResponse => {
  const word = /\S+/u.exec(params.text);
  const start = word?.index ?? 0;
  const end = word === null ? 1 : start + word[0].length;
  const label = params.labels[0]?.name ?? "";
  return {
    annotations: [{ id: "entity-1", start, end, text: params.text.slice(start, end), label }],
    relationships: [],
  };
};

export const NAMEDENTITYRECOGNITION_EXAMPLES: readonly TaskTypeExample[] = [
  {
    name: "people and places, labels as plain strings",
    params: { text: "Ada Lovelace was born in London.", labels: ["person", "location"] },
    response: {
      annotations: [
        { id: "e1", start: 0, end: 12, text: "Ada Lovelace", label: "person" },
        { id: "e2", start: 25, end: 31, text: "London", label: "location" },
      ],
    },
  },
  {
    name: "typed relationships between entities",
    params: {
      text: "Grace Hopper worked at Harvard.",
      labels: [
        { name: "person", description: "A named person" },
        { name: "organization", description: "A company or institution" },
      ],
      relationships: [
        { name: "works_for", source_labels: ["person"], target_labels: ["organization"] },
      ],
    },
    response: {
      annotations: [
        { id: "p", start: 0, end: 12, text: "Grace Hopper", label: "person" },
        { id: "o", start: 23, end: 30, text: "Harvard", label: "organization" },
      ],
      relationships: [{ id: "r1", source_ref: "p", target_ref: "o", name: "works_for" }],
    },
  },
];

export const namedentityrecognitionTaskType = defineTaskType({
  id: "namedentityrecognition",
  title: "Named entity recognition",
  description:
    "Mark spans of a text with entity labels, and optionally link entities with relationships.",
  params: NamedEntityRecognitionParamsSchema,
  response: NamedEntityRecognitionResponseSchema,
  checkResponse: checkNamedEntityRecognitionResponse,
  placeholderResponse: placeholderNamedEntityRecognitionResponse,
  consolidate: consolidateNamedEntityRecognition,
  scoreAgainstGold: scoreNamedEntityRecognition,
  examples: NAMEDENTITYRECOGNITION_EXAMPLES,
});
