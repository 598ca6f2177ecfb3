import { describe, expect, it } from "vitest";

import { boxContains, boxFromDrag, clampToPage, hitTest, isDrawnBox, moveBox } from "./box-math";

const page = { width: 800, height: 1000 };

describe("document box maths", () => {
  it("normalises a drag made in any direction", () => {
    const expected = { left: 100, top: 80, width: 200, height: 120 };
    expect(boxFromDrag({ x: 100, y: 80 }, { x: 300, y: 200 }, page)).toEqual(expected);
    expect(boxFromDrag({ x: 300, y: 200 }, { x: 100, y: 80 }, page)).toEqual(expected);
    expect(boxFromDrag({ x: 300, y: 80 }, { x: 100, y: 200 }, page)).toEqual(expected);
  });

  it("cuts a drag that leaves the page at its edges and rounds to hundredths", () => {
    expect(boxFromDrag({ x: 700, y: -20 }, { x: 950, y: 50.123 }, page)).toEqual({
      left: 700,
      top: 0,
      width: 100,
      height: 50.12,
    });
    expect(clampToPage({ x: -1, y: 1001 }, page)).toEqual({ x: 0, y: 1000 });
  });

  it("takes a click or a sliver for no box", () => {
    expect(isDrawnBox(boxFromDrag({ x: 5, y: 5 }, { x: 6, y: 60 }, page))).toBe(false);
    expect(isDrawnBox(boxFromDrag({ x: 5, y: 5 }, { x: 8, y: 8 }, page))).toBe(true);
  });

  it("moves a box and stops it whole at the page's edges", () => {
    const box = { left: 100, top: 100, width: 200, height: 50 };
    expect(moveBox(box, 10.5, -20, page)).toEqual({ ...box, left: 110.5, top: 80 });
    expect(moveBox(box, 1000, 2000, page)).toEqual({ ...box, left: 600, top: 950 });
    expect(moveBox(box, -500, -500, page)).toEqual({ ...box, left: 0, top: 0 });
  });

  it("hits the box under the point, the smaller of nested ones, and nothing outside", () => {
    const big = { left: 0, top: 0, width: 500, height: 500 };
    const small = { left: 100, top: 100, width: 50, height: 50 };
    const other = { left: 600, top: 600, width: 100, height: 100 };
    expect(hitTest([small, big, other], { x: 120, y: 120 })).toBe(0);
    expect(hitTest([big, small], { x: 120, y: 120 })).toBe(1);
    expect(hitTest([big, small], { x: 400, y: 10 })).toBe(0);
    expect(hitTest([big, small, other], { x: 650, y: 700 })).toBe(2);
    expect(hitTest([big, small, other], { x: 550, y: 550 })).toBe(-1);
    expect(boxContains(small, { x: 150, y: 150 })).toBe(true);
  });
});
