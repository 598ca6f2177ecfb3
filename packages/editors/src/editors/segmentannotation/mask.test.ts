import { decodeMask, generateMaskImage, SegmentAnnotationParamsSchema } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import { fillPolygon, floodFill, paintStroke } from "./mask-ops";
import type { Mask } from "./mask-ops";
import { indicesFromValue, valueFromIndices } from "./mask-value";

const blank = (width: number, height: number): Mask => ({
  width,
  height,
  indices: new Uint16Array(width * height),
});
const painted = (mask: Mask) => {
  const pixels: string[] = [];
  mask.indices.forEach((index, i) => {
    if (index !== 0) pixels.push(`${i % mask.width},${Math.floor(i / mask.width)}`);
  });
  return pixels;
};

describe("paintStroke", () => {
  it("paints a disc of pixels whose centres are within the radius", () => {
    const mask = blank(10, 10);
    paintStroke(mask, { x: 5, y: 5 }, { x: 5, y: 5 }, 1, 2);
    // Centres (4.5|5.5, 4.5|5.5) are √0.5 ≈ 0.71 away; (3.5, 5.5) is √2.5 ≈ 1.58 away.
    expect(painted(mask)).toEqual(["4,4", "5,4", "4,5", "5,5"]);
  });

  it("covers the capsule around a segment, and erases with index 0", () => {
    const mask = blank(20, 5);
    paintStroke(mask, { x: 2, y: 2.5 }, { x: 12, y: 2.5 }, 1, 1);
    // Row 2 (on the segment): centres 1.5..12.5, 12 pixels; rows 1 and 3 (exactly 1 away):
    // centres 2.5..11.5, 10 pixels each.
    expect(painted(mask)).toHaveLength(32);
    expect(mask.indices[2 * 20 + 1]).toBe(1); // (1.5, 2.5) is 0.5 from the start
    expect(mask.indices[1 * 20 + 1]).toBe(0); // (1.5, 1.5) is √1.25 away
    paintStroke(mask, { x: 7, y: 2.5 }, { x: 7, y: 2.5 }, 0.6, 0);
    expect(mask.indices[2 * 20 + 6]).toBe(0);
    expect(mask.indices[2 * 20 + 8]).toBe(1);
  });
});

describe("fillPolygon", () => {
  it("fills the pixels whose centres are inside a triangle", () => {
    const mask = blank(6, 6);
    fillPolygon(
      mask,
      [
        { x: 0, y: 0 },
        { x: 6, y: 0 },
        { x: 0, y: 6 },
      ],
      3,
    );
    // x + 0.5 + y + 0.5 < 6 → x + y < 5 (on the edge x + y = 5 the centre lies on the line).
    const expected: string[] = [];
    for (let y = 0; y < 6; y += 1)
      for (let x = 0; x < 6; x += 1) if (x + y < 5) expected.push(`${x},${y}`);
    expect(painted(mask)).toEqual(expected);
  });
});

describe("floodFill", () => {
  it("spreads over similar colours of the demo image and stops at the car", () => {
    const image = generateMaskImage({ width: 80, height: 60 });
    const mask = blank(80, 60);
    const { filled } = floodFill(mask, image.rgba, { x: 1, y: 1 }, 12, 1);
    const sky = image.truth.filter((label) => label === 1).length;
    expect(filled).toBe(sky);
    mask.indices.forEach((index, i) => expect(index === 1).toBe(image.truth[i] === 1));
  });

  it("with a tolerance of 0 takes only identical colours, 4-connected", () => {
    const rgba = new Uint8Array(3 * 3 * 4);
    // A diagonal of white on black: (0,0), (1,1), (2,2).
    [0, 4, 8].forEach((pixel) => rgba.fill(255, pixel * 4, pixel * 4 + 4));
    const mask = blank(3, 3);
    expect(floodFill(mask, rgba, { x: 0.5, y: 0.5 }, 0, 4).filled).toBe(1);
    expect(floodFill(mask, rgba, { x: 1.5, y: 0.5 }, 0, 5).filled).toBe(3);
  });

  it("without image pixels fills the connected region of the same mask index", () => {
    const mask = blank(4, 1);
    mask.indices.set([1, 1, 2, 1]);
    expect(floodFill(mask, null, { x: 0, y: 0 }, 0, 3).filled).toBe(2);
    expect([...mask.indices]).toEqual([3, 3, 2, 1]);
  });
});

describe("mask value", () => {
  const params = SegmentAnnotationParamsSchema.parse({
    attachment: "https://example.com/a.png",
    labels: ["sky", { choice: "thing", subchoices: ["car", "tree"] }],
    image_width: 3,
    image_height: 2,
  });

  it("round-trips the indexed mask and numbers the leaf labels from 1", () => {
    const indices = Uint16Array.from([1, 1, 2, 0, 3, 3]);
    const value = valueFromIndices(params, indices);
    expect(value.label_map).toEqual({ "1": "sky", "2": "car", "3": "tree" });
    expect([...decodeMask(value.mask as never)]).toEqual([1, 1, 2, 0, 3, 3]);
    expect(indicesFromValue(value, params)).toEqual(indices);
  });

  it("renumbers a hypothesis by label name and ignores masks of another size", () => {
    const value = valueFromIndices(params, Uint16Array.from([1, 2, 3, 3, 2, 1]));
    const renamed = { ...value, label_map: { "1": "tree", "2": "sky", "3": "car" } };
    expect([...indicesFromValue(renamed, params)]).toEqual([3, 1, 2, 2, 1, 3]);
    const other = { mask: { ...(value.mask as object), width: 2, height: 3 }, label_map: {} };
    expect([...indicesFromValue(other, { ...params, image_width: 2, image_height: 2 })]).toEqual([
      0, 0, 0, 0,
    ]);
  });
});
