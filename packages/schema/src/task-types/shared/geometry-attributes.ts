import { z } from "zod";

import { requiredFieldError } from "../../common";
import type { IssuePath, ResponseIssue } from "../issues";
import { indexLabels, LabelChoiceSchema, labelTreeIssues } from "./geometry-labels";
import type { LabelIndex } from "./geometry-labels";

/**
 * Scale's `annotation_attributes`. Supported types: category (default, as in Scale), number,
 * angle (degrees in [0, 360)) and text. Scale's "linked" and x/y-offset attributes are not
 * supported yet and are refused by the enum rather than silently accepted.
 */
export const ATTRIBUTE_TYPES = ["category", "number", "angle", "text"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** A condition value: equality with a string, or membership in a list. */
const ConditionValueSchema = z.union(
  [z.string(), z.array(z.string()).min(1, { error: "must not be empty" })],
  { error: "must be a string or a non-empty array of strings" },
);

/**
 * Scale's older docs OR the conditions together, its current docs AND them ("adding more
 * conditions is more restrictive"). We follow the current docs: the label condition and every
 * entry of `attribute_conditions` must all hold. `is_global` moves the attribute from annotations
 * to `global_attributes` (image) or to events (video).
 */
export const AttributeConditionsSchema = z.looseObject({
  label_condition: z.looseObject({ label: ConditionValueSchema }).optional(),
  attribute_conditions: z
    .array(z.record(z.string(), ConditionValueSchema), {
      error: "must be an array of {attribute: value} conditions",
    })
    .optional(),
  is_global: z.boolean().optional(),
});

export const AnnotationAttributeSchema = z
  .looseObject({
    type: z
      .enum(ATTRIBUTE_TYPES, { error: `must be one of ${ATTRIBUTE_TYPES.join(", ")}` })
      .default("category"),
    description: z.string(requiredFieldError("a string")),
    choices: z.array(LabelChoiceSchema, { error: "must be an array of choices" }).optional(),
    allow_multiple: z.boolean().default(false),
    min: z.number().optional(),
    max: z.number().optional(),
    conditions: AttributeConditionsSchema.optional(),
  })
  .superRefine((attribute, ctx) => {
    if (attribute.type === "category") {
      if (attribute.choices === undefined || attribute.choices.length === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["choices"],
          message: "must list at least one choice for a category attribute",
        });
      } else {
        for (const issue of labelTreeIssues(attribute.choices, ["choices"])) {
          ctx.addIssue({ code: "custom", ...issue });
        }
      }
    }
    if (
      attribute.min !== undefined &&
      attribute.max !== undefined &&
      attribute.min > attribute.max
    ) {
      ctx.addIssue({ code: "custom", path: ["min"], message: "must not be greater than max" });
    }
  });
export type AnnotationAttribute = z.output<typeof AnnotationAttributeSchema>;

export const AnnotationAttributesSchema = z.record(
  z.string().min(1, { error: "attribute names must not be empty" }),
  AnnotationAttributeSchema,
  { error: "must be an object of {name: attribute definition}" },
);
export type AnnotationAttributes = z.output<typeof AnnotationAttributesSchema>;

export const AttributeValueSchema = z.union([z.string(), z.number(), z.array(z.string())], {
  error: "must be a string, a number or an array of strings",
});
export type AttributeValue = z.output<typeof AttributeValueSchema>;
export const AttributeValuesSchema = z.record(z.string(), AttributeValueSchema);
export type AttributeValues = z.output<typeof AttributeValuesSchema>;

export const isGlobalAttribute = (attribute: AnnotationAttribute): boolean =>
  attribute.conditions?.is_global === true;

export const asList = (value: string | readonly string[]): readonly string[] =>
  typeof value === "string" ? [value] : value;

/** Leaf choices of a category attribute (its choices nest like labels). */
export const attributeChoices = (attribute: AnnotationAttribute): LabelIndex =>
  indexLabels(attribute.choices ?? []);

/**
 * Cross-field rules for attribute definitions: conditions must name labels and attributes that
 * exist, so a typo cannot make an attribute silently unreachable.
 *
 * `isKnownLabel` answers for annotation attributes; `globalLabels` lists the labels a global
 * attribute's label_condition may name (video events), or is undefined where Scale ignores
 * label conditions on global attributes (image).
 */
export const attributeDefinitionIssues = (
  attributes: AnnotationAttributes,
  isKnownLabel: (label: string) => boolean,
  globalLabels: readonly string[] | undefined,
  path: IssuePath,
): ResponseIssue[] => {
  const issues: ResponseIssue[] = [];
  for (const [name, attribute] of Object.entries(attributes)) {
    const conditionsPath = [...path, name, "conditions"];
    const global = isGlobalAttribute(attribute);
    const labelCondition = attribute.conditions?.label_condition;
    if (labelCondition !== undefined && (!global || globalLabels !== undefined)) {
      const known = global
        ? (label: string) => globalLabels?.includes(label) === true
        : isKnownLabel;
      asList(labelCondition.label).forEach((label, i) => {
        if (known(label)) return;
        const labelPath = [...conditionsPath, "label_condition", "label"];
        issues.push({
          path: typeof labelCondition.label === "string" ? labelPath : [...labelPath, i],
          message: `"${label}" is not a label of this task`,
        });
      });
    }
    (attribute.conditions?.attribute_conditions ?? []).forEach((condition, i) => {
      for (const [other, expected] of Object.entries(condition)) {
        const otherPath = [...conditionsPath, "attribute_conditions", i, other];
        const target = attributes[other];
        if (other === name) {
          issues.push({ path: otherPath, message: "an attribute cannot depend on itself" });
        } else if (target === undefined) {
          issues.push({ path: otherPath, message: `"${other}" is not an annotation attribute` });
        } else if (isGlobalAttribute(target) !== global) {
          issues.push({
            path: otherPath,
            message: `"${other}" is ${global ? "not " : ""}a global attribute, unlike "${name}"`,
          });
        } else if (target.type === "category") {
          const choices = attributeChoices(target);
          for (const value of asList(expected)) {
            if (!choices.ancestors.has(value)) {
              issues.push({
                path: otherPath,
                message: `"${value}" is not a choice of attribute "${other}"`,
              });
            }
          }
        }
      }
    });
  }
  return issues;
};
