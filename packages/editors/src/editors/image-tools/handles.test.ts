import type { Annotation, BoxAnnotation } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import { dragHandle, handlesOf, hitHandle } from "./handles";

const box: BoxAnnotation = {
  uuid: "b",
  type: "box",
  label: "car",
  left: 100,
  top: 80,
  width: 200,
  height: 120,
};
const line: Annotation = {
  uuid: "l",
  type: "line",
  label: "lane",
  vertices: [
    { x: 0, y: 0 },
    { x: 100, y: 0 },
  ],
};

describe("handles", () => {
  it("gives a box 8 resize handles, plus a rotation handle only when it may rotate", () => {
    expect(handlesOf(box, { canRotate: false, screenScale: 1 })).toHaveLength(8);
    const rotating = handlesOf(box, { canRotate: true, screenScale: 2 });
    expect(rotating.find((h) => h.kind === "rotate")?.point).toEqual({ x: 200, y: 68 });
  });

  it("finds a vertex before the midpoint next to it", () => {
    const handles = handlesOf(line, { canRotate: false, screenScale: 1 });
    expect(hitHandle(handles, { x: 49, y: 1 }, 4)).toMatchObject({ kind: "midpoint", edge: 0 });
    expect(hitHandle(handles, { x: 99, y: 1 }, 4)).toMatchObject({ kind: "vertex", index: 1 });
    expect(hitHandle(handles, { x: 70, y: 20 }, 4)).toBeUndefined();
  });

  it("drags a corner, a vertex, a midpoint (a new vertex) and the rotation handle", () => {
    const size = { width: 400, height: 300 };
    const [nw] = handlesOf(box, { canRotate: false, screenScale: 1 });
    if (!nw) throw new Error("no handle");
    expect(dragHandle(box, nw, { x: 90, y: 70 }, size)).toMatchObject({
      left: 90,
      top: 70,
      width: 210,
      height: 130,
    });
    expect(
      dragHandle(
        line,
        { kind: "vertex", index: 1, point: { x: 100, y: 0 } },
        { x: 500, y: 50 },
        size,
      ),
    ).toMatchObject({
      vertices: [
        { x: 0, y: 0 },
        { x: 400, y: 50 },
      ],
    });
    expect(
      dragHandle(
        line,
        { kind: "midpoint", edge: 0, point: { x: 50, y: 0 } },
        { x: 50, y: 30 },
        size,
      ),
    ).toMatchObject({
      vertices: [
        { x: 0, y: 0 },
        { x: 50, y: 30 },
        { x: 100, y: 0 },
      ],
    });
    const turned = dragHandle(
      box,
      { kind: "rotate", point: { x: 200, y: 56 } },
      { x: 400, y: 140 },
      size,
    );
    expect(turned.type === "box" ? turned.rotation : undefined).toBeCloseTo(Math.PI / 2, 9);
  });
});
