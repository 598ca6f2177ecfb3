import type { CategorizationParams } from "@taskforge/schema";

import type { EditorValue } from "../types";

/** The labels the value has chosen, whichever form (one label or an array) it holds. */
export const chosenCategories = (value: EditorValue): string[] => {
  const category = value["category"];
  if (typeof category === "string") return [category];
  return Array.isArray(category)
    ? category.filter((entry): entry is string => typeof entry === "string")
    : [];
};

const idOf = (params: CategorizationParams, label: string): string | undefined =>
  params.category_ids?.[params.categories.indexOf(label)];

/**
 * The response after the Tasker pressed a category: with one choice it becomes the choice; with
 * allow_multiple it is toggled, the labels kept in the params' order so that the same choice
 * always gives the same response. Ids travel along when the task has them.
 */
export const pressCategory = (
  params: CategorizationParams,
  value: EditorValue,
  label: string,
): EditorValue => {
  if (!params.categories.includes(label)) return value;
  if (!params.allow_multiple) {
    const id = idOf(params, label);
    return id === undefined ? { category: label } : { category: label, category_id: id };
  }
  const chosen = new Set(chosenCategories(value));
  if (chosen.has(label)) chosen.delete(label);
  else chosen.add(label);
  const labels = params.categories.filter((category) => chosen.has(category));
  if (params.category_ids === undefined) return { category: labels };
  return {
    category: labels,
    category_ids: labels.map((category) => idOf(params, category) ?? ""),
  };
};
