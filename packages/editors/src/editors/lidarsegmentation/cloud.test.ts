import {
  encodeCompactFrame,
  kittiBytes,
  parsePcd,
  pcdBytes,
  samplePoints,
} from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import { cloudFromBytes } from "./cloud";
import { fillPointColors } from "./point-colors";

const points = samplePoints(64, 3);

describe("cloudFromBytes", () => {
  it("reads a compact frame without copying its points, with colour and 0..1 intensity", () => {
    const bytes = encodeCompactFrame(
      parsePcd(pcdBytes(points, { data: "binary", intensity: true, rgb: true })),
    );
    const cloud = cloudFromBytes(bytes, "https://files.example/abc?signature=x");
    expect(cloud.count).toBe(64);
    expect(cloud.positions.buffer).toBe(bytes.buffer);
    expect(cloud.positions[3]).toBe(Math.fround(points.positions[3] ?? 0));
    expect(Array.from(cloud.colors ?? [])).toEqual(Array.from(points.colors));
    const intensities = Array.from(cloud.intensities ?? []);
    expect(Math.min(...intensities)).toBe(0);
    expect(Math.max(...intensities)).toBe(1);
    expect(cloud.min.z).toBeLessThan(cloud.max.z);
  });

  it("parses a sensor format fetched by URL: PCD by its bytes, KITTI by its .bin name", () => {
    expect(
      cloudFromBytes(pcdBytes(points, { data: "ascii" }), "https://x.example/a.pcd").count,
    ).toBe(64);
    const kitti = kittiBytes(points);
    expect(cloudFromBytes(kitti, "https://x.example/velodyne/000001.bin?v=2").count).toBe(64);
    expect(() => cloudFromBytes(kitti, "https://x.example/000001")).toThrow("is not valid JSON");
    const cut = pcdBytes(points, { data: "binary" });
    expect(() => cloudFromBytes(cut.subarray(0, cut.length - 4), "a.pcd")).toThrow(
      /^is not a readable point cloud: it is truncated/,
    );
  });

  it("still reads JSON frames", () => {
    const json = new TextEncoder().encode(JSON.stringify({ points: [[1, 2, 3, 0.5]] }));
    expect(cloudFromBytes(json, "frame.json")).toMatchObject({ count: 1, colors: null });
  });
});

describe("colouring by the scan's colour", () => {
  it("uses each point's r, g, b", () => {
    const cloud = cloudFromBytes(
      encodeCompactFrame(parsePcd(pcdBytes(points, { data: "binary", rgb: true }))),
      "a",
    );
    const out = new Float32Array(cloud.count * 4);
    fillPointColors(out, cloud, new Uint16Array(cloud.count), "color", [], new Set());
    expect(Array.from(out.subarray(4 * 5, 4 * 5 + 4))).toEqual([
      Math.fround((points.colors[15] ?? 0) / 255),
      Math.fround((points.colors[16] ?? 0) / 255),
      Math.fround((points.colors[17] ?? 0) / 255),
      1,
    ]);
  });
});
