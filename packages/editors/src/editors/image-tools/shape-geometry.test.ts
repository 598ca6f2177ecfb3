import type { Annotation, BoxAnnotation } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import { boxCorners } from "../../geometry";
import {
  clampTranslation,
  cuboidFromFace,
  ellipseFromRect,
  hitTest,
  insertVertex,
  nearestEdge,
  normalizeAngle,
  pointInPolygon,
  rectFromCorners,
  removeVertex,
  resizeBox,
  rotationTowards,
  roundAnnotation,
  translateAnnotation,
} from "./shape-geometry";

const size = { width: 400, height: 300 };
const box = (extra: Partial<BoxAnnotation> = {}): BoxAnnotation => ({
  uuid: "b",
  type: "box",
  label: "car",
  left: 100,
  top: 80,
  width: 200,
  height: 120,
  ...extra,
});
const square = [
  { x: 0, y: 0 },
  { x: 10, y: 0 },
  { x: 10, y: 10 },
  { x: 0, y: 10 },
];

describe("rectFromCorners", () => {
  it("spans two corners in any order", () => {
    expect(rectFromCorners({ x: 300, y: 200 }, { x: 100, y: 80 }, size)).toEqual({
      left: 100,
      top: 80,
      width: 200,
      height: 120,
    });
  });
  it("clamps a drag that leaves the image", () => {
    expect(rectFromCorners({ x: 350, y: -20 }, { x: 450, y: 50 }, size)).toEqual({
      left: 350,
      top: 0,
      width: 50,
      height: 50,
    });
  });
});

describe("hit testing", () => {
  it("finds a point inside a polygon and not outside", () => {
    expect(pointInPolygon({ x: 5, y: 5 }, square)).toBe(true);
    expect(pointInPolygon({ x: 15, y: 5 }, square)).toBe(false);
  });

  it("picks the top-most shape and honours rotation and line tolerance", () => {
    const annotations: Annotation[] = [
      box({ uuid: "under" }),
      box({ uuid: "over", left: 150, top: 100, width: 50, height: 50 }),
      {
        uuid: "line",
        type: "line",
        label: "lane",
        vertices: [
          { x: 0, y: 290 },
          { x: 400, y: 290 },
        ],
      },
      {
        uuid: "turned",
        type: "box",
        label: "car",
        left: 300,
        top: 0,
        width: 80,
        height: 20,
        rotation: Math.PI / 2,
      },
    ];
    expect(hitTest(annotations, { x: 160, y: 110 }, 3)?.uuid).toBe("over");
    expect(hitTest(annotations, { x: 110, y: 90 }, 3)?.uuid).toBe("under");
    expect(hitTest(annotations, { x: 200, y: 287 }, 3)?.uuid).toBe("line");
    expect(hitTest(annotations, { x: 200, y: 280 }, 3)).toBeUndefined();
    // Turned a quarter about its centre (340, 10), the box covers x 330..350, y -30..50.
    expect(hitTest(annotations, { x: 340, y: 40 }, 1)?.uuid).toBe("turned");
    expect(hitTest(annotations, { x: 370, y: 10 }, 1)).toBeUndefined();
  });

  it("hits a point within the tolerance and an ellipse inside its radii", () => {
    const point: Annotation = { uuid: "p", type: "point", label: "eye", x: 50, y: 50 };
    const ellipse: Annotation = {
      uuid: "e",
      type: "ellipse",
      label: "face",
      x: 200,
      y: 100,
      rx: 40,
      ry: 10,
    };
    expect(hitTest([point], { x: 53, y: 52 }, 4)?.uuid).toBe("p");
    expect(hitTest([point], { x: 60, y: 50 }, 4)).toBeUndefined();
    expect(hitTest([ellipse], { x: 235, y: 100 }, 1)?.uuid).toBe("e");
    expect(hitTest([ellipse], { x: 200, y: 125 }, 1)).toBeUndefined();
  });
});

describe("vertex editing", () => {
  it("finds the nearest edge, including the closing one of a polygon", () => {
    expect(nearestEdge(square, { x: 5, y: -1 }, true)?.index).toBe(0);
    expect(nearestEdge(square, { x: -1, y: 5 }, true)?.index).toBe(3);
    expect(nearestEdge(square, { x: -1, y: 9 }, false)?.index).toBe(2);
  });

  it("inserts a vertex after the edge's first vertex", () => {
    expect(insertVertex(square, 1, { x: 10, y: 5 })).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 5 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ]);
  });

  it("removes a vertex unless that goes below the minimum", () => {
    expect(removeVertex(square, 0, 3)).toEqual(square.slice(1));
    expect(removeVertex(square.slice(1), 0, 3)).toBeUndefined();
  });
});

describe("resizeBox", () => {
  it("moves only the dragged sides of an upright box", () => {
    expect(resizeBox(box(), "se", { x: 350, y: 250 }, size)).toMatchObject({
      left: 100,
      top: 80,
      width: 250,
      height: 170,
    });
    expect(resizeBox(box(), "w", { x: 50, y: 999 }, size)).toMatchObject({
      left: 50,
      top: 80,
      width: 250,
      height: 120,
    });
  });

  it("keeps a minimum size and the image's edges", () => {
    expect(resizeBox(box(), "e", { x: 20, y: 100 }, size)).toMatchObject({ left: 100, width: 1 });
    expect(resizeBox(box(), "n", { x: 150, y: -40 }, size)).toMatchObject({ top: 0, height: 200 });
  });

  it("keeps the opposite corner of a rotated box in place", () => {
    const turned = box({ rotation: Math.PI / 6 });
    const fixedBefore = boxCorners(turned)[0];
    const dragged = boxCorners(turned)[2];
    if (!fixedBefore || !dragged) throw new Error("corners");
    const resized = resizeBox(turned, "se", { x: dragged.x + 30, y: dragged.y + 10 }, size);
    const fixedAfter = boxCorners(resized)[0];
    expect(fixedAfter?.x).toBeCloseTo(fixedBefore.x, 6);
    expect(fixedAfter?.y).toBeCloseTo(fixedBefore.y, 6);
    expect(resized.width).toBeGreaterThan(turned.width);
    expect(resized.rotation).toBe(turned.rotation);
  });
});

describe("rotation", () => {
  it("points the top handle at the pointer", () => {
    // Centre (200, 140): straight above is no rotation, right of it a quarter turn clockwise.
    expect(rotationTowards(box(), { x: 200, y: 0 })).toBeCloseTo(0, 9);
    expect(rotationTowards(box(), { x: 400, y: 140 })).toBeCloseTo(Math.PI / 2, 9);
    expect(rotationTowards(box(), { x: 0, y: 140 })).toBeCloseTo(-Math.PI / 2, 9);
  });
  it("normalizes angles to (-π, π]", () => {
    expect(normalizeAngle(3 * Math.PI)).toBeCloseTo(Math.PI, 9);
    expect(normalizeAngle(-Math.PI / 2 - 2 * Math.PI)).toBeCloseTo(-Math.PI / 2, 9);
  });
});

describe("translation", () => {
  it("stops a shape at the image's edges", () => {
    const points = [
      { x: 100, y: 80 },
      { x: 300, y: 200 },
    ];
    expect(clampTranslation(points, 500, -500, size)).toEqual({ dx: 100, dy: -80 });
    expect(translateAnnotation(box(), 500, 10, size)).toMatchObject({ left: 200, top: 90 });
  });
  it("moves every vertex of a polygon", () => {
    const polygon: Annotation = { uuid: "p", type: "polygon", label: "x", vertices: square };
    expect(translateAnnotation(polygon, 5, 7, size)).toMatchObject({
      vertices: [
        { x: 5, y: 7 },
        { x: 15, y: 7 },
        { x: 15, y: 17 },
        { x: 5, y: 17 },
      ],
    });
  });
});

describe("construction", () => {
  it("builds Scale's 6-vertex cuboid with the side on the offset's side", () => {
    const face = { left: 100, top: 100, width: 100, height: 50 };
    const right = cuboidFromFace(face, { x: 30, y: -20 }, size);
    expect(right.map((v) => v.description)).toEqual([
      "face-topleft",
      "face-topright",
      "face-bottomright",
      "face-bottomleft",
      "side-topcorner",
      "side-bottomcorner",
    ]);
    expect(right[4]).toMatchObject({ x: 230, y: 80 });
    expect(right[5]).toMatchObject({ x: 230, y: 130 });
    const left = cuboidFromFace(face, { x: -30, y: -20 }, size);
    expect(left[4]).toMatchObject({ x: 70, y: 80 });
  });
  it("fills a rectangle with an ellipse", () => {
    expect(ellipseFromRect({ left: 10, top: 20, width: 40, height: 10 })).toEqual({
      x: 30,
      y: 25,
      rx: 20,
      ry: 5,
    });
  });
});

describe("roundAnnotation", () => {
  it("keeps 2 decimals, or whole pixels for integer_pixels, and drops derived corners", () => {
    const drawn = box({ left: 100.456, width: 50.001, vertices: [{ x: 1, y: 2 }] });
    expect(roundAnnotation(drawn)).toEqual(box({ left: 100.46, width: 50 }));
    expect(roundAnnotation(box({ left: 10.6, top: 3.2 }), true)).toMatchObject({
      left: 11,
      top: 3,
    });
  });
});
