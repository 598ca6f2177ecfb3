/**
 * One point-cloud frame as every sensor format becomes it: flat typed arrays, one entry per point
 * in file order (a point's index is its index in a response's labels).
 */
export type PointFrame = {
  count: number;
  /** x, y, z per point, relative to `origin`. */
  positions: Float32Array;
  /**
   * Added to every position to give the file's coordinates. Float32 keeps about 7 digits, so
   * georeferenced scans (LAS in UTM, 500 km from their origin) are held relative to a point of
   * their own; other formats are already local and have the origin 0.
   */
  origin: { x: number; y: number; z: number };
  /** One per point, as the file gives it (not normalized); null when the format has none. */
  intensities: Float32Array | null;
  /** r, g, b per point, 0..255; null when the format has none. */
  colors: Uint8Array | null;
};

/**
 * Points one frame may hold, whatever its format: the editor keeps a frame's positions, colours
 * and labels in the browser, and 5M points (about 100 MB converted with intensity and colour) is
 * what a labelling machine's tab holds comfortably.
 */
export const MAX_POINTS_PER_FRAME = 5_000_000;

/** Why a file is not a frame; the message completes "<file> is not a point cloud: …". */
export class PointCloudError extends Error {
  override name = "PointCloudError";
}

/** Refuses a header's point count that cannot make a frame. */
export const checkPointCount = (count: number, what = "the header") => {
  if (!Number.isSafeInteger(count) || count < 0)
    throw new PointCloudError(`${what} gives ${count} points, which is not a count`);
  if (count === 0) throw new PointCloudError("it has no points");
  if (count > MAX_POINTS_PER_FRAME)
    throw new PointCloudError(
      `it has ${count} points; a frame may have at most ${MAX_POINTS_PER_FRAME} (split the scan)`,
    );
};

/** Bytes before the positions in a compact frame (see compact.ts). */
export const COMPACT_HEADER_BYTES = 40;

/** Where each array sits in a compact frame of `count` points, and its whole size. */
export const compactLayout = (count: number, has: { intensity: boolean; color: boolean }) => {
  const positions = COMPACT_HEADER_BYTES;
  const intensities = positions + count * 12;
  const colors = intensities + (has.intensity ? count * 4 : 0);
  return { positions, intensities, colors, bytes: colors + (has.color ? count * 3 : 0) };
};

/**
 * A frame of `count` points whose arrays are views into one buffer laid out as its compact form,
 * so converting a file holds the file and its converted frame, never a second copy.
 */
export const newFrame = (
  count: number,
  has: { intensity: boolean; color: boolean },
  origin = { x: 0, y: 0, z: 0 },
): PointFrame => {
  const layout = compactLayout(count, has);
  const buffer = new ArrayBuffer(layout.bytes);
  return {
    count,
    positions: new Float32Array(buffer, layout.positions, count * 3),
    origin,
    intensities: has.intensity ? new Float32Array(buffer, layout.intensities, count) : null,
    colors: has.color ? new Uint8Array(buffer, layout.colors, count * 3) : null,
  };
};

const FLOAT32_MAX = 3.4028234663852886e38;
const representable = (value: number) =>
  Number.isFinite(value) && value <= FLOAT32_MAX && value >= -FLOAT32_MAX;

/** Sets point `index`'s position, refusing NaN, ±Infinity and values past float32's range. */
export const setPosition = (frame: PointFrame, index: number, x: number, y: number, z: number) => {
  if (!representable(x) || !representable(y) || !representable(z))
    throw new PointCloudError(
      `point ${index} has a coordinate that is not a finite number (x=${x}, y=${y}, z=${z})`,
    );
  const at = index * 3;
  frame.positions[at] = x;
  frame.positions[at + 1] = y;
  frame.positions[at + 2] = z;
};

export const setIntensity = (frame: PointFrame, index: number, value: number) => {
  if (!frame.intensities) return;
  if (!representable(value))
    throw new PointCloudError(
      `point ${index} has an intensity that is not a finite number (${value})`,
    );
  frame.intensities[index] = value;
};

/** Clamps to 0..255: colours are shown, never checked against anything. */
export const setColor = (frame: PointFrame, index: number, r: number, g: number, b: number) => {
  if (!frame.colors) return;
  const at = index * 3;
  frame.colors[at] = r;
  frame.colors[at + 1] = g;
  frame.colors[at + 2] = b;
};
