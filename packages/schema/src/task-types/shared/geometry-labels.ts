import { z } from "zod";

import type { IssuePath, ResponseIssue } from "../issues";

/**
 * Scale's `LabelDescription` (label nesting): a choice with optional subchoices. Only leaves are
 * selectable and appear in responses; a parent is navigation only.
 */
export type LabelDescription = {
  choice: string;
  subchoices?: LabelChoice[] | undefined;
  instance_label?: boolean | undefined;
  display?: string | undefined;
};
export type LabelChoice = string | LabelDescription;

const LabelNameSchema = z
  .string({ error: "must be a label string or a {choice, subchoices} object" })
  .min(1, { error: "must not be empty" });

export const LabelDescriptionSchema: z.ZodType<LabelDescription> = z.lazy(() =>
  z.looseObject({
    choice: LabelNameSchema,
    subchoices: z.array(LabelChoiceSchema).optional(),
    instance_label: z.boolean().optional(),
    display: z.string().optional(),
  }),
);

export const LabelChoiceSchema: z.ZodType<LabelChoice> = z.lazy(() =>
  z.union([LabelNameSchema, LabelDescriptionSchema], {
    error: "must be a label string or a {choice, subchoices} object",
  }),
);

export const LabelListSchema = z
  .array(LabelChoiceSchema, { error: "must be an array of labels" })
  .min(1, { error: "must list at least one label" });

export type LabelIndex = {
  /** Selectable labels, in declaration order. */
  leaves: string[];
  /** Every leaf's ancestors' choices, nearest parent first (for conditions naming a parent). */
  ancestors: Map<string, string[]>;
  /** Every choice name, leaf or parent. */
  all: Set<string>;
};

const visit = (
  choices: readonly LabelChoice[],
  parents: readonly string[],
  index: LabelIndex,
): void => {
  for (const item of choices) {
    const choice = typeof item === "string" ? item : item.choice;
    index.all.add(choice);
    const subchoices = typeof item === "string" ? undefined : item.subchoices;
    // A choice with an empty subchoices array is still selectable: nothing hides below it.
    if (subchoices === undefined || subchoices.length === 0) {
      index.leaves.push(choice);
      index.ancestors.set(choice, [...parents].reverse());
    } else {
      visit(subchoices, [...parents, choice], index);
    }
  }
};

export const indexLabels = (choices: readonly LabelChoice[]): LabelIndex => {
  const index: LabelIndex = { leaves: [], ancestors: new Map(), all: new Set() };
  visit(choices, [], index);
  return index;
};

/** Duplicate choice names make a response's `label` ambiguous, so they are refused. */
export const labelTreeIssues = (
  choices: readonly LabelChoice[],
  path: IssuePath,
): ResponseIssue[] => {
  const issues: ResponseIssue[] = [];
  const seen = new Set<string>();
  const walk = (items: readonly LabelChoice[], itemsPath: IssuePath): void => {
    items.forEach((item, i) => {
      const choice = typeof item === "string" ? item : item.choice;
      const itemPath = typeof item === "string" ? [...itemsPath, i] : [...itemsPath, i, "choice"];
      if (seen.has(choice)) {
        issues.push({ path: itemPath, message: `duplicate label "${choice}"` });
      }
      seen.add(choice);
      if (typeof item !== "string" && item.subchoices !== undefined) {
        walk(item.subchoices, [...itemsPath, i, "subchoices"]);
      }
    });
  };
  walk(choices, path);
  return issues;
};

const quoteList = (labels: readonly string[]): string =>
  labels.map((label) => `"${label}"`).join(", ");

/** Why `label` is not a selectable leaf, or undefined when it is one. `what`: "a label for box". */
export const leafLabelProblem = (
  label: string,
  index: LabelIndex,
  what: string,
): string | undefined => {
  if (index.ancestors.has(label)) return undefined;
  if (index.all.has(label)) {
    const below = index.leaves.filter((leaf) => index.ancestors.get(leaf)?.includes(label));
    return `"${label}" groups other labels and cannot be chosen; use one of ${quoteList(below)}`;
  }
  return `"${label}" is not ${what}; expected one of ${quoteList(index.leaves)}`;
};

/** True when `label` is `target` or lies below it (conditions may name a parent choice). */
export const labelMatches = (label: string, target: string, index: LabelIndex): boolean =>
  label === target || (index.ancestors.get(label)?.includes(target) ?? false);
