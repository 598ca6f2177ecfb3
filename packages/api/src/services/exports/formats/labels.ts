import { isRecord } from "@taskforge/schema";

/**
 * Stable label numbering across a whole export: a label gets the next number the first time it is
 * seen (declared in a task's params or used in a response), so one file can mix tasks whose
 * params list labels differently.
 */
export class LabelRegistry {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  /** 0-based position of the label, adding it if new. */
  indexOf(name: string): number {
    let found = this.index.get(name);
    if (found === undefined) {
      found = this.names.length;
      this.names.push(name);
      this.index.set(name, found);
    }
    return found;
  }
}

/** Leaf names of a Scale label list (strings or `{choice, subchoices}`), in declaration order. */
export const leafLabels = (choices: unknown): string[] => {
  if (!Array.isArray(choices)) return [];
  return choices.flatMap((choice: unknown): string[] => {
    if (typeof choice === "string") return [choice];
    if (!isRecord(choice)) return [];
    const name =
      typeof choice.choice === "string"
        ? choice.choice
        : typeof choice.name === "string"
          ? choice.name
          : null;
    const subchoices = choice.subchoices;
    if (Array.isArray(subchoices) && subchoices.length > 0) return leafLabels(subchoices);
    return name === null ? [] : [name];
  });
};
