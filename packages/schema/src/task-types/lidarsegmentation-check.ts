import type { ResponseIssue } from "./issues";
import type { LidarSegmentationParams, LidarSegmentationResponse } from "./lidarsegmentation";
import { DEFAULT_MAX_DECODED_POINTS, MAX_LABEL_INDEX, decodeLabels } from "./shared/lidar-rle";

const INDEX_KEY = /^[1-9][0-9]*$/;

const checkLabelMap = (
  params: LidarSegmentationParams,
  labelMap: Readonly<Record<string, string>>,
): ResponseIssue[] => {
  const names = params.labels.map((label) => label.name);
  const indexByName = new Map<string, string>();
  return Object.entries(labelMap).flatMap(([key, name]): ResponseIssue[] => {
    const path = ["label_map", key];
    if (!INDEX_KEY.test(key) || Number(key) > MAX_LABEL_INDEX) {
      return [
        {
          path,
          message: `key must be a label index from 1 to ${MAX_LABEL_INDEX} (0 is reserved for unlabeled points)`,
        },
      ];
    }
    if (!names.includes(name)) {
      return [{ path, message: `"${name}" is not one of the labels: ${names.join(", ")}` }];
    }
    const other = indexByName.get(name);
    indexByName.set(name, other ?? key);
    return other === undefined
      ? []
      : [{ path, message: `"${name}" is already label index ${other}` }];
  });
};

/** The first point whose index is neither mapped nor an allowed "unlabeled" 0. */
const firstBadPoint = (
  labels: Uint16Array,
  mapped: ReadonlySet<number>,
  allowUnlabeled: boolean,
): string | null => {
  for (let point = 0; point < labels.length; point += 1) {
    const index = labels[point] ?? 0;
    if (index === 0) {
      if (!allowUnlabeled)
        return `point ${point} is unlabeled (index 0), but allow_unlabeled is false`;
    } else if (!mapped.has(index)) {
      return `point ${point} has label index ${index}, which is not in label_map`;
    }
  }
  return null;
};

/**
 * One entry per frame, each decodable, every point's label index in the label map (or 0 when
 * unlabeled points are allowed), and the point counts of `frame_point_counts` when given.
 */
export const checkLidarSegmentationResponse = (
  params: LidarSegmentationParams,
  response: LidarSegmentationResponse,
): ResponseIssue[] => {
  const issues = checkLabelMap(params, response.label_map);
  const mapped = new Set(
    Object.keys(response.label_map)
      .filter((key) => INDEX_KEY.test(key))
      .map(Number),
  );
  const frameCount = params.attachments.length;
  const seen = new Set<number>();
  response.frames.forEach((entry, position) => {
    const path = ["frames", position];
    if (entry.frame >= frameCount) {
      issues.push({
        path: [...path, "frame"],
        message: `must be a frame index from 0 to ${frameCount - 1}`,
      });
      return;
    }
    if (seen.has(entry.frame)) {
      issues.push({
        path: [...path, "frame"],
        message: `frame ${entry.frame} appears more than once`,
      });
      return;
    }
    seen.add(entry.frame);
    const expected = params.frame_point_counts?.[entry.frame];
    let labels: Uint16Array;
    try {
      labels = decodeLabels(entry.labels, expected ?? DEFAULT_MAX_DECODED_POINTS);
    } catch (error) {
      issues.push({
        path: [...path, "labels"],
        message: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    if (expected !== undefined && labels.length !== expected) {
      issues.push({
        path: [...path, "labels"],
        message: `must label ${expected} points (frame_point_counts[${entry.frame}]), got ${labels.length}`,
      });
      return;
    }
    const bad = firstBadPoint(labels, mapped, params.allow_unlabeled);
    if (bad !== null) issues.push({ path: [...path, "labels"], message: bad });
  });
  const missing = params.attachments.map((_, frame) => frame).filter((frame) => !seen.has(frame));
  if (missing.length > 0) {
    issues.push({
      path: ["frames"],
      message: `must have one entry per frame; missing frame(s) ${missing.join(", ")}`,
    });
  }
  return issues;
};
