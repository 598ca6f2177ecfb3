import type { LidarFrame, PointFrame } from "@taskforge/schema";
import { parsePointCloud, pointCloudFormatOf } from "@taskforge/schema";

/** One frame in the layout the GPU and the selection code want: flat typed arrays. */
export type PointCloud = {
  count: number;
  /** x, y, z per point. */
  positions: Float32Array;
  /** One per point, scaled to 0..1 for display; null when no point of the frame has one. */
  intensities: Float32Array | null;
  /** r, g, b per point (0..255); null when the frame has no colours. */
  colors: Uint8Array | null;
  min: { x: number; y: number; z: number };
  max: { x: number; y: number; z: number };
  images: NonNullable<LidarFrame["images"]>;
};

const isCameraImage = (value: unknown): value is NonNullable<LidarFrame["images"]>[number] =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { url?: unknown }).url === "string";

/**
 * Turns a parsed frame document into typed arrays. Checked point by point rather than with the
 * zod schema, which would build an issue tree for 200k tuples; the error names the first bad
 * point the way the schema would (`points[12]`).
 */
export const cloudFromFrame = (document: unknown): PointCloud => {
  const points = (document as { points?: unknown } | null)?.points;
  if (!Array.isArray(points)) throw new Error("points: must be an array of points");
  const count = points.length;
  const positions = new Float32Array(count * 3);
  const intensities = new Float32Array(count);
  let hasIntensity = false;
  const min = { x: Infinity, y: Infinity, z: Infinity };
  const max = { x: -Infinity, y: -Infinity, z: -Infinity };
  for (let i = 0; i < count; i += 1) {
    const point: unknown = points[i];
    if (
      !Array.isArray(point) ||
      (point.length !== 3 && point.length !== 4) ||
      !point.every((value) => typeof value === "number" && Number.isFinite(value))
    ) {
      throw new Error(`points[${i}]: must be [x, y, z] or [x, y, z, intensity]`);
    }
    const [x, y, z, intensity] = point as number[];
    positions[i * 3] = x ?? 0;
    positions[i * 3 + 1] = y ?? 0;
    positions[i * 3 + 2] = z ?? 0;
    if (intensity !== undefined) {
      intensities[i] = intensity;
      hasIntensity = true;
    }
    min.x = Math.min(min.x, x ?? 0);
    min.y = Math.min(min.y, y ?? 0);
    min.z = Math.min(min.z, z ?? 0);
    max.x = Math.max(max.x, x ?? 0);
    max.y = Math.max(max.y, y ?? 0);
    max.z = Math.max(max.z, z ?? 0);
  }
  if (count === 0) {
    min.x = min.y = min.z = 0;
    max.x = max.y = max.z = 0;
  }
  const images = (document as { images?: unknown }).images;
  return {
    count,
    positions,
    intensities: hasIntensity ? intensities : null,
    colors: null,
    min,
    max,
    images: Array.isArray(images) ? images.filter(isCameraImage) : [],
  };
};

/** Intensities as sensors give them (0..1, 0..255, 0..65535) scaled to 0..1, in place. */
const normalizeIntensities = (values: Float32Array) => {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (low >= 0 && high <= 1) return values;
  const span = high - low || 1;
  const scaled = new Float32Array(values.length);
  for (let i = 0; i < values.length; i += 1) scaled[i] = ((values[i] ?? low) - low) / span;
  return scaled;
};

/** A parsed binary frame (compact or a sensor format) as the viewer's cloud, sharing its arrays. */
export const cloudFromPoints = (frame: PointFrame): PointCloud => {
  const { count, positions } = frame;
  const min = { x: Infinity, y: Infinity, z: Infinity };
  const max = { x: -Infinity, y: -Infinity, z: -Infinity };
  for (let i = 0; i < count * 3; i += 3) {
    const [x, y, z] = [positions[i] ?? 0, positions[i + 1] ?? 0, positions[i + 2] ?? 0];
    if (x < min.x) min.x = x;
    if (y < min.y) min.y = y;
    if (z < min.z) min.z = z;
    if (x > max.x) max.x = x;
    if (y > max.y) max.y = y;
    if (z > max.z) max.z = z;
  }
  if (count === 0) {
    min.x = min.y = min.z = 0;
    max.x = max.y = max.z = 0;
  }
  return {
    count,
    positions,
    intensities: frame.intensities ? normalizeIntensities(frame.intensities) : null,
    colors: frame.colors,
    min,
    max,
    images: [],
  };
};

/**
 * A frame's bytes as a cloud: the compact frame uploads are converted to, a sensor format named
 * by URL (PCD, PLY, LAS, KITTI `.bin`, parsed here with the server's parsers), or a JSON frame.
 */
export const cloudFromBytes = (bytes: Uint8Array, url: string): PointCloud => {
  let path = url;
  try {
    path = new URL(url, "http://frame.invalid").pathname;
  } catch {
    // The name is only a hint for headerless KITTI scans.
  }
  const format = pointCloudFormatOf(bytes.subarray(0, 512), path);
  if (format !== undefined && format !== "json") {
    try {
      return cloudFromPoints(parsePointCloud(format, bytes));
    } catch (error) {
      throw new Error(`is not a readable point cloud: ${(error as Error).message}`);
    }
  }
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error("is not valid JSON");
  }
  return cloudFromFrame(document);
};

/**
 * Fetches a frame, reporting bytes received (and the total when the server says it), then
 * reads it (`cloudFromBytes`). Throws an Error that says which step failed.
 */
export const fetchFrame = async (
  url: string,
  onProgress: (received: number, total: number | undefined) => void,
  signal?: AbortSignal,
): Promise<PointCloud> => {
  const response = await fetch(url, { signal: signal ?? null });
  if (!response.ok) throw new Error(`could not be loaded (HTTP ${response.status})`);
  const length = Number(response.headers.get("content-length"));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress(received, total);
    }
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return cloudFromBytes(bytes, url);
};
