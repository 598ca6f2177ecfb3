import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { documenttranscriptionTaskType as doc } from "../documenttranscription";
import { imageannotationTaskType as image } from "../imageannotation";
import { segmentannotationTaskType as segment } from "../segmentannotation";
import { videoannotationTaskType as video } from "../videoannotation";
import type { Annotation } from "./geometry-shapes";
import { decodeMask, encodeMask } from "./mask-rle";

const W = 200;
const H = 100;
const imageParams = image.params.parse({
  attachment: "https://example.com/a.jpg",
  image_width: W,
  image_height: H,
  geometries: {
    box: { objects_to_annotate: ["car", "truck"], can_rotate: true },
    polygon: { objects_to_annotate: ["car"] },
    line: { objects_to_annotate: ["lane"] },
    point: { objects_to_annotate: ["hand"] },
    ellipse: { objects_to_annotate: ["wheel"] },
    cuboid: { objects_to_annotate: ["car"] },
  },
});

const x = fc.integer({ min: 0, max: W });
const y = fc.integer({ min: 0, max: H });
const vertex = fc.record({ x, y });
const geometryArb: fc.Arbitrary<Annotation> = fc.oneof(
  fc.record({
    uuid: fc.constant(""),
    type: fc.constant("box" as const),
    label: fc.constantFrom("car", "truck"),
    left: fc.integer({ min: 0, max: 150 }),
    top: fc.integer({ min: 0, max: 50 }),
    width: fc.integer({ min: 1, max: 50 }),
    height: fc.integer({ min: 1, max: 50 }),
  }),
  fc.record({
    uuid: fc.constant(""),
    type: fc.constant("box" as const),
    label: fc.constant("car"),
    left: fc.integer({ min: 20, max: 120 }),
    top: fc.integer({ min: 20, max: 40 }),
    width: fc.integer({ min: 1, max: 40 }),
    height: fc.integer({ min: 1, max: 40 }),
    rotation: fc.double({ min: -3, max: 3, noNaN: true }),
  }),
  fc.record({
    uuid: fc.constant(""),
    type: fc.constant("polygon" as const),
    label: fc.constant("car"),
    vertices: fc.array(vertex, { minLength: 3, maxLength: 6 }),
  }),
  fc.record({
    uuid: fc.constant(""),
    type: fc.constant("line" as const),
    label: fc.constant("lane"),
    vertices: fc.array(vertex, { minLength: 2, maxLength: 4 }),
  }),
  fc.record({
    uuid: fc.constant(""),
    type: fc.constant("point" as const),
    label: fc.constant("hand"),
    x,
    y,
  }),
  fc.record({
    uuid: fc.constant(""),
    type: fc.constant("ellipse" as const),
    label: fc.constant("wheel"),
    x: fc.integer({ min: 30, max: 170 }),
    y: fc.integer({ min: 30, max: 70 }),
    rx: fc.integer({ min: 1, max: 30 }),
    ry: fc.integer({ min: 1, max: 30 }),
  }),
);
const annotationsArb = fc
  .array(geometryArb, { maxLength: 6 })
  .map((list) => list.map((annotation, i) => ({ ...annotation, uuid: `u${i}` })));
const imageResponseArb = annotationsArb.map((annotations) => ({ annotations }));

describe("geometry properties", () => {
  it("a box is reported outside exactly when an edge leaves the image", () => {
    const coordinate = fc.integer({ min: -20, max: 220 });
    fc.assert(
      fc.property(
        coordinate,
        coordinate,
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 80 }),
        (left, top, width, height) => {
          const response = {
            annotations: [
              { uuid: "b", type: "box" as const, label: "car", left, top, width, height },
            ],
          };
          const outside = left < 0 || top < 0 || left + width > W || top + height > H;
          const issues = image.checkResponse(imageParams, response);
          expect(issues.some((issue) => issue.message.includes("must lie inside"))).toBe(outside);
        },
      ),
    );
  });

  it("consolidating three copies of a response returns it, with agreement 1", () => {
    fc.assert(
      fc.property(imageResponseArb, (response) => {
        const result = image.consolidate(imageParams, [response, response, response]);
        expect(result.response).toEqual(response);
        expect(result.agreement).toBe(1);
        expect(result.tied).toBe(false);
      }),
    );
  });

  it("gold scores and agreement stay within [0, 1]; a response scores 1 against itself", () => {
    fc.assert(
      fc.property(imageResponseArb, imageResponseArb, imageResponseArb, (a, b, c) => {
        const score = image.scoreAgainstGold(imageParams, a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(image.scoreAgainstGold(imageParams, a, a)).toBe(1);
        const { agreement } = image.consolidate(imageParams, [a, b, c]);
        expect(agreement).toBeGreaterThanOrEqual(0);
        expect(agreement).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("video: three copies consolidate to the same frames and tracks, with agreement 1", () => {
    const params = video.params.parse({
      attachments: [
        "https://example.com/0.jpg",
        "https://example.com/1.jpg",
        "https://example.com/2.jpg",
      ],
      geometries: imageParams.geometries,
    });
    // Valid tracks: a uuid names one type and label in every frame it appears in.
    const trackAnnotationsArb = annotationsArb.map((list) =>
      list.map((annotation, i) => ({
        ...annotation,
        uuid: `${annotation.type}:${annotation.label}:${i}`,
      })),
    );
    const framesArb = fc
      .uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 })
      .chain((indices) =>
        fc.tuple(
          ...indices
            .sort()
            .map((frame) => trackAnnotationsArb.map((annotations) => ({ frame, annotations }))),
        ),
      );
    fc.assert(
      fc.property(framesArb, (frames) => {
        const response = { frames };
        expect(video.checkResponse(params, response)).toEqual([]);
        const result = video.consolidate(params, [response, response, response]);
        expect(result.response).toEqual(response);
        expect(result.agreement).toBe(1);
        const score = video.scoreAgainstGold(params, response, { frames: [] });
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("segmentation: three copies consolidate to the same pixels; accuracy stays in [0, 1]", () => {
    const params = segment.params.parse({
      attachment: "https://example.com/a.png",
      labels: ["a", "b", "c"],
      image_width: 6,
      image_height: 4,
    });
    const maskArb = fc
      .array(fc.integer({ min: 1, max: 3 }), { minLength: 24, maxLength: 24 })
      .map((indices) => ({
        mask: encodeMask(indices, 6, 4),
        label_map: { "1": "a", "2": "b", "3": "c" },
      }));
    fc.assert(
      fc.property(maskArb, maskArb, (a, b) => {
        const result = segment.consolidate(params, [a, a, a]);
        expect([...decodeMask(result.response.mask)]).toEqual([...decodeMask(a.mask)]);
        expect(result.agreement).toBe(1);
        expect(segment.checkResponse(params, segment.consolidate(params, [a, b]).response)).toEqual(
          [],
        );
        const score = segment.scoreAgainstGold(params, a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("documents: three copies consolidate to the same blocks, with agreement 1", () => {
    const params = doc.params.parse({
      attachment: "https://example.com/p.png",
      features: [{ type: "block", label: "field" }],
    });
    const blockArb = fc.record({
      page: fc.constant(0),
      label: fc.constant("field"),
      text: fc.string({ maxLength: 8 }),
      location: fc.record({
        type: fc.constant("box" as const),
        top: y,
        left: x,
        width: fc.integer({ min: 1, max: 50 }),
        height: fc.integer({ min: 1, max: 50 }),
      }),
    });
    const responseArb = fc
      .array(blockArb, { maxLength: 5 })
      .map((blocks) => ({ annotations: blocks.map((block, i) => ({ ...block, uuid: `d${i}` })) }));
    fc.assert(
      fc.property(responseArb, responseArb, (a, b) => {
        const result = doc.consolidate(params, [a, a, a]);
        expect(result.response).toEqual(a);
        expect(result.agreement).toBe(1);
        const score = doc.scoreAgainstGold(params, a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      }),
    );
  });
});
