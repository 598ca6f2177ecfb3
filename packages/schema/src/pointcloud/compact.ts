import type { PointFrame } from "./frame";
import {
  COMPACT_HEADER_BYTES,
  compactLayout,
  MAX_POINTS_PER_FRAME,
  PointCloudError,
} from "./frame";

/**
 * The one binary layout every point cloud is converted to, once, when it is uploaded; the lidar
 * editor reads it without parsing (typed-array views over the bytes). Little-endian:
 *
 *   0   "TFPC"            magic
 *   4   u8  version       1
 *   5   u8  flags         bit 0: intensities present, bit 1: colours present
 *   6   u16 reserved      0
 *   8   u32 count         points
 *   12  u32 reserved      0
 *   16  f64 origin x, y, z (added to every position)
 *   40  f32 x, y, z       per point
 *   …   f32 intensity     per point, when flagged
 *   …   u8  r, g, b       per point, when flagged
 */
export const COMPACT_FRAME_MEDIA_TYPE = "application/vnd.taskforge.pointcloud";
export const COMPACT_FRAME_MAGIC = "TFPC";
const VERSION = 1;
const HAS_INTENSITY = 1;
const HAS_COLOR = 2;

export const isCompactFrame = (bytes: Uint8Array) =>
  bytes.length >= 4 &&
  String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, bytes[3] ?? 0) === "TFPC";

const layoutOf = (frame: Pick<PointFrame, "count" | "intensities" | "colors">) =>
  compactLayout(frame.count, {
    intensity: frame.intensities !== null,
    color: frame.colors !== null,
  });

/**
 * The frame's compact bytes. A frame made by `newFrame` already lies in them after the header:
 * the header is written in place and nothing is copied.
 */
export const encodeCompactFrame = (frame: PointFrame): Uint8Array => {
  const layout = layoutOf(frame);
  const buffer = frame.positions.buffer;
  const inBuffer = (array: Float32Array | Uint8Array | null, at: number) =>
    array === null || (array.buffer === buffer && array.byteOffset === at);
  const inPlace =
    buffer.byteLength === layout.bytes &&
    inBuffer(frame.positions, layout.positions) &&
    inBuffer(frame.intensities, layout.intensities) &&
    inBuffer(frame.colors, layout.colors);
  const out = inPlace ? new Uint8Array(buffer) : new Uint8Array(layout.bytes);
  const view = new DataView(out.buffer);
  out.set([0x54, 0x46, 0x50, 0x43]);
  view.setUint8(4, VERSION);
  view.setUint8(5, (frame.intensities ? HAS_INTENSITY : 0) | (frame.colors ? HAS_COLOR : 0));
  view.setUint16(6, 0, true);
  view.setUint32(8, frame.count, true);
  view.setUint32(12, 0, true);
  view.setFloat64(16, frame.origin.x, true);
  view.setFloat64(24, frame.origin.y, true);
  view.setFloat64(32, frame.origin.z, true);
  if (inPlace) return out;
  // Typed arrays are in the platform's byte order; every platform that runs this is little-endian.
  const bytesOf = (array: Float32Array) =>
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  out.set(bytesOf(frame.positions.subarray(0, frame.count * 3)), layout.positions);
  if (frame.intensities)
    out.set(bytesOf(frame.intensities.subarray(0, frame.count)), layout.intensities);
  if (frame.colors) out.set(frame.colors.subarray(0, frame.count * 3), layout.colors);
  return out;
};

/** Views over a compact frame's bytes (copied only when they are not 4-byte aligned). */
export const decodeCompactFrame = (bytes: Uint8Array): PointFrame => {
  if (!isCompactFrame(bytes) || bytes.length < COMPACT_HEADER_BYTES)
    throw new PointCloudError("it is not a converted frame (no TFPC header)");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint8(4) !== VERSION)
    throw new PointCloudError(`its frame version ${view.getUint8(4)} is not known`);
  const flags = view.getUint8(5);
  const count = view.getUint32(8, true);
  if (count > MAX_POINTS_PER_FRAME) throw new PointCloudError(`it has ${count} points`);
  const has = { intensities: (flags & HAS_INTENSITY) !== 0, colors: (flags & HAS_COLOR) !== 0 };
  const layout = compactLayout(count, { intensity: has.intensities, color: has.colors });
  const expected = layout.bytes;
  if (bytes.length !== expected)
    throw new PointCloudError(`it has ${bytes.length} bytes where its header implies ${expected}`);
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const base = aligned.byteOffset;
  const positions = new Float32Array(aligned.buffer, base + layout.positions, count * 3);
  const intensities = has.intensities
    ? new Float32Array(aligned.buffer, base + layout.intensities, count)
    : null;
  const colors = has.colors
    ? new Uint8Array(aligned.buffer, base + layout.colors, count * 3)
    : null;
  return {
    count,
    positions,
    origin: {
      x: view.getFloat64(16, true),
      y: view.getFloat64(24, true),
      z: view.getFloat64(32, true),
    },
    intensities,
    colors,
  };
};

/** The point count of a compact frame from its header alone. */
export const compactFramePointCount = (head: Uint8Array) =>
  isCompactFrame(head) && head.length >= 12
    ? new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(8, true)
    : undefined;
