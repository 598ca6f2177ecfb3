import { describe, expect, it } from "vitest";

import type { LidarSegmentationParams } from "./lidarsegmentation";
import {
  LidarFrameSchema,
  LidarSegmentationParamsSchema,
  LidarSegmentationResponseSchema,
  lidarsegmentationTaskType,
} from "./lidarsegmentation";
import { encodeLabels } from "./shared/lidar-rle";

const frames = ["https://example.com/f0.json", "gs://bucket/f1.json"];
const validParams = { attachments: frames, labels: ["road", { name: "car", color: "#ff0000" }] };
const params = (overrides: Record<string, unknown> = {}): LidarSegmentationParams =>
  LidarSegmentationParamsSchema.parse({ ...validParams, ...overrides });
const issuesOf = (overrides: Record<string, unknown>) =>
  (
    LidarSegmentationParamsSchema.safeParse({ ...validParams, ...overrides }).error?.issues ?? []
  ).map((issue) => ({ path: issue.path, message: issue.message }));

describe("lidarsegmentation params", () => {
  it("normalizes labels and defaults allow_unlabeled to false", () => {
    expect(params()).toEqual({
      attachments: frames,
      labels: [{ name: "road" }, { name: "car", color: "#ff0000" }],
      allow_unlabeled: false,
    });
  });

  it.each([
    {
      overrides: { attachments: [] },
      issue: { path: ["attachments"], message: "must have at least 1 frame" },
    },
    {
      overrides: { attachments: ["frame.json"] },
      issue: { path: ["attachments", 0], message: "must be an http(s), s3 or gs URL" },
    },
    {
      overrides: { labels: [] },
      issue: { path: ["labels"], message: "must have at least 1 label" },
    },
    {
      overrides: { labels: ["road", { name: "road" }] },
      issue: { path: ["labels", 1, "name"], message: 'duplicate label "road"' },
    },
    {
      overrides: { labels: [{ name: "car", color: "red" }] },
      issue: { path: ["labels", 0, "color"], message: 'must be a color like "#ff8800"' },
    },
    {
      overrides: { labels: [3] },
      issue: { path: ["labels", 0], message: "must be a label name or an object {name, color?}" },
    },
    {
      overrides: { frame_point_counts: [10] },
      issue: {
        path: ["frame_point_counts"],
        message: "must have one count per attachment (2), got 1",
      },
    },
    {
      overrides: { frame_point_counts: [10, -1] },
      issue: { path: ["frame_point_counts", 1], message: "must not be negative" },
    },
  ])("rejects $overrides", ({ overrides, issue }) => {
    expect(issuesOf(overrides)).toEqual([issue]);
  });
});

describe("LidarFrameSchema", () => {
  const camera = {
    url: "https://example.com/front.jpg",
    fx: 1000,
    fy: 1000,
    cx: 960,
    cy: 540,
    position: { x: 0, y: 0, z: 1.6 },
    heading: { w: 1, x: 0, y: 0, z: 0 },
  };

  it("accepts points with and without intensity, a timestamp and camera images", () => {
    const frame = {
      points: [
        [1, 2, 3],
        [4, 5, 6, 0.5],
      ],
      timestamp: 1.5,
      images: [camera],
      extra: "kept",
    };
    expect(LidarFrameSchema.parse(frame)).toEqual(frame);
  });

  it.each([
    { points: [[1, 2]] },
    { points: [[1, 2, 3, 4, 5]] },
    { points: [["1", 2, 3]] },
    {},
    { points: [], images: [{ ...camera, heading: { w: 1 } }] },
    { points: [], images: [{ ...camera, fx: undefined }] },
  ])("rejects %j", (frame) => {
    expect(LidarFrameSchema.safeParse(frame).success).toBe(false);
  });
});

describe("lidarsegmentation response", () => {
  const counted = params({ frame_point_counts: [3, 2] });
  const check = (response: unknown, p = counted) =>
    lidarsegmentationTaskType.checkResponse(p, LidarSegmentationResponseSchema.parse(response));
  const entry = (frame: number, labels: number[]) => ({
    frame,
    encoding: "rle",
    labels: encodeLabels(labels),
  });
  const labelMap = { "1": "road", "2": "car" };

  it("accepts every frame labeled, in any order and numbering", () => {
    expect(check({ frames: [entry(1, [2, 2]), entry(0, [1, 2, 1])], label_map: labelMap })).toEqual(
      [],
    );
    expect(
      check({
        frames: [entry(0, [9, 9, 9]), entry(1, [4, 9])],
        label_map: { "4": "car", "9": "road" },
      }),
    ).toEqual([]);
  });

  it("accepts unlabeled points only with allow_unlabeled", () => {
    const response = { frames: [entry(0, [0, 1, 1]), entry(1, [2, 2])], label_map: labelMap };
    expect(check(response, { ...counted, allow_unlabeled: true })).toEqual([]);
    expect(check(response)).toEqual([
      {
        path: ["frames", 0, "labels"],
        message: "point 0 is unlabeled (index 0), but allow_unlabeled is false",
      },
    ]);
  });

  it("checks sizes only when frame_point_counts are given", () => {
    const response = { frames: [entry(0, [1]), entry(1, [])], label_map: labelMap };
    expect(check(response, params())).toEqual([]);
    expect(check(response)).toEqual([
      {
        path: ["frames", 0, "labels"],
        message: "must label 3 points (frame_point_counts[0]), got 1",
      },
      {
        path: ["frames", 1, "labels"],
        message: "must label 2 points (frame_point_counts[1]), got 0",
      },
    ]);
    expect(
      check({ frames: [entry(0, [1, 1, 1, 1]), entry(1, [1, 1])], label_map: labelMap }),
    ).toEqual([{ path: ["frames", 0, "labels"], message: "decodes to more than 3 points" }]);
  });

  it.each([
    {
      name: "a missing frame",
      response: { frames: [entry(0, [1, 1, 1])], label_map: labelMap },
      issue: { path: ["frames"], message: "must have one entry per frame; missing frame(s) 1" },
    },
    {
      name: "a frame out of range",
      response: {
        frames: [entry(0, [1, 1, 1]), entry(1, [1, 1]), entry(2, [1])],
        label_map: labelMap,
      },
      issue: { path: ["frames", 2, "frame"], message: "must be a frame index from 0 to 1" },
    },
    {
      name: "a frame twice",
      response: {
        frames: [entry(0, [1, 1, 1]), entry(1, [1, 1]), entry(1, [1, 1])],
        label_map: labelMap,
      },
      issue: { path: ["frames", 2, "frame"], message: "frame 1 appears more than once" },
    },
    {
      name: "undecodable labels",
      response: {
        frames: [{ ...entry(0, [1, 1, 1]), labels: "???" }, entry(1, [1, 1])],
        label_map: labelMap,
      },
      issue: { path: ["frames", 0, "labels"], message: "is not valid base64" },
    },
    {
      name: "an index missing from the label map",
      response: { frames: [entry(0, [1, 1, 3]), entry(1, [1, 1])], label_map: labelMap },
      issue: {
        path: ["frames", 0, "labels"],
        message: "point 2 has label index 3, which is not in label_map",
      },
    },
    {
      name: "a label map key that is not an index",
      response: {
        frames: [entry(0, [1, 1, 1]), entry(1, [1, 1])],
        label_map: { ...labelMap, "0": "car" },
      },
      issue: {
        path: ["label_map", "0"],
        message: "key must be a label index from 1 to 65535 (0 is reserved for unlabeled points)",
      },
    },
    {
      name: "an unknown label",
      response: {
        frames: [entry(0, [1, 1, 1]), entry(1, [1, 1])],
        label_map: { "1": "road", "2": "truck" },
      },
      issue: { path: ["label_map", "2"], message: '"truck" is not one of the labels: road, car' },
    },
    {
      name: "a label under two indices",
      response: {
        frames: [entry(0, [1, 1, 1]), entry(1, [1, 1])],
        label_map: { "1": "road", "2": "road" },
      },
      issue: { path: ["label_map", "2"], message: '"road" is already label index 1' },
    },
  ])("rejects $name", ({ response, issue }) => {
    expect(check(response)).toEqual([issue]);
  });

  it("rejects responses of the wrong shape", () => {
    for (const response of [
      { frames: [] },
      { frames: [{ frame: 0, encoding: "json", labels: "" }], label_map: {} },
      { frames: [{ frame: -1, encoding: "rle", labels: "" }], label_map: {} },
      { frames: [{ frame: 0, encoding: "rle", labels: [1, 2] }], label_map: {} },
    ]) {
      expect(LidarSegmentationResponseSchema.safeParse(response).success).toBe(false);
    }
  });

  it.each([params(), counted])("the placeholder is valid for %j", (p) => {
    const placeholder = lidarsegmentationTaskType.placeholderResponse(p);
    expect(lidarsegmentationTaskType.checkResponse(p, placeholder)).toEqual([]);
  });
});
