import { alignRuns, pushRun } from "./mask-rle";
import type { MaskRun } from "./mask-rle";

/**
 * Segmentation masks compared and voted on by label, never by raw index: two Taskers may give
 * "car" different indices in their label_map. Everything works on runs, so a 12-megapixel mask
 * of a few thousand runs costs a few thousand steps, not 12 million.
 */
export type LabeledMask = { runs: readonly MaskRun[]; labelMap: Readonly<Record<string, string>> };

/** The label of an index, or null for unlabeled (index 0 or missing from the map). */
const labelAt = (mask: LabeledMask, index: number): string | null =>
  index === 0 ? null : (mask.labelMap[String(index)] ?? null);

/** Fraction of pixels given the same label (unlabeled counts as a label); 1 for empty masks. */
export const pixelAccuracy = (a: LabeledMask, b: LabeledMask): number => {
  let same = 0;
  let total = 0;
  alignRuns([a.runs, b.runs], (length, [ia = 0, ib = 0]) => {
    total += length;
    if (labelAt(a, ia) === labelAt(b, ib)) same += length;
  });
  return total === 0 ? 1 : same / total;
};

export type MaskConsolidation = {
  runs: MaskRun[];
  labelMap: Record<string, string>;
  /** Pixels where two or more labels had the top vote. */
  tiedPixels: number;
};

/**
 * Output indices: the first response's own index for each of its labels (so one response
 * consolidates to itself), then fresh indices, in `leaves` order, for labels only others used.
 */
const outputIndices = (
  masks: readonly LabeledMask[],
  leaves: readonly string[],
): Map<string, number> => {
  const indices = new Map<string, number>();
  const first = masks[0]?.labelMap ?? {};
  const keys = Object.keys(first)
    .map(Number)
    .sort((x, y) => x - y);
  for (const key of keys) {
    const label = first[String(key)];
    if (label !== undefined && !indices.has(label)) indices.set(label, key);
  }
  let next = Math.max(0, ...keys) + 1;
  const used = new Set(masks.flatMap((mask) => Object.values(mask.labelMap)));
  const ordered = [...leaves, ...[...used].filter((label) => !leaves.includes(label)).sort()];
  for (const label of ordered) {
    if (used.has(label) && !indices.has(label)) indices.set(label, next++);
  }
  return indices;
};

/**
 * Per-pixel plurality vote over the labels. A tie goes to the label with the lowest output
 * index (unlabeled, index 0, first); tied pixels are counted so the caller can report them.
 */
export const consolidateMasks = (
  masks: readonly LabeledMask[],
  leaves: readonly string[],
): MaskConsolidation => {
  const indices = outputIndices(masks, leaves);
  const indexOf = (label: string | null) => (label === null ? 0 : (indices.get(label) ?? 0));
  const runs: MaskRun[] = [];
  let tiedPixels = 0;
  alignRuns(
    masks.map((mask) => mask.runs),
    (length, given) => {
      const votes = new Map<number, number>();
      given.forEach((index, i) => {
        const mask = masks[i];
        if (mask === undefined) return;
        const output = indexOf(labelAt(mask, index));
        votes.set(output, (votes.get(output) ?? 0) + 1);
      });
      let best = -1;
      let bestCount = 0;
      let tied = false;
      for (const [index, count] of [...votes.entries()].sort(([x], [y]) => x - y)) {
        if (count > bestCount) {
          best = index;
          bestCount = count;
          tied = false;
        } else if (count === bestCount) {
          tied = true;
        }
      }
      if (tied) tiedPixels += length;
      pushRun(runs, length, Math.max(best, 0));
    },
  );
  const usedIndices = new Set(runs.map((run) => run.index));
  const labelMap: Record<string, string> = {};
  const firstMap = masks[0]?.labelMap ?? {};
  for (const [label, index] of indices) {
    // Keep every label the first response declared (even unused), plus those the output uses.
    if (usedIndices.has(index) || firstMap[String(index)] === label)
      labelMap[String(index)] = label;
  }
  return { runs, labelMap, tiedPixels };
};
