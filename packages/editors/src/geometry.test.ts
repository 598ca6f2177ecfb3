import type { CuboidAnnotation } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import { labelColors, hexToRgb, PALETTE } from "./colors";
import {
  boxCorners,
  cuboidSegments,
  drawingSize,
  labelAnchor,
  pointsAttribute,
  radiansToDegrees,
  rotateTransform,
} from "./geometry";

const rounded = (points: { x: number; y: number }[]) =>
  points.map((point) => ({
    x: Math.round(point.x * 1000) / 1000 + 0,
    y: Math.round(point.y * 1000) / 1000 + 0,
  }));

describe("boxes", () => {
  it("gives an unrotated box's corners clockwise from the top-left", () => {
    expect(boxCorners({ left: 10, top: 20, width: 30, height: 40 })).toEqual([
      { x: 10, y: 20 },
      { x: 40, y: 20 },
      { x: 40, y: 60 },
      { x: 10, y: 60 },
    ]);
  });

  it("turns a box clockwise on screen about its centre", () => {
    // A 2×2 box centred on (1, 1), turned a quarter: its top-left goes to the top-right.
    const corners = boxCorners({ left: 0, top: 0, width: 2, height: 2, rotation: Math.PI / 2 });
    expect(rounded(corners)).toEqual([
      { x: 2, y: 0 },
      { x: 2, y: 2 },
      { x: 0, y: 2 },
      { x: 0, y: 0 },
    ]);
  });

  it("writes SVG rotate() in degrees about the centre, and nothing when unrotated", () => {
    expect(radiansToDegrees(Math.PI)).toBe(180);
    expect(rotateTransform(0.3, { x: 55, y: 50 })).toBe("rotate(17.19 55 50)");
    expect(rotateTransform(0, { x: 1, y: 1 })).toBeUndefined();
    expect(rotateTransform(undefined, { x: 1, y: 1 })).toBeUndefined();
  });
});

describe("points and sizes", () => {
  it("formats an SVG points attribute with at most 2 decimals", () => {
    expect(
      pointsAttribute([
        { x: 1, y: 2 },
        { x: 3.14159, y: 4 },
      ]),
    ).toBe("1,2 3.14,4");
  });

  it("anchors a label at the top-most, then left-most point", () => {
    expect(
      labelAnchor({
        uuid: "p",
        type: "polygon",
        label: "x",
        vertices: [
          { x: 50, y: 10 },
          { x: 20, y: 10 },
          { x: 30, y: 80 },
        ],
      }),
    ).toEqual({ x: 20, y: 10 });
  });

  it("uses the known image size, else just past the furthest annotation", () => {
    expect(drawingSize({ width: 640, height: 480 }, [])).toEqual({ width: 640, height: 480 });
    expect(drawingSize(undefined, [])).toEqual({ width: 100, height: 100 });
    expect(
      drawingSize(undefined, [
        { uuid: "b", type: "box", label: "x", left: 100, top: 50, width: 100, height: 150 },
      ]),
    ).toEqual({ width: 210, height: 210 });
  });
});

describe("cuboids", () => {
  const face = [
    { description: "face-topleft" as const, x: 0, y: 0 },
    { description: "face-topright" as const, x: 10, y: 0 },
    { description: "face-bottomright" as const, x: 10, y: 10 },
    { description: "face-bottomleft" as const, x: 0, y: 10 },
  ];
  const cuboid = (vertices: CuboidAnnotation["vertices"]): CuboidAnnotation => ({
    uuid: "c",
    type: "cuboid",
    label: "car",
    vertices,
  });

  it("joins Scale's side corners to the face edge on their side", () => {
    const right = cuboidSegments(
      cuboid([
        ...face,
        { description: "side-topcorner", x: 15, y: -2 },
        { description: "side-bottomcorner", x: 15, y: 8 },
      ]),
    );
    expect(right).toHaveLength(7);
    expect(right[4]).toEqual({
      from: { description: "face-topright", x: 10, y: 0 },
      to: { description: "side-topcorner", x: 15, y: -2 },
    });

    const left = cuboidSegments(
      cuboid([
        ...face,
        { description: "side-topcorner", x: -5, y: -2 },
        { description: "side-bottomcorner", x: -5, y: 8 },
      ]),
    );
    expect(left[4]?.from).toMatchObject({ description: "face-topleft" });
    expect(left[5]?.from).toMatchObject({ description: "face-bottomleft" });
  });

  it("draws 8-vertex cuboids as two faces joined corner to corner", () => {
    const segments = cuboidSegments(
      cuboid([
        ...face,
        { description: "back-topleft", x: 3, y: -3 },
        { description: "back-topright", x: 13, y: -3 },
        { description: "back-bottomright", x: 13, y: 7 },
        { description: "back-bottomleft", x: 3, y: 7 },
      ]),
    );
    expect(segments).toHaveLength(12);
    expect(segments[8]).toMatchObject({ from: { x: 0, y: 0 }, to: { x: 3, y: -3 } });
  });
});

describe("colours", () => {
  it("hands out the palette in label order, once per label", () => {
    const colors = labelColors(["a", "b", "a", "c"]);
    expect([...colors]).toEqual([
      ["a", PALETTE[0]],
      ["b", PALETTE[1]],
      ["c", PALETTE[2]],
    ]);
  });

  it("reads hex colours, with grey for anything else", () => {
    expect(hexToRgb("#ff8800")).toEqual([255, 136, 0]);
    expect(hexToRgb("red")).toEqual([71, 85, 105]);
  });
});
