import type { LidarFrame } from "@taskforge/schema";

/** One frame in the layout the GPU and the selection code want: flat typed arrays. */
export type PointCloud = {
  count: number;
  /** x, y, z per point. */
  positions: Float32Array;
  /** One per point; null when no point of the frame has one. */
  intensities: Float32Array | null;
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
    min,
    max,
    images: Array.isArray(images) ? images.filter(isCameraImage) : [],
  };
};

/**
 * Fetches a frame, reporting bytes received (and the total when the server says it), then
 * parses it. Throws an Error that says which step failed.
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
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error("is not valid JSON");
  }
  return cloudFromFrame(document);
};
