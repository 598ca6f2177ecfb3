import { describe, expect, it } from "vitest";

import {
  decodeCompactFrame,
  encodeCompactFrame,
  kittiBytes,
  lasBytes,
  lzfCompress,
  lzfDecompress,
  MAX_POINTS_PER_FRAME,
  parsePointCloud,
  pcdBytes,
  plyBytes,
  pointCloudFormatOf,
  samplePoints,
} from ".";
import type { PointFrame, SamplePoints } from ".";

const points = samplePoints(500, 7);

/** The frame holds the sample's points, in order, as float32, with what the format carried. */
const expectSample = (
  frame: PointFrame,
  sample: SamplePoints,
  has: { intensity?: number; color?: boolean },
) => {
  expect(frame.count).toBe(sample.count);
  const absolute = Array.from(frame.positions, (value, i) =>
    Math.round((value + ([frame.origin.x, frame.origin.y, frame.origin.z][i % 3] ?? 0)) * 1000),
  );
  expect(absolute).toEqual(Array.from(sample.positions, (value) => Math.round(value * 1000)));
  if (has.intensity === undefined) expect(frame.intensities).toBeNull();
  else
    expect(Array.from(frame.intensities ?? [])).toEqual(
      Array.from(sample.intensities, (value) => Math.fround(value / (has.intensity ?? 1))),
    );
  if (has.color) expect(Array.from(frame.colors ?? [])).toEqual(Array.from(sample.colors));
  else expect(frame.colors).toBeNull();
};

const parse = (bytes: Uint8Array, name?: string) => {
  const format = pointCloudFormatOf(bytes.subarray(0, 512), name);
  if (!format || format === "json") throw new Error(`not detected: ${format}`);
  return parsePointCloud(format, bytes);
};

/** The bytes with one piece of their header replaced (byte for byte: binary data stays as it is). */
const withText = (bytes: Uint8Array, from: string, to: string) =>
  Uint8Array.from(new TextDecoder("latin1").decode(bytes).replace(from, to), (c) =>
    c.charCodeAt(0),
  );

describe("LZF", () => {
  it("inflates what liblzf's scheme deflates: literals, short and long back-references", () => {
    const input = new Uint8Array(20_000);
    for (let i = 0; i < input.length; i += 1) input[i] = i % 300 < 150 ? (i * 31) % 251 : i % 7;
    const compressed = lzfCompress(input);
    expect(compressed.length).toBeLessThan(input.length / 2);
    expect(lzfDecompress(compressed, input.length)).toEqual(input);
  });

  it("refuses data that does not inflate to the declared size or points before its start", () => {
    const compressed = lzfCompress(new Uint8Array(1000).fill(9));
    expect(() => lzfDecompress(compressed, 999)).toThrow(/corrupt/);
    expect(() => lzfDecompress(compressed, 1001)).toThrow(/corrupt/);
    expect(() => lzfDecompress(new Uint8Array([0x20, 0x05]), 3)).toThrow(/corrupt/);
  });
});

describe("PCD", () => {
  it.each(["ascii", "binary", "binary_compressed"] as const)(
    "reads %s with intensity and rgb",
    (data) => {
      const frame = parse(pcdBytes(points, { data, intensity: true, rgb: true }));
      expectSample(frame, points, { intensity: 1, color: true });
    },
  );

  it("reads x, y, z alone", () => {
    expectSample(parse(pcdBytes(points, { data: "binary" })), points, {});
  });

  it.each(["ascii", "binary", "binary_compressed"] as const)(
    "refuses a truncated %s file",
    (data) => {
      const bytes = pcdBytes(points, { data, intensity: true });
      // Cut inside a point: ascii's last line is then short; binary data misses bytes.
      expect(() => parse(bytes.subarray(0, bytes.length - 40))).toThrow(
        data === "ascii" ? /^point 498 has 2 values where FIELDS give 4/ : /truncated|corrupt/,
      );
      if (data === "ascii") {
        const whole = new TextDecoder().decode(bytes).trimEnd().split("\n").slice(0, -3).join("\n");
        expect(() => parse(new TextEncoder().encode(whole))).toThrow(
          "it is truncated: 497 of the 500 points its header declares",
        );
      }
    },
  );

  it("refuses a header whose POINTS disagrees with the data or with WIDTH × HEIGHT", () => {
    expect(() => parse(pcdBytes(points, { data: "binary", declaredPoints: 400 }))).toThrow(
      /more than the header's 400 points/,
    );
    expect(() => parse(pcdBytes(points, { data: "ascii", declaredPoints: 400 }))).toThrow(
      /more than the 400 points/,
    );
    expect(() =>
      parse(pcdBytes(points, { data: "binary_compressed", declaredPoints: 600 })),
    ).toThrow(/inflates to 6000 bytes where the header's 600 points need 7200/);
    const bytes = withText(pcdBytes(points, { data: "ascii" }), "WIDTH 500", "WIDTH 250");
    expect(() => parse(bytes)).toThrow(/POINTS \(500\) is not WIDTH × HEIGHT \(250 × 1\)/);
    const fields = withText(pcdBytes(points, { data: "ascii" }), "SIZE 4 4 4", "SIZE 4 4");
    expect(() => parse(fields)).toThrow(/3 FIELDS but 2 SIZE/);
  });

  it.each([NaN, Infinity, -Infinity])("refuses a %s coordinate naming the point", (bad) => {
    const broken = samplePoints(20, 3);
    broken.positions[12 * 3 + 1] = bad;
    for (const data of ["ascii", "binary", "binary_compressed"] as const)
      expect(() => parse(pcdBytes(broken, { data }))).toThrow(
        /^point 12 has a coordinate that is not a finite number/,
      );
  });

  it("refuses zero points and more than the limit", () => {
    expect(() => parse(pcdBytes(samplePoints(0), { data: "binary" }))).toThrow("it has no points");
    expect(() =>
      parse(pcdBytes(points, { data: "binary", declaredPoints: MAX_POINTS_PER_FRAME + 1 })),
    ).toThrow(
      `it has ${MAX_POINTS_PER_FRAME + 1} points; a frame may have at most ${MAX_POINTS_PER_FRAME}`,
    );
  });
});

describe("PLY", () => {
  it.each(["ascii", "binary_little_endian", "binary_big_endian"] as const)(
    "reads %s with intensity and colour, ignoring the faces after the vertices",
    (format) => {
      expectSample(parse(plyBytes(points, { format, intensity: true, rgb: true })), points, {
        intensity: 1,
        color: true,
      });
      expectSample(parse(plyBytes(points, { format })), points, {});
    },
  );

  it.each(["ascii", "binary_little_endian"] as const)("refuses a truncated %s file", (format) => {
    const bytes = plyBytes(points, { format, rgb: true });
    expect(() => parse(bytes.subarray(0, bytes.length - 30))).toThrow(
      /truncated|point 499 has 1 values where the vertex element has 6/,
    );
  });

  it("refuses a wrong vertex count, a NaN coordinate, zero vertices and a missing axis", () => {
    const more = withText(
      plyBytes(points, { format: "binary_little_endian" }),
      "vertex 500",
      "vertex 600",
    );
    expect(() => parse(more)).toThrow(
      /truncated: 6000 bytes of vertex data where the header's 600 vertices need 7200/,
    );
    const broken = samplePoints(10, 2);
    broken.positions[7 * 3] = NaN;
    expect(() => parse(plyBytes(broken, { format: "ascii" }))).toThrow(/^point 7 has a coordinate/);
    expect(() => parse(plyBytes(broken, { format: "binary_big_endian" }))).toThrow(
      /^point 7 has a coordinate/,
    );
    expect(() => parse(plyBytes(samplePoints(0), { format: "ascii" }))).toThrow("it has no points");
    const noZ = withText(
      plyBytes(points, { format: "ascii" }),
      "property float z",
      "property float w",
    );
    expect(() => parse(noZ)).toThrow(/lacks an x, y or z/);
  });
});

describe("LAS", () => {
  it.each([0, 1, 2, 3, 6, 7, 8] as const)(
    "reads point data format %i with scale and offset",
    (format) => {
      const offset: [number, number, number] = [500_000, 4_100_000, 100];
      const frame = parse(lasBytes(points, { format, offset }));
      // Relative to the header's minimum, so float32 keeps millimetres 500 km from the origin.
      expect(frame.origin.x).toBeGreaterThan(499_000);
      const shifted = {
        ...points,
        positions: points.positions.map((value, i) => value + (offset[i % 3] ?? 0)),
      };
      expectSample(frame, shifted, { intensity: 1, color: [2, 3, 7, 8].includes(format) });
    },
  );

  it.each([2, 3, 4] as const)("reads LAS 1.%i headers", (minor) => {
    expectSample(parse(lasBytes(points, { format: 3, minor })), points, {
      intensity: 1,
      color: true,
    });
  });

  it("refuses LAZ saying to convert it, a truncated file, zero points and too many", () => {
    const laz = lasBytes(points, { format: 3 });
    laz[104] = 3 | 0x80;
    expect(pointCloudFormatOf(laz)).toBe("laz");
    expect(() => parse(laz)).toThrow(/LAZ \(compressed LAS\).*convert it to LAS/);
    const bytes = lasBytes(points, { format: 1 });
    expect(() => parse(bytes.subarray(0, bytes.length - 28))).toThrow(
      /truncated: 13972 bytes of point records where the header's 500 points need 14000/,
    );
    expect(() => parse(lasBytes(samplePoints(0), { format: 0 }))).toThrow("it has no points");
    const many = lasBytes(points, { format: 0 });
    new DataView(many.buffer).setUint32(107, MAX_POINTS_PER_FRAME + 1, true);
    expect(() => parse(many)).toThrow(/a frame may have at most/);
  });
});

describe("KITTI .bin", () => {
  it("reads float32 x, y, z, intensity, only when the name ends in .bin", () => {
    const bytes = kittiBytes(points);
    expect(pointCloudFormatOf(bytes.subarray(0, 512))).toBeUndefined();
    expectSample(parse(bytes, "000042.bin"), points, { intensity: 255 });
  });

  it("refuses a size that is not whole points, a non-finite float and no points", () => {
    const bytes = kittiBytes(points);
    expect(() => parse(bytes.subarray(0, bytes.length - 6), "scan.bin")).toThrow(
      /not a multiple of 16/,
    );
    const broken = samplePoints(100, 5);
    broken.positions[60 * 3 + 2] = Infinity;
    expect(() => parse(kittiBytes(broken), "scan.bin")).toThrow(/^point 60 has a coordinate/);
    expect(() => parsePointCloud("kitti", new Uint8Array(0))).toThrow("it has no points");
  });

  it("is not taken for bytes that hold NaN floats (random binary data)", () => {
    const noise = new Uint8Array(512).fill(0xff);
    expect(pointCloudFormatOf(noise, "firmware.bin")).toBeUndefined();
  });
});

describe("the compact frame", () => {
  it("keeps positions, origin, intensity and colour, and refuses a size its header does not imply", () => {
    const frame = parse(lasBytes(points, { format: 3, offset: [1000, 2000, 0] }));
    const bytes = encodeCompactFrame(frame);
    expect(bytes.length).toBe(40 + 500 * (12 + 4 + 3));
    expect(pointCloudFormatOf(bytes)).toBe("compact");
    const decoded = decodeCompactFrame(bytes);
    expect(decoded.origin).toEqual(frame.origin);
    expect(decoded.positions).toEqual(frame.positions);
    expect(decoded.intensities).toEqual(frame.intensities);
    expect(decoded.colors).toEqual(frame.colors);
    expect(() => decodeCompactFrame(bytes.subarray(0, bytes.length - 1))).toThrow(/header implies/);
  });
});

describe("converting without copying", () => {
  it("writes a parsed frame's header into the buffer its points already fill", () => {
    const frame = parse(kittiBytes(points), "scan.bin");
    const bytes = encodeCompactFrame(frame);
    expect(bytes.buffer).toBe(frame.positions.buffer);
    expect(decodeCompactFrame(bytes).positions).toEqual(frame.positions);
  });
});
