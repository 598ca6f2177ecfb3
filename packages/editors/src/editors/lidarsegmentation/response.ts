import { decodeLabels, encodeLabels } from "@taskforge/schema";
import type { LidarSegmentationParams } from "@taskforge/schema";

import type { EditorValue } from "../types";

/**
 * The editor numbers labels like the consolidated answer: the params' labels in order from 1,
 * 0 for unlabeled. Drafts and hypotheses numbered otherwise are renumbered by label name.
 */
export const canonicalLabelMap = (params: LidarSegmentationParams): Record<string, string> =>
  Object.fromEntries(params.labels.map((label, index) => [String(index + 1), label.name]));

type FrameEntry = { frame: number; encoding: "rle"; labels: string };

const framesOf = (value: EditorValue): FrameEntry[] =>
  Array.isArray(value.frames)
    ? value.frames.filter(
        (entry): entry is FrameEntry =>
          typeof entry === "object" &&
          entry !== null &&
          typeof (entry as FrameEntry).frame === "number" &&
          typeof (entry as FrameEntry).labels === "string",
      )
    : [];

/** The encoded labels of a frame in the value, or undefined when the value has none. */
export const encodedFrameOf = (value: EditorValue, frame: number): string | undefined =>
  framesOf(value).find((entry) => entry.frame === frame)?.labels;

/**
 * One frame's labels from the value, renumbered to the canonical indices; a frame the value does
 * not hold, or holds for a different point count, or cannot decode, starts all unlabeled.
 */
export const frameLabelsFromValue = (
  value: EditorValue,
  params: LidarSegmentationParams,
  frame: number,
  pointCount: number,
): Uint16Array => {
  const encoded = encodedFrameOf(value, frame);
  if (encoded === undefined) return new Uint16Array(pointCount);
  let labels: Uint16Array;
  try {
    labels = decodeLabels(encoded, pointCount);
  } catch {
    return new Uint16Array(pointCount);
  }
  if (labels.length !== pointCount) return new Uint16Array(pointCount);
  const map =
    typeof value.label_map === "object" && value.label_map !== null ? value.label_map : {};
  const canonical = new Map(params.labels.map((label, index) => [label.name, index + 1]));
  const renumber = new Map<number, number>();
  for (const [key, name] of Object.entries(map as Record<string, unknown>)) {
    renumber.set(Number(key), typeof name === "string" ? (canonical.get(name) ?? 0) : 0);
  }
  for (let i = 0; i < labels.length; i += 1) labels[i] = renumber.get(labels[i] ?? 0) ?? 0;
  return labels;
};

/**
 * The response for the given per-frame labels (canonical indices). `encoded` holds frames
 * already encoded (unchanged since the last commit), so a gesture re-encodes only its frame.
 */
export const valueFromLabels = (
  params: LidarSegmentationParams,
  labels: readonly (Uint16Array | undefined)[],
  encoded: readonly (string | undefined)[] = [],
): EditorValue => ({
  frames: params.attachments.map((_, frame) => ({
    frame,
    encoding: "rle",
    labels: encoded[frame] ?? encodeLabels(labels[frame] ?? new Uint16Array(0)),
  })),
  label_map: canonicalLabelMap(params),
});
