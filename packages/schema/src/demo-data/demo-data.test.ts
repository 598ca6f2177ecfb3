import { inflateSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { LidarFrameSchema } from "../task-types/lidarsegmentation";
import { generateMaskImage, MASK_DEMO_LABELS } from "./mask-image";
import { encodePng } from "./png";
import { generateLidarScene, LIDAR_DEMO_LABELS } from "./point-cloud";

/** The element at `index`, failing the test when there is none. */
const at = <T>(items: ArrayLike<T>, index: number): T => {
  const item = items[index];
  if (item === undefined) throw new Error(`no element at ${index}`);
  return item;
};

/** Reads back an 8-bit RGBA PNG with unfiltered rows, using Node's zlib as the reference. */
const decodePng = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Uint8Array[] = [];
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
    }
    if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    rgba.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, rgba };
};

describe("encodePng", () => {
  it("writes a PNG that zlib inflates back to the same pixels, across several deflate blocks", () => {
    const width = 200;
    const height = 120; // 96,120 bytes of rows: two stored blocks
    const rgba = new Uint8Array(width * height * 4).map((_, i) => (i * 7) % 256);
    const decoded = decodePng(encodePng(rgba, width, height));
    expect(decoded.width).toBe(width);
    expect(decoded.height).toBe(height);
    expect(Buffer.from(decoded.rgba).equals(Buffer.from(rgba))).toBe(true);
  });

  it("refuses a buffer of the wrong size", () => {
    expect(() => encodePng(new Uint8Array(10), 2, 2)).toThrow(/expected 2×2×4 = 16 bytes, got 10/);
  });
});

describe("generateMaskImage", () => {
  it("is deterministic, decodable, and labels every pixel with one of its classes", () => {
    const a = generateMaskImage({ width: 64, height: 48 });
    const b = generateMaskImage({ width: 64, height: 48 });
    expect(Buffer.from(a.png).equals(Buffer.from(b.png))).toBe(true);
    expect(Buffer.from(decodePng(a.png).rgba).equals(Buffer.from(a.rgba))).toBe(true);
    const used = new Set(a.truth);
    expect([...used].sort()).toEqual(MASK_DEMO_LABELS.map((_, i) => i + 1));
    // Top-left is sky, bottom-left road.
    expect(a.truth[0]).toBe(1);
    expect(a.truth[64 * 47]).toBe(2);
  });
});

describe("generateLidarScene", () => {
  const scene = generateLidarScene({ frames: 3, pointsPerFrame: 5000, seed: 3 });

  it("makes valid frames of the requested size with a label per point", () => {
    expect(scene.frames).toHaveLength(3);
    for (const [index, frame] of scene.frames.entries()) {
      expect(LidarFrameSchema.safeParse(frame).success).toBe(true);
      expect(frame.points).toHaveLength(5000);
      expect(scene.truth[index]).toHaveLength(5000);
    }
    expect(new Set(scene.truth[0])).toEqual(new Set(LIDAR_DEMO_LABELS.map((_, i) => i + 1)));
  });

  it("keeps static points within a couple of centimetres and moves the vehicle 2 m a frame", () => {
    const first = at(scene.frames, 0);
    const second = at(scene.frames, 1);
    const truth = at(scene.truth, 0);
    let maxStaticMove = 0;
    const before: number[] = [];
    const after: number[] = [];
    for (let i = 0; i < 5000; i += 1) {
      const a = at(first.points, i);
      const b = at(second.points, i);
      if (at(truth, i) <= 3)
        maxStaticMove = Math.max(maxStaticMove, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
      if (truth[i] === 4) {
        before.push(a[0]);
        after.push(b[0]);
      }
    }
    expect(maxStaticMove).toBeLessThan(0.04);
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(mean(after) - mean(before)).toBeCloseTo(2, 0);
  });

  it("is deterministic for a seed", () => {
    const again = generateLidarScene({ frames: 1, pointsPerFrame: 5000, seed: 3 });
    expect(again.frames[0]?.points.slice(0, 50)).toEqual(scene.frames[0]?.points.slice(0, 50));
  });
});
