import type { Annotation, BoxAnnotation } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import { fillBetween, interpolate, keyframesOf, setKeyframe } from "./interpolation";
import type { TrackFrame } from "./interpolation";

const box = (
  left: number,
  top: number,
  width: number,
  height: number,
  extra: Partial<BoxAnnotation> = {},
): BoxAnnotation => ({
  uuid: "t",
  type: "box",
  label: "car",
  left,
  top,
  width,
  height,
  ...extra,
});
const at = (frame: number, annotation: Annotation): TrackFrame => ({ frame, annotation });
const lefts = (track: TrackFrame[]) =>
  track.map((entry) => [entry.frame, (entry.annotation as BoxAnnotation).left]);

describe("interpolate", () => {
  it("moves a box linearly in left, top, width and height", () => {
    expect(interpolate(box(0, 10, 100, 50), box(90, 40, 10, 80), 1 / 3)).toEqual(
      box(30, 20, 70, 60),
    );
  });

  it("turns by the shortest way", () => {
    const turned = interpolate(
      box(0, 0, 10, 10, { rotation: 3 }),
      box(0, 0, 10, 10, { rotation: -3 }),
      0.5,
    );
    // From 3 to -3 rad the short way passes π, not 0.
    expect((turned as BoxAnnotation).rotation).toBeCloseTo(3 + (2 * Math.PI - 6) / 2, 9);
  });

  it("moves matching polygon vertices and holds shapes it cannot blend", () => {
    const a: Annotation = {
      uuid: "p",
      type: "polygon",
      label: "x",
      vertices: [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 0, y: 10 },
      ],
    };
    const b: Annotation = {
      uuid: "p",
      type: "polygon",
      label: "x",
      vertices: [
        { x: 10, y: 0 },
        { x: 20, y: 0 },
        { x: 10, y: 10 },
      ],
    };
    expect(interpolate(a, b, 0.5)).toMatchObject({
      vertices: [
        { x: 5, y: 0 },
        { x: 15, y: 0 },
        { x: 5, y: 10 },
      ],
    });
    const c: Annotation = { ...b, vertices: [...b.vertices, { x: 1, y: 1 }] };
    expect(interpolate(a, c, 0.5)).toBe(a);
  });

  it("keeps the earlier keyframe's attributes", () => {
    const a = box(0, 0, 10, 10, { attributes: { occluded: "no" } });
    const b = box(10, 0, 10, 10, { attributes: { occluded: "yes" } });
    expect(interpolate(a, b, 0.5).attributes).toEqual({ occluded: "no" });
  });
});

describe("keyframes", () => {
  it("fills the frames between two keyframes, rounded as stored", () => {
    const filled = fillBetween(at(0, box(0, 0, 10, 10)), at(3, box(10, 0, 10, 10)));
    expect(lefts(filled)).toEqual([
      [0, 0],
      [1, 3.33],
      [2, 6.67],
    ]);
  });

  it("finds exactly the keyframes in a materialized track", () => {
    const track = [
      ...fillBetween(at(0, box(0, 0, 10, 10)), at(3, box(30, 0, 10, 10))),
      ...fillBetween(at(3, box(30, 0, 10, 10)), at(6, box(0, 0, 10, 10))),
      at(6, box(0, 0, 10, 10)),
    ];
    expect(keyframesOf(track).map((entry) => entry.frame)).toEqual([0, 3, 6]);
  });

  it("treats the ends of a gap and a change of attributes as keyframes", () => {
    const track = [
      at(0, box(0, 0, 10, 10)),
      at(1, box(1, 0, 10, 10)),
      at(2, box(2, 0, 10, 10)),
      at(5, box(5, 0, 10, 10)),
      at(6, box(6, 0, 10, 10, { attributes: { occluded: "yes" } })),
      at(7, box(7, 0, 10, 10, { attributes: { occluded: "yes" } })),
      at(8, box(8, 0, 10, 10, { attributes: { occluded: "yes" } })),
    ];
    expect(keyframesOf(track).map((entry) => entry.frame)).toEqual([0, 2, 5, 6, 8]);
  });
});

describe("setKeyframe", () => {
  it("a keyframe past the end of a track interpolates the frames in between", () => {
    const track = setKeyframe([at(0, box(100, 80, 200, 120))], at(9, box(190, 80, 110, 120)));
    expect(track.map((entry) => entry.frame)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(track[3]?.annotation).toEqual(box(130, 80, 170, 120));
  });

  it("editing an interpolated frame makes it a keyframe and re-interpolates both sides", () => {
    const track = setKeyframe([at(0, box(0, 0, 10, 10))], at(4, box(40, 0, 10, 10)));
    const edited = setKeyframe(track, at(2, box(0, 40, 10, 10)));
    expect(
      edited.map((entry) => [
        entry.frame,
        (entry.annotation as BoxAnnotation).left,
        (entry.annotation as BoxAnnotation).top,
      ]),
    ).toEqual([
      [0, 0, 0],
      [1, 0, 20],
      [2, 0, 40],
      [3, 20, 20],
      [4, 40, 0],
    ]);
    expect(keyframesOf(edited).map((entry) => entry.frame)).toEqual([0, 2, 4]);
  });

  it("before the first keyframe: a keyframe placed earlier extends the track backwards", () => {
    const track = setKeyframe(
      [at(5, box(50, 0, 10, 10)), at(6, box(60, 0, 10, 10))],
      at(3, box(30, 0, 10, 10)),
    );
    expect(lefts(track)).toEqual([
      [3, 30],
      [4, 40],
      [5, 50],
      [6, 60],
    ]);
  });

  it("a track that ends stays ended when a frame before its end is edited", () => {
    const track = [at(0, box(0, 0, 10, 10)), at(1, box(1, 0, 10, 10)), at(5, box(5, 0, 10, 10))];
    const edited = setKeyframe(track, at(1, box(2, 0, 10, 10)));
    expect(lefts(edited)).toEqual([
      [0, 0],
      [1, 2],
      [5, 5],
    ]);
  });

  it("interpolates rotation between rotated keyframes", () => {
    const track = setKeyframe(
      [at(0, box(0, 0, 10, 10, { rotation: 0 }))],
      at(2, box(0, 0, 10, 10, { rotation: 1 })),
    );
    expect((track[1]?.annotation as BoxAnnotation).rotation).toBeCloseTo(0.5, 4);
  });
});
