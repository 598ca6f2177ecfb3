import type { IssuePath, ResponseIssue } from "../issues";
import { asList, attributeChoices, isGlobalAttribute } from "./geometry-attributes";
import type {
  AnnotationAttribute,
  AnnotationAttributes,
  AttributeValue,
  AttributeValues,
} from "./geometry-attributes";
import { leafLabelProblem } from "./geometry-labels";

/**
 * Where a set of attribute values lives: on an annotation (with its label), in an image's
 * `global_attributes` (no label: Scale ignores label conditions there), or on a video event.
 */
export type AttributeScope = {
  global: boolean;
  label?: string | undefined;
  /** Whether the scope's label satisfies a label condition naming `target`. */
  matchesLabel?: ((target: string) => boolean) | undefined;
};

const describeValues = (values: readonly string[]): string =>
  values.length === 1 ? `"${values[0] ?? ""}"` : `one of ${values.map((v) => `"${v}"`).join(", ")}`;

/** Why the attribute may not be answered here, or undefined when its conditions hold. */
export const unmetCondition = (
  attribute: AnnotationAttribute,
  values: AttributeValues,
  scope: AttributeScope,
): string | undefined => {
  const labelCondition = attribute.conditions?.label_condition;
  if (labelCondition !== undefined && scope.label !== undefined) {
    const targets = asList(labelCondition.label);
    const matches = scope.matchesLabel ?? ((target: string) => target === scope.label);
    if (!targets.some(matches)) return `the label is ${describeValues(targets)}`;
  }
  for (const condition of attribute.conditions?.attribute_conditions ?? []) {
    for (const [other, expected] of Object.entries(condition)) {
      const given = values[other];
      const givenList = typeof given === "number" ? [String(given)] : asList(given ?? []);
      const wanted = asList(expected);
      if (!givenList.some((value) => wanted.includes(value))) {
        return `attribute "${other}" is ${describeValues(wanted)}`;
      }
    }
  }
  return undefined;
};

const checkValue = (
  attribute: AnnotationAttribute,
  value: AttributeValue,
  path: IssuePath,
): ResponseIssue[] => {
  const issue = (message: string, at: IssuePath = path): ResponseIssue[] => [{ path: at, message }];
  switch (attribute.type) {
    case "text":
      return typeof value === "string" ? [] : issue("must be a string (text attribute)");
    case "number":
    case "angle": {
      if (typeof value !== "number") return issue(`must be a number (${attribute.type} attribute)`);
      if (attribute.type === "angle" && (value < 0 || value >= 360)) {
        return issue("must be an angle in degrees, at least 0 and below 360");
      }
      if (attribute.min !== undefined && value < attribute.min) {
        return issue(`must be at least ${attribute.min}`);
      }
      if (attribute.max !== undefined && value > attribute.max) {
        return issue(`must be at most ${attribute.max}`);
      }
      return [];
    }
    case "category": {
      const choices = attributeChoices(attribute);
      if (attribute.allow_multiple) {
        if (!Array.isArray(value)) return issue("must be an array of choices (allow_multiple)");
        if (value.length === 0) return issue("must contain at least one choice");
      } else if (typeof value !== "string") {
        return issue("must be a single choice (a string)");
      }
      const issues: ResponseIssue[] = [];
      const seen = new Set<string>();
      asList(value).forEach((choice, i) => {
        const at = Array.isArray(value) ? [...path, i] : path;
        const problem = leafLabelProblem(choice, choices, "a choice of this attribute");
        if (problem !== undefined) issues.push({ path: at, message: problem });
        else if (seen.has(choice))
          issues.push({ path: at, message: `duplicate choice "${choice}"` });
        seen.add(choice);
      });
      return issues;
    }
  }
};

/** Checks every given value: the attribute exists here, its conditions hold, the value fits. */
export const checkAttributeValues = (
  attributes: AnnotationAttributes | undefined,
  values: AttributeValues | undefined,
  scope: AttributeScope,
  path: IssuePath,
): ResponseIssue[] => {
  if (values === undefined) return [];
  const issues: ResponseIssue[] = [];
  for (const [name, value] of Object.entries(values)) {
    const at = [...path, name];
    const attribute = attributes?.[name];
    if (attribute === undefined) {
      issues.push({
        path: at,
        message: `"${name}" is not one of the task's annotation_attributes`,
      });
      continue;
    }
    if (isGlobalAttribute(attribute) !== scope.global) {
      issues.push({
        path: at,
        message: scope.global
          ? `"${name}" is not a global attribute (conditions.is_global); set it on annotations`
          : `"${name}" is a global attribute (conditions.is_global); it cannot be set here`,
      });
      continue;
    }
    const unmet = unmetCondition(attribute, values, scope);
    if (unmet !== undefined) {
      issues.push({ path: at, message: `is only allowed when ${unmet}` });
      continue;
    }
    issues.push(...checkValue(attribute, value, at));
  }
  return issues;
};
