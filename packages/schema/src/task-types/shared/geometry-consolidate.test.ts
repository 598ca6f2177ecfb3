import { describe, expect, it } from "vitest";

import { imageannotationTaskType as t } from "../imageannotation";
import type { ImageAnnotationResponse } from "../imageannotation";
import { voteAttributeValues } from "./geometry-attribute-votes";
import type { Annotation } from "./geometry-shapes";

const params = t.params.parse({
  attachment: "https://example.com/a.jpg",
  image_width: 1000,
  image_height: 1000,
  geometries: {
    box: { objects_to_annotate: ["car", "truck"] },
    polygon: { objects_to_annotate: ["roof"] },
    point: { objects_to_annotate: ["hand"] },
  },
  annotation_attributes: {
    occluded: { description: "Occluded?", choices: ["yes", "no"] },
    by: {
      type: "text",
      description: "By?",
      conditions: { attribute_conditions: [{ occluded: "yes" }] },
    },
    night: { description: "Night?", choices: ["yes", "no"], conditions: { is_global: true } },
  },
});

const box = (uuid: string, left: number, extra: Partial<Annotation> = {}): Annotation =>
  ({
    uuid,
    type: "box",
    label: "car",
    left,
    top: 0,
    width: 10,
    height: 10,
    ...extra,
  }) as Annotation;
const response = (...annotations: Annotation[]): ImageAnnotationResponse => ({ annotations });
const consolidate = (...responses: ImageAnnotationResponse[]) => t.consolidate(params, responses);

describe("image consolidation", () => {
  it("averages the edges of matched boxes; agreement is the mean pairwise IoU-weighted F1", () => {
    const result = consolidate(response(box("a", 0)), response(box("b", 1)), response(box("c", 2)));
    expect(result.response.annotations).toEqual([box("a", 1)]);
    // IoU(0,1) = IoU(1,2) = 90/110, IoU(0,2) = 80/120.
    expect(result.agreement).toBeCloseTo((90 / 110 + 90 / 110 + 80 / 120) / 3, 12);
    expect(result.tied).toBe(false);
  });

  it("drops an annotation only a minority drew, and says so", () => {
    const result = consolidate(
      response(box("a", 0), box("x", 500)),
      response(box("b", 0)),
      response(box("c", 0)),
    );
    expect(result.response.annotations).toEqual([box("a", 0)]);
    expect(result.notes).toEqual([
      "1 annotation(s) drawn by a minority of the responses were left out",
    ]);
    // Pairs: (r0, r1) and (r0, r2) score 2·1/3, (r1, r2) scores 1.
    expect(result.agreement).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 12);
  });

  it("reports a tie when exactly half of the responses drew an object", () => {
    const result = consolidate(response(box("a", 0), box("x", 500)), response(box("b", 0)));
    expect(result.response.annotations).toEqual([box("a", 0)]);
    expect(result.tied).toBe(true);
    expect(result.notes[0]).toContain(
      'box "car" (x) was drawn by exactly half of the responses (1 of 2)',
    );
  });

  it("never merges different labels, nor boxes that overlap too little", () => {
    const result = consolidate(
      response(box("a", 0), box("far", 300)),
      response(box("b", 0, { label: "truck" }), box("far2", 303)),
      response(box("c", 0), box("far3", 306)),
    );
    // The car at 0 is kept (2 of 3). The far boxes chain 300–303–306 (IoU 7/13 each step), but
    // 300 vs 306 has IoU 0.25, so complete linkage keeps 306 out and {300, 303} wins 2 of 3.
    expect(result.response.annotations.map((a) => a.uuid)).toEqual(["a", "far"]);
    expect(result.response.annotations[1]).toMatchObject({ left: 301.5, width: 10 });
  });

  it("aligns polygon vertices (start and direction) before averaging", () => {
    const square = (x: number) => [
      { x, y: 0 },
      { x: x + 10, y: 0 },
      { x: x + 10, y: 10 },
      { x, y: 10 },
    ];
    const roof = (uuid: string, vertices: { x: number; y: number }[]): Annotation => ({
      uuid,
      type: "polygon",
      label: "roof",
      vertices,
    });
    const [p0, p1, p2, p3] = square(2);
    const result = consolidate(
      response(roof("a", square(0))),
      response(
        roof(
          "b",
          [p2, p1, p0, p3].flatMap((p) => (p === undefined ? [] : [p])),
        ),
      ),
      response(roof("c", square(1))),
    );
    expect(result.response.annotations[0]).toEqual(roof("a", square(1)));
  });

  it("takes the medoid when polygons have different vertex counts, and averages points", () => {
    const tri = (uuid: string, dx: number): Annotation => ({
      uuid,
      type: "polygon",
      label: "roof",
      vertices: [
        { x: dx, y: 0 },
        { x: dx + 10, y: 0 },
        { x: dx, y: 10 },
      ],
    });
    // The same triangle drawn with a 4th vertex on its hypotenuse, 1 px to the right.
    const quad: Annotation = {
      uuid: "q",
      type: "polygon",
      label: "roof",
      vertices: [
        { x: 1, y: 0 },
        { x: 11, y: 0 },
        { x: 6, y: 5 },
        { x: 1, y: 10 },
      ],
    };
    const hand = (uuid: string, x: number): Annotation => ({
      uuid,
      type: "point",
      label: "hand",
      x,
      y: 50,
    });
    const result = consolidate(
      response(quad, hand("h1", 10)),
      response(tri("t1", 0), hand("h2", 13)),
      response(tri("t2", 0.5), hand("h3", 16)),
    );
    // t2 sits between the others, so it is the medoid; the uuid comes from response 0.
    expect(result.response.annotations).toEqual([{ ...tri("t2", 0.5), uuid: "q" }, hand("h1", 13)]);
  });

  it("votes attributes, reports ties, and keeps the result consistent with conditions", () => {
    const yes = { occluded: "yes", by: "tree" };
    const result = consolidate(
      response(box("a", 0, { attributes: yes })),
      response(box("b", 0, { attributes: { occluded: "no" } })),
      response(box("c", 0, { attributes: yes })),
    );
    expect(result.response.annotations[0]?.attributes).toEqual(yes);
    const tie = consolidate(
      response(box("a", 0, { attributes: { occluded: "no" } })),
      response(box("b", 0, { attributes: yes })),
    );
    expect(tie.response.annotations[0]?.attributes).toEqual({ occluded: "no" });
    expect(tie.tied).toBe(true);
    expect(tie.notes).toContain(
      'attribute "occluded" of a was a tie; took the representative\'s value',
    );
    // `by` wins its vote but its condition (occluded = yes) lost: it is dropped.
    const vote = voteAttributeValues(
      [{ occluded: "no", by: "x" }, { occluded: "no", by: "x" }, yes],
      0,
      params.annotation_attributes,
      { global: false },
    );
    expect(vote).toEqual({ values: { occluded: "no" }, tied: [], dropped: ["by"] });
  });

  it("votes global attributes and gives colliding uuids fresh ones", () => {
    const result = consolidate(
      { annotations: [box("1", 0)], global_attributes: { night: "yes" } },
      { annotations: [box("1", 500), box("2", 0)], global_attributes: { night: "no" } },
      { annotations: [box("9", 500), box("1", 0)], global_attributes: { night: "no" } },
    );
    expect(result.response.global_attributes).toEqual({ night: "no" });
    // The car at 500 comes first from response 1 as "1", which the car at 0 already took.
    expect(result.response.annotations.map((a) => [a.uuid, "left" in a ? a.left : 0])).toEqual([
      ["1", 0],
      ["9", 500],
    ]);
  });

  it("returns a single response unchanged with agreement 1", () => {
    const only = response(box("a", 0, { attributes: { occluded: "no" } }), box("b", 40));
    expect(consolidate(only)).toEqual({ response: only, agreement: 1, tied: false, notes: [] });
  });
});

describe("image gold scoring", () => {
  const gold = response(box("g1", 0), box("g2", 500));
  it.each([
    ["an exact copy", response(box("a", 0), box("b", 500)), 1],
    ["one of two boxes", response(box("a", 0)), 2 / 3],
    ["both boxes shifted by 1 px", response(box("a", 1), box("b", 501)), 90 / 110],
    [
      "the right boxes with the wrong label",
      response(box("a", 0, { label: "truck" }), box("b", 500, { label: "truck" })),
      0,
    ],
    ["an extra box", response(box("a", 0), box("b", 500), box("c", 800)), 4 / 5],
    ["nothing", response(), 0],
  ])("scores %s", (_name, answer, expected) => {
    expect(t.scoreAgainstGold(params, answer, gold)).toBeCloseTo(expected, 12);
  });

  it("scores an empty answer to an empty gold as 1", () => {
    expect(t.scoreAgainstGold(params, response(), response())).toBe(1);
  });
});
