import { describe, expect, it } from "vitest";

import {
  MAX_MASK_PIXELS,
  SegmentAnnotationResponseSchema,
  segmentannotationTaskType as t,
} from "./segmentannotation";
import type { SegmentAnnotationResponse } from "./segmentannotation";
import { decodeMask, encodeMask, encodeRuns } from "./shared/mask-rle";

const paramsInput = {
  attachment: "https://example.com/a.png",
  labels: ["road", { choice: "vehicle", subchoices: ["car", "bus"] }],
  image_width: 3,
  image_height: 2,
};
const params = t.params.parse(paramsInput);
const labelMap = { "1": "road", "2": "car", "3": "bus" };
const answer = (
  indices: number[],
  label_map: Record<string, string> = labelMap,
): SegmentAnnotationResponse => ({
  mask: encodeMask(indices, 3, 2),
  label_map,
});

const paramIssue = (input: unknown) => {
  const issue = t.params.safeParse(input).error?.issues[0];
  return issue === undefined ? undefined : `${issue.path.join(".")}: ${issue.message}`;
};

describe("segmentannotation params", () => {
  it("defaults allow_unlabeled to false and accepts the examples", () => {
    expect(params.allow_unlabeled).toBe(false);
    for (const example of t.examples) expect(t.params.safeParse(example.params).success).toBe(true);
  });

  it.each([
    [
      "a missing image size",
      { ...paramsInput, image_width: undefined },
      "image_width: must be a whole number of pixels",
    ],
    [
      "a huge image",
      { ...paramsInput, image_width: 100_000, image_height: 100_000 },
      `image_width: image_width × image_height must be at most ${MAX_MASK_PIXELS} pixels`,
    ],
    ["no labels", { ...paramsInput, labels: [] }, "labels: must list at least one label"],
    [
      "a duplicate label",
      { ...paramsInput, labels: ["car", { choice: "v", subchoices: ["car"] }] },
      'labels.1.subchoices.0: duplicate label "car"',
    ],
    [
      "a hypothesis of the wrong size",
      {
        ...paramsInput,
        hypothesis: { mask: encodeMask([1, 1], 2, 1), label_map: { "1": "road" } },
      },
      "hypothesis.mask.width: must be the image_width, 3",
    ],
  ])("rejects %s", (_name, input, expected) => {
    expect(paramIssue(input)).toBe(expected);
  });
});

describe("segmentannotation params as a caller sends them", () => {
  const scaleParams = {
    attachment: "https://example.com/a.png",
    labels: ["road", "car"],
    instance_labels: ["car"],
  };
  const inputIssue = (input: unknown) =>
    t.inputParams
      .safeParse(input)
      .error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);

  it("accepts Scale's params without an image size, which the stored form requires", () => {
    expect(t.inputParams.safeParse(scaleParams).success).toBe(true);
    expect(paramIssue(scaleParams)).toBe("image_width: must be a whole number of pixels");
    expect(t.imageSizeFrom).toEqual({
      attachment: "attachment",
      width: "image_width",
      height: "image_height",
    });
  });

  it("names the missing dimension when only one is given", () => {
    expect(inputIssue({ ...scaleParams, image_width: 3 })).toEqual([
      "image_height: is required when image_width is given (or leave both out to have the image size read from attachment)",
    ]);
    expect(inputIssue({ ...scaleParams, image_height: 3 })).toEqual([
      "image_width: is required when image_height is given (or leave both out to have the image size read from attachment)",
    ]);
  });

  it("checks the params that do not depend on the size, and all of them once it is given", () => {
    expect(inputIssue({ ...scaleParams, labels: ["car", "car"] })).toEqual([
      'labels.1: duplicate label "car"',
    ]);
    expect(inputIssue({ ...paramsInput, image_width: 100_000, image_height: 100_000 })).toEqual([
      `image_width: image_width × image_height must be at most ${MAX_MASK_PIXELS} pixels`,
    ]);
  });
});

const check = (response: unknown, checked = params) =>
  t
    .checkResponse(checked, SegmentAnnotationResponseSchema.parse(response))
    .map((issue) => `${issue.path.join(".")}: ${issue.message}`);

describe("segmentannotation response checks", () => {
  it("accepts a full mask and several indices for one label", () => {
    expect(check(answer([1, 1, 2, 2, 3, 1]))).toEqual([]);
    expect(check(answer([1, 4, 4, 1, 1, 1], { "1": "road", "4": "road" }))).toEqual([]);
  });

  it.each([
    [
      "a mask of the wrong height",
      { mask: { ...encodeMask([1, 1, 1], 3, 1) }, label_map: labelMap },
      [
        "mask.height: must be the image_height, 2",
        "mask.data: runs cover 3 pixels; the image has 3×2 = 6",
      ],
    ],
    [
      "invalid base64",
      { mask: { width: 3, height: 2, encoding: "rle", data: "!!" }, label_map: labelMap },
      ["mask.data: is not valid base64"],
    ],
    [
      "runs that do not cover the image",
      {
        mask: { width: 3, height: 2, encoding: "rle", data: encodeRuns([{ count: 7, index: 1 }]) },
        label_map: labelMap,
      },
      ["mask.data: runs cover 7 pixels; the image has 3×2 = 6"],
    ],
    [
      "an index missing from label_map",
      answer([1, 1, 1, 9, 9, 1]),
      ["mask.data: uses index 9 with no entry in label_map"],
    ],
    [
      "unlabeled pixels",
      answer([0, 1, 1, 1, 1, 0]),
      ["mask.data: leaves 2 pixels unlabeled (index 0), but allow_unlabeled is false"],
    ],
    [
      "a parent label",
      answer([1, 1, 1, 1, 1, 1], { "1": "vehicle" }),
      ['label_map.1: "vehicle" groups other labels and cannot be chosen; use one of "car", "bus"'],
    ],
    [
      "an unknown label",
      answer([1, 1, 1, 1, 1, 1], { "1": "tree" }),
      ['label_map.1: "tree" is not a label of this task; expected one of "road", "car", "bus"'],
    ],
  ])("reports %s", (_name, response, expected) => {
    expect(check(response)).toEqual(expected);
  });

  it("allows unlabeled pixels when allow_unlabeled is true", () => {
    expect(check(answer([0, 1, 1, 1, 1, 0]), { ...params, allow_unlabeled: true })).toEqual([]);
  });

  it.each([
    ["a zero index key", { "0": "road" }, ["label_map", "0"]],
    ["a non-numeric key", { road: "road" }, ["label_map", "road"]],
  ])("the schema rejects %s", (_name, label_map, path) => {
    const issue = SegmentAnnotationResponseSchema.safeParse({
      ...answer([1, 1, 1, 1, 1, 1]),
      label_map,
    }).error?.issues[0];
    expect(issue?.path).toEqual(path);
  });

  it("has placeholders and examples that pass the checks", () => {
    for (const example of t.examples) {
      const exampleParams = t.params.parse(example.params);
      expect(t.checkResponse(exampleParams, t.response.parse(example.response))).toEqual([]);
      expect(t.checkResponse(exampleParams, t.placeholderResponse(exampleParams))).toEqual([]);
    }
  });
});

describe("segmentannotation consolidation and scoring", () => {
  it("votes per pixel by label, whatever index each Tasker used", () => {
    const result = t.consolidate(params, [
      answer([1, 1, 2, 2, 2, 1]),
      answer([5, 5, 5, 6, 6, 5], { "5": "road", "6": "car" }),
      answer([1, 1, 2, 2, 3, 3]),
    ]);
    expect([...decodeMask(result.response.mask)]).toEqual([1, 1, 2, 2, 2, 1]);
    // The first response's label_map is kept whole (bus included), so its indices stay stable.
    expect(result.response.label_map).toEqual(labelMap);
    expect(result.tied).toBe(false);
    // Pairwise pixel accuracy: (5/6 + 4/6 + 3/6) / 3.
    expect(result.agreement).toBeCloseTo((5 / 6 + 4 / 6 + 3 / 6) / 3, 12);
  });

  it("gives tied pixels to the lowest index and reports them", () => {
    const result = t.consolidate(params, [answer([3, 3, 3, 1, 1, 1]), answer([2, 2, 2, 1, 1, 1])]);
    // car has index 2 (first response's map), bus 3: the three tied pixels go to car.
    expect([...decodeMask(result.response.mask)]).toEqual([2, 2, 2, 1, 1, 1]);
    expect(result.tied).toBe(true);
    expect(result.notes).toEqual([
      "3 pixels were tied; each went to the label with the lowest index",
    ]);
    expect(t.checkResponse(params, result.response)).toEqual([]);
  });

  it("returns a single response unchanged", () => {
    const only = answer([1, 2, 3, 3, 2, 1]);
    expect(t.consolidate(params, [only])).toEqual({
      response: only,
      agreement: 1,
      tied: false,
      notes: [],
    });
  });

  it("scores pixel accuracy against gold", () => {
    const gold = answer([1, 1, 1, 2, 2, 2]);
    expect(t.scoreAgainstGold(params, gold, gold)).toBe(1);
    expect(t.scoreAgainstGold(params, answer([1, 1, 1, 1, 1, 1]), gold)).toBe(0.5);
    expect(
      t.scoreAgainstGold(params, answer([7, 7, 7, 8, 8, 8], { "7": "road", "8": "car" }), gold),
    ).toBe(1);
  });
});
