import type { ConsolidationResult } from "./definition";
import type { LidarSegmentationParams, LidarSegmentationResponse } from "./lidarsegmentation";
import { decodeLabels, encodeLabels } from "./shared/lidar-rle";
import { meanOr1 } from "./shared/vote";

/** The params' labels numbered in order from 1, the consolidated answer's label map. */
export const canonicalLabelMap = (params: LidarSegmentationParams): Record<string, string> =>
  Object.fromEntries(params.labels.map((label, index) => [String(index + 1), label.name]));

/**
 * Decodes a response's labels for each frame of the task, renumbered to the canonical indices
 * (params label i → i + 1, unlabeled → 0), so responses that number labels differently compare.
 * A missing or undecodable frame (never the case for a checked response) yields null.
 */
export const canonicalFrameLabels = (
  params: LidarSegmentationParams,
  response: LidarSegmentationResponse,
): (Uint16Array | null)[] => {
  const canonical = new Map(params.labels.map((label, index) => [label.name, index + 1]));
  const toCanonical = (index: number): number => {
    if (index === 0) return 0;
    const name = Object.hasOwn(response.label_map, String(index))
      ? response.label_map[String(index)]
      : undefined;
    return name === undefined ? 0 : (canonical.get(name) ?? 0);
  };
  return params.attachments.map((_, frame) => {
    const entry = response.frames.find((candidate) => candidate.frame === frame);
    if (entry === undefined) return null;
    let labels: Uint16Array;
    try {
      labels = decodeLabels(entry.labels);
    } catch {
      return null;
    }
    // Renumber through a cache: a frame has many points but few distinct labels.
    const cache = new Map<number, number>();
    return labels.map((index) => {
      let mapped = cache.get(index);
      if (mapped === undefined) cache.set(index, (mapped = toCanonical(index)));
      return mapped;
    });
  });
};

/** Share of points labeled alike, over the longer of the two frames; 1 for two empty frames. */
const frameAgreement = (a: Uint16Array | null, b: Uint16Array | null): number => {
  const length = Math.max(a?.length ?? 0, b?.length ?? 0);
  if (length === 0) return 1;
  if (a === null || b === null) return 0;
  let same = 0;
  const shorter = Math.min(a.length, b.length);
  for (let point = 0; point < shorter; point += 1) if (a[point] === b[point]) same += 1;
  return same / length;
};

/** Gold score: the share of points labeled as in the gold answer, averaged over frames. */
export const scoreLidarSegmentation = (
  params: LidarSegmentationParams,
  response: LidarSegmentationResponse,
  gold: LidarSegmentationResponse,
): number => {
  const ours = canonicalFrameLabels(params, response);
  const expected = canonicalFrameLabels(params, gold);
  return meanOr1(ours.map((labels, frame) => frameAgreement(labels, expected[frame] ?? null)));
};

/** Per-point plurality vote; ties go to the lowest label index. Returns the labels and tie count. */
const voteFrame = (
  frames: readonly (Uint16Array | null)[],
): { labels: Uint16Array; ties: number } => {
  const present = frames.filter((labels) => labels !== null);
  const length = Math.max(0, ...present.map((labels) => labels.length));
  const result = new Uint16Array(length);
  const votes: number[] = [];
  let ties = 0;
  for (let point = 0; point < length; point += 1) {
    votes.length = 0;
    for (const labels of present) if (point < labels.length) votes.push(labels[point] ?? 0);
    // N is a handful of responses, so counting by scanning beats allocating a map per point.
    let best = -1;
    let bestCount = 0;
    let tied = false;
    for (const candidate of votes) {
      if (candidate === best) continue;
      let count = 0;
      for (const vote of votes) if (vote === candidate) count += 1;
      if (count > bestCount) {
        best = candidate;
        bestCount = count;
        tied = false;
      } else if (count === bestCount) {
        tied = true;
        best = Math.min(best, candidate);
      }
    }
    result[point] = Math.max(best, 0);
    if (tied) ties += 1;
  }
  return { labels: result, ties };
};

/**
 * Per frame and point, a plurality vote over the responses' labels (compared by label name);
 * ties go to the lowest canonical index, i.e. the label listed first in the params, and are
 * counted in the notes. Agreement is the mean over responses and frames of the share of points
 * whose label matches the consolidated one.
 */
export const consolidateLidarSegmentation = (
  params: LidarSegmentationParams,
  responses: readonly LidarSegmentationResponse[],
): ConsolidationResult<LidarSegmentationResponse> => {
  const decoded = responses.map((response) => canonicalFrameLabels(params, response));
  const notes: string[] = [];
  let tied = false;
  const frameAgreements: number[] = [];
  const frames = params.attachments.map((_, frame) => {
    const candidates = decoded.map((frames) => frames[frame] ?? null);
    const lengths = new Set(candidates.map((labels) => labels?.length ?? -1));
    if (lengths.size > 1)
      notes.push(`frames[${frame}]: responses label different numbers of points`);
    const { labels, ties } = voteFrame(candidates);
    if (ties > 0) {
      tied = true;
      notes.push(
        `frames[${frame}]: ${ties} point(s) tied; the label listed first in the params won`,
      );
    }
    frameAgreements.push(meanOr1(candidates.map((candidate) => frameAgreement(candidate, labels))));
    return { frame, encoding: "rle" as const, labels: encodeLabels(labels) };
  });
  const agreement = meanOr1(frameAgreements);
  if (agreement < 1)
    notes.push(`frames: ${(agreement * 100).toFixed(1)}% of point labels agree with the consensus`);
  return { response: { frames, label_map: canonicalLabelMap(params) }, agreement, tied, notes };
};
