import { decodeMask, encodeMask, indexLabels } from "@taskforge/schema";
import type { SegmentAnnotationParams } from "@taskforge/schema";

import type { EditorValue } from "../types";

/** The editor numbers the selectable labels in order from 1; 0 is unlabeled. */
export const maskLabels = (params: SegmentAnnotationParams): string[] =>
  indexLabels(params.labels).leaves;

/** The encoded mask data of a value, when it has one. */
export const maskDataOf = (value: EditorValue): string | undefined => {
  const mask = value.mask as { data?: unknown } | undefined;
  return typeof mask?.data === "string" ? mask.data : undefined;
};

/**
 * The value's mask as canonical indices (renumbered by label name; unknown labels become 0).
 * A missing mask, or one that does not fit the image, starts all unlabeled.
 */
export const indicesFromValue = (
  value: EditorValue,
  params: SegmentAnnotationParams,
): Uint16Array => {
  const { image_width: width, image_height: height } = params;
  const data = maskDataOf(value);
  if (data === undefined) return new Uint16Array(width * height);
  let pixels: Uint32Array;
  try {
    pixels = decodeMask({ width, height, data });
  } catch {
    return new Uint16Array(width * height);
  }
  const canonical = new Map(maskLabels(params).map((label, i) => [label, i + 1]));
  const renumber = new Map<number, number>();
  const map = (value.label_map ?? {}) as Record<string, unknown>;
  for (const [key, label] of Object.entries(map)) {
    renumber.set(Number(key), typeof label === "string" ? (canonical.get(label) ?? 0) : 0);
  }
  return Uint16Array.from(pixels, (index) => renumber.get(index) ?? 0);
};

/** The response for a mask of canonical indices: the indexed mask and its label map. */
export const valueFromIndices = (
  params: SegmentAnnotationParams,
  indices: Uint16Array,
): EditorValue => ({
  mask: encodeMask(indices, params.image_width, params.image_height),
  label_map: Object.fromEntries(maskLabels(params).map((label, i) => [String(i + 1), label])),
});
