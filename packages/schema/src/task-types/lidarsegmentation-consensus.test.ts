import fc from "fast-check";
import { describe, expect, it } from "vitest";

import type { LidarSegmentationResponse } from "./lidarsegmentation";
import { LidarSegmentationParamsSchema, lidarsegmentationTaskType } from "./lidarsegmentation";
import { canonicalFrameLabels } from "./lidarsegmentation-consensus";
import { decodeLabels, encodeLabels } from "./shared/lidar-rle";

const params = LidarSegmentationParamsSchema.parse({
  attachments: ["https://example.com/f0.json", "https://example.com/f1.json"],
  labels: ["road", "car", "tree"],
  allow_unlabeled: true,
});
// Called through the definition: its members are methods (unbound-method).
const type = lidarsegmentationTaskType;
const MAP = { "1": "road", "2": "car", "3": "tree" };

const segmentation = (
  frames: number[][],
  labelMap: Record<string, string> = MAP,
): LidarSegmentationResponse => ({
  frames: frames.map((labels, frame) => ({ frame, encoding: "rle", labels: encodeLabels(labels) })),
  label_map: labelMap,
});
const decoded = (response: LidarSegmentationResponse) =>
  response.frames.map((frame) => [...decodeLabels(frame.labels)]);

describe("lidarsegmentation consolidation", () => {
  it("votes per point and frame", () => {
    const result = type.consolidate(params, [
      segmentation([[1, 1, 2, 3], [2]]),
      segmentation([[1, 2, 2, 3], [2]]),
      segmentation([[1, 1, 2, 0], [2]]),
    ]);
    expect(decoded(result.response)).toEqual([[1, 1, 2, 3], [2]]);
    expect(result.response.label_map).toEqual(MAP);
    expect(result.tied).toBe(false);
    // Frame 0: 4/4, 3/4, 3/4 points agree; frame 1: all agree.
    expect(result.agreement).toBeCloseTo(((1 + 0.75 + 0.75) / 3 + 1) / 2);
    expect(type.checkResponse(params, result.response)).toEqual([]);
  });

  it("compares labels by name, whatever each response's numbering", () => {
    const renumbered = segmentation([[7, 7, 5], [5]], { "5": "car", "7": "road" });
    const result = type.consolidate(params, [segmentation([[1, 1, 2], [2]]), renumbered]);
    expect(result.agreement).toBe(1);
    expect(decoded(result.response)).toEqual([[1, 1, 2], [2]]);
  });

  it("breaks ties by the lowest index and reports them", () => {
    const result = type.consolidate(params, [
      segmentation([[3, 1, 2], [0]]),
      segmentation([[2, 1, 3], [1]]),
    ]);
    expect(decoded(result.response)).toEqual([[2, 1, 2], [0]]);
    expect(result.tied).toBe(true);
    // Frame 0: 2/3 of points agree for each response; frame 1: 1 and 0.
    expect(result.agreement).toBeCloseTo((2 / 3 + 0.5) / 2);
    expect(result.notes).toEqual([
      "frames[0]: 2 point(s) tied; the label listed first in the params won",
      "frames[1]: 1 point(s) tied; the label listed first in the params won",
      "frames: 58.3% of point labels agree with the consensus",
    ]);
  });

  it("notes frames whose point counts differ", () => {
    const result = type.consolidate(params, [
      segmentation([[1, 1], [1]]),
      segmentation([[1], [1]]),
    ]);
    expect(decoded(result.response)).toEqual([[1, 1], [1]]);
    expect(result.notes[0]).toBe("frames[0]: responses label different numbers of points");
    expect(result.agreement).toBeCloseTo((0.75 + 1) / 2);
  });

  it("returns 1 for identical responses and stays in [0, 1]", () => {
    const frame = (length: number) =>
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: length, maxLength: length });
    const response = fc.tuple(frame(6), frame(3)).map((frames) => segmentation(frames));
    fc.assert(
      fc.property(fc.array(response, { minLength: 1, maxLength: 5 }), (responses) => {
        const result = type.consolidate(params, responses);
        expect(result.agreement).toBeGreaterThanOrEqual(0);
        expect(result.agreement).toBeLessThanOrEqual(1);
        expect(type.checkResponse(params, result.response)).toEqual([]);
        const first = responses[0] as LidarSegmentationResponse;
        expect(type.consolidate(params, [first, first, first]).agreement).toBe(1);
        expect(decoded(type.consolidate(params, [first]).response)).toEqual(decoded(first));
      }),
    );
  });
});

describe("lidarsegmentation scoreAgainstGold", () => {
  it.each([
    { actual: [[1, 1, 2, 2], [3]], gold: [[1, 1, 2, 2], [3]], score: 1 },
    { actual: [[1, 1, 2, 3], [3]], gold: [[1, 1, 2, 2], [3]], score: (0.75 + 1) / 2 },
    { actual: [[1, 1], [1]], gold: [[1, 1, 1, 1], [2]], score: (0.5 + 0) / 2 },
    { actual: [[], []], gold: [[], []], score: 1 },
  ])("$actual vs $gold → $score", ({ actual, gold, score }) => {
    expect(type.scoreAgainstGold(params, segmentation(actual), segmentation(gold))).toBeCloseTo(
      score,
    );
  });

  it("treats a missing frame as full disagreement", () => {
    const partial: LidarSegmentationResponse = { ...segmentation([[1, 1]]), label_map: MAP };
    expect(canonicalFrameLabels(params, partial)[1]).toBeNull();
    expect(type.scoreAgainstGold(params, partial, segmentation([[1, 1], [1]]))).toBe(0.5);
  });
});
