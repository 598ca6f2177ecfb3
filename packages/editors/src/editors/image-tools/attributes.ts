import { indexLabels, isGlobalAttribute, labelMatches, unmetCondition } from "@taskforge/schema";
import type {
  AnnotationAttribute,
  AttributeValue,
  Geometries,
  GeometryType,
} from "@taskforge/schema";

export type AttributeValues = Record<string, AttributeValue>;
export type AttributeDefinitions = Record<string, AnnotationAttribute>;

/** Which attributes a form offers: those of the scope (annotation or global) whose conditions hold. */
export type AttributeScope =
  | { global: false; label: string; type: GeometryType; geometries: Geometries }
  | { global: true; label?: string | undefined };

const scopeOf = (scope: AttributeScope) => {
  if (scope.global) return { global: true, label: scope.label };
  const geometry = scope.geometries[scope.type];
  const index = indexLabels(geometry?.objects_to_annotate ?? []);
  return {
    global: false,
    label: scope.label,
    matchesLabel: (target: string) => labelMatches(scope.label, target, index),
  };
};

/** The attributes to show for these values, in the params' order, with the schema's own condition check. */
export const visibleAttributes = (
  definitions: AttributeDefinitions | undefined,
  values: AttributeValues | undefined,
  scope: AttributeScope,
): [string, AnnotationAttribute][] => {
  const checkScope = scopeOf(scope);
  return Object.entries(definitions ?? {}).filter(
    ([, attribute]) =>
      isGlobalAttribute(attribute) === scope.global &&
      unmetCondition(attribute, values ?? {}, checkScope) === undefined,
  );
};

/**
 * Values with `name` set (or cleared when undefined), then without answers whose conditions no
 * longer hold (a changed label or parent answer hides them; a hidden answer would be refused).
 * Undefined when nothing is left, so an unanswered annotation carries no `attributes` key.
 */
export const withAttribute = (
  definitions: AttributeDefinitions | undefined,
  values: AttributeValues | undefined,
  name: string | undefined,
  value: AttributeValue | undefined,
  scope: AttributeScope,
): AttributeValues | undefined => {
  let next: AttributeValues = { ...values };
  if (name !== undefined) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[name];
    else next[name] = value;
  }
  // Dropping one answer can hide another that depended on it, so repeat until nothing changes.
  for (;;) {
    const visible = new Set(visibleAttributes(definitions, next, scope).map(([key]) => key));
    const kept = Object.fromEntries(Object.entries(next).filter(([key]) => visible.has(key)));
    if (Object.keys(kept).length === Object.keys(next).length) break;
    next = kept;
  }
  return Object.keys(next).length === 0 ? undefined : next;
};
