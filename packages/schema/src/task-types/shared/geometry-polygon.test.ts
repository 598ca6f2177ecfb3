import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  convexHull,
  ellipseBounds,
  ellipsePolygon,
  polygonArea,
  polygonIntersectionArea,
  polygonIoU,
  polylineDistance,
  rectIoU,
  rotatedRectCorners,
} from "./geometry-polygon";
import type { Point, Rect } from "./geometry-polygon";

const square = (x: number, y: number, size: number): Point[] => [
  { x, y },
  { x: x + size, y },
  { x: x + size, y: y + size },
  { x, y: y + size },
];

// An L shape: the 2×2 square at the origin minus its top-right 1×1 quadrant; area 3.
const lShape: Point[] = [
  { x: 0, y: 0 },
  { x: 1, y: 0 },
  { x: 1, y: 1 },
  { x: 2, y: 1 },
  { x: 2, y: 2 },
  { x: 0, y: 2 },
];

describe("areas and intersections", () => {
  it.each([
    ["unit square", square(0, 0, 1), 1],
    ["L shape (non-convex)", lShape, 3],
    [
      "degenerate line",
      [
        { x: 0, y: 0 },
        { x: 1, y: 1 },
      ],
      0,
    ],
  ])("area of %s", (_name, polygon, area) => {
    expect(polygonArea(polygon)).toBeCloseTo(area, 12);
  });

  it.each([
    ["overlapping squares", square(0, 0, 2), square(1, 1, 2), 1],
    ["disjoint squares", square(0, 0, 1), square(5, 5, 1), 0],
    ["L shape and the square filling its notch", lShape, square(1, 0, 1), 0],
    ["L shape and the 2×2 square around it", lShape, square(0, 0, 2), 3],
    ["square inside the L's arm", lShape, square(0, 1, 1), 1],
  ])("intersection of %s", (_name, a, b, area) => {
    expect(polygonIntersectionArea(a, b)).toBeCloseTo(area, 9);
    expect(polygonIntersectionArea(b, a)).toBeCloseTo(area, 9);
  });

  it("does not depend on winding direction", () => {
    const reversed = [...lShape].reverse();
    expect(polygonIntersectionArea(reversed, square(0, 0, 2))).toBeCloseTo(3, 9);
    expect(polygonIoU(reversed, lShape)).toBeCloseTo(1, 9);
  });
});

describe("IoU", () => {
  it("computes exact IoU for axis-aligned rectangles", () => {
    const a: Rect = { left: 0, top: 0, width: 2, height: 2 };
    const b: Rect = { left: 1, top: 0, width: 2, height: 2 };
    expect(rectIoU(a, b)).toBeCloseTo(2 / 6, 12);
    expect(rectIoU(a, { left: 2, top: 0, width: 1, height: 1 })).toBe(0);
  });

  it("gives a rotated box a lower IoU with its unrotated self", () => {
    const rect: Rect = { left: 0, top: 0, width: 4, height: 2 };
    const turned = polygonIoU(rotatedRectCorners(rect), rotatedRectCorners(rect, Math.PI / 2));
    // Two 4×2 rectangles crossing at the centre: overlap 2×2 = 4, union 8 + 8 − 4 = 12.
    expect(turned).toBeCloseTo(4 / 12, 9);
    expect(polygonIoU(rotatedRectCorners(rect), rotatedRectCorners(rect, Math.PI))).toBeCloseTo(
      1,
      9,
    );
  });

  it("approximates an ellipse's area within 0.2%", () => {
    const area = polygonArea(ellipsePolygon({ x: 0, y: 0, rx: 10, ry: 5 }));
    expect(Math.abs(area - Math.PI * 50) / (Math.PI * 50)).toBeLessThan(0.002);
  });
});

describe("helpers", () => {
  it("bounds a rotated ellipse exactly", () => {
    const bounds = ellipseBounds({ x: 10, y: 10, rx: 4, ry: 2, rotation: Math.PI / 2 });
    expect(bounds.minX).toBeCloseTo(8, 12);
    expect(bounds.maxY).toBeCloseTo(14, 12);
  });

  it("builds a convex hull", () => {
    const hull = convexHull([...square(0, 0, 2), { x: 1, y: 1 }]);
    expect(hull).toHaveLength(4);
    expect(polygonArea(hull)).toBe(4);
  });

  it("measures polyline distance symmetrically", () => {
    const a = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
    ];
    const b = [
      { x: 0, y: 2 },
      { x: 10, y: 2 },
    ];
    expect(polylineDistance(a, b)).toBe(2);
    expect(polylineDistance(b, a)).toBe(2);
  });
});

// Integer coordinates keep the arithmetic exact enough for tight tolerances.
const coordinate = fc.integer({ min: -500, max: 500 });
const extent = fc.integer({ min: 1, max: 300 });
const rectArb = fc.record({ left: coordinate, top: coordinate, width: extent, height: extent });
const angleArb = fc.double({ min: -Math.PI, max: Math.PI, noNaN: true });
/** A star-shaped (often non-convex) polygon around a centre, from sorted angles. */
const polygonArb = fc
  .record({
    cx: coordinate,
    cy: coordinate,
    radii: fc.array(fc.integer({ min: 5, max: 100 }), { minLength: 3, maxLength: 9 }),
  })
  .map(({ cx, cy, radii }) =>
    radii.map((r, i) => {
      const t = (2 * Math.PI * i) / radii.length;
      return { x: cx + r * Math.cos(t), y: cy + r * Math.sin(t) };
    }),
  );

describe("IoU properties", () => {
  it("is symmetric, within [0, 1] and 1 with itself (rectangles)", () => {
    fc.assert(
      fc.property(rectArb, rectArb, (a, b) => {
        const iou = rectIoU(a, b);
        expect(iou).toBeGreaterThanOrEqual(0);
        expect(iou).toBeLessThanOrEqual(1);
        expect(rectIoU(b, a)).toBe(iou);
        expect(rectIoU(a, a)).toBe(1);
      }),
    );
  });

  it("polygon IoU agrees with exact rectangle IoU on axis-aligned boxes", () => {
    fc.assert(
      fc.property(rectArb, rectArb, (a, b) => {
        expect(polygonIoU(rotatedRectCorners(a), rotatedRectCorners(b))).toBeCloseTo(
          rectIoU(a, b),
          9,
        );
      }),
    );
  });

  it("is symmetric, within [0, 1] and 1 with itself (non-convex polygons)", () => {
    fc.assert(
      fc.property(polygonArb, polygonArb, (a, b) => {
        const iou = polygonIoU(a, b);
        expect(iou).toBeGreaterThanOrEqual(0);
        expect(iou).toBeLessThanOrEqual(1);
        expect(polygonIoU(b, a)).toBeCloseTo(iou, 9);
        expect(polygonIoU(a, a)).toBeCloseTo(1, 9);
      }),
    );
  });

  it("is invariant under translation (rotated boxes and polygons)", () => {
    fc.assert(
      fc.property(
        rectArb,
        rectArb,
        angleArb,
        angleArb,
        coordinate,
        coordinate,
        (a, b, ra, rb, dx, dy) => {
          const move = (r: Rect): Rect => ({ ...r, left: r.left + dx, top: r.top + dy });
          const before = polygonIoU(rotatedRectCorners(a, ra), rotatedRectCorners(b, rb));
          const after = polygonIoU(
            rotatedRectCorners(move(a), ra),
            rotatedRectCorners(move(b), rb),
          );
          expect(after).toBeCloseTo(before, 6);
        },
      ),
    );
  });
});
