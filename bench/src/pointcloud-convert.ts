// Point-cloud conversion: points per second turned from each sensor format into the compact frame
// the lidar editor reads (parse + encode, as an upload does). Baseline, in the same run on the
// same bytes: copying the file into a Float32Array, the least any reader of binary points does.
// Standalone: `pnpm --filter @taskforge/bench exec tsx src/pointcloud-convert.ts`.
import { fileURLToPath } from "node:url";
import { normalize } from "node:path";

import {
  encodeCompactFrame,
  kittiBytes,
  lasBytes,
  parsePointCloud,
  pcdBytes,
  plyBytes,
  pointCloudFormatOf,
  samplePoints,
} from "@taskforge/schema";

import { rateResult } from "./measure";
import type { Result } from "./measure";

const POINTS = Number(process.env.BENCH_POINTCLOUD_POINTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_POINTCLOUD_RUNS ?? 5);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Median seconds of `runs` calls. */
const seconds = (fn: () => unknown) => {
  fn(); // warm-up: the first call compiles
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    fn();
    samples.push((performance.now() - start) / 1000);
  }
  return median(samples);
};

export const benchPointCloudConvert = (): Result[] => {
  const points = samplePoints(POINTS, 3);
  const files: [string, string, Uint8Array][] = [
    ["PCD binary", "scan.pcd", pcdBytes(points, { data: "binary", intensity: true, rgb: true })],
    [
      "PCD binary_compressed",
      "scan.pcd",
      pcdBytes(points, { data: "binary_compressed", intensity: true, rgb: true }),
    ],
    ["PCD ascii", "scan.pcd", pcdBytes(points, { data: "ascii", intensity: true })],
    [
      "PLY binary_little_endian",
      "scan.ply",
      plyBytes(points, { format: "binary_little_endian", intensity: true, rgb: true }),
    ],
    ["PLY ascii", "scan.ply", plyBytes(points, { format: "ascii", intensity: true, rgb: true })],
    ["LAS 1.2 format 3", "scan.las", lasBytes(points, { format: 3 })],
    ["KITTI .bin", "000001.bin", kittiBytes(points)],
  ];
  return files.map(([name, filename, bytes]) => {
    const format = pointCloudFormatOf(bytes.subarray(0, 512), filename);
    if (!format || format === "json") throw new Error(`${name} was not detected`);
    const ours = seconds(() => encodeCompactFrame(parsePointCloud(format, bytes)));
    // Bytes as floats, whole: a copy of the file into a Float32Array.
    const baseline = seconds(
      () => new Float32Array(bytes.buffer.slice(0, bytes.length - (bytes.length % 4))),
    );
    return rateResult(
      `point-cloud conversion, ${name}, ${POINTS} points (${(bytes.length / 2 ** 20).toFixed(0)} MiB)`,
      "points/s",
      POINTS / ours,
      POINTS / baseline,
    );
  });
};

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  console.table(benchPointCloudConvert());
}
