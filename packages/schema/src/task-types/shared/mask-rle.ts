/**
 * Run-length encoded label masks for segmentannotation, browser-safe (atob/btoa and DataView;
 * no Node Buffer).
 *
 * Pixels are read row by row from the top-left corner. Each pixel holds a label index (0 =
 * unlabeled). Consecutive equal indices form runs, stored as (count, index) pairs of
 * little-endian Uint32 (8 bytes per run, fixed byte order so every machine writes the same
 * bytes), then standard base64. The same layout as lidar segmentation's per-point labels.
 *
 *   indices [2, 2, 2, 0] → runs (3, 2), (1, 0)
 *   → 03 00 00 00 02 00 00 00 01 00 00 00 00 00 00 00 → "AwAAAAIAAAABAAAAAAAAAA=="
 */
export type MaskRle = { width: number; height: number; encoding: "rle"; data: string };
export type MaskRun = { count: number; index: number };

const BYTES_PER_RUN = 8;
const MAX_UINT32 = 0xffffffff;
// String.fromCharCode takes its arguments on the stack, so large buffers go in chunks.
const CHUNK_BYTES = 0x8000;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const bytesToBase64 = (bytes: Uint8Array): string => {
  let binary = "";
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK_BYTES));
  }
  return btoa(binary);
};

/** Strict: atob tolerates whitespace and missing padding, which would make two spellings valid. */
const base64ToBytes = (data: string): Uint8Array => {
  if (!BASE64.test(data)) throw new Error("is not valid base64");
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
};

export const encodeRuns = (runs: readonly MaskRun[]): string => {
  const view = new DataView(new ArrayBuffer(runs.length * BYTES_PER_RUN));
  runs.forEach(({ count, index }, i) => {
    view.setUint32(i * BYTES_PER_RUN, count, true);
    view.setUint32(i * BYTES_PER_RUN + 4, index, true);
  });
  return bytesToBase64(new Uint8Array(view.buffer));
};

/**
 * Decodes runs without expanding them to pixels (consolidation works on runs). Throws an Error
 * whose message reads after a field path ("is not valid base64").
 */
export const decodeRuns = (data: string): MaskRun[] => {
  const bytes = base64ToBytes(data);
  if (bytes.length % BYTES_PER_RUN !== 0) {
    throw new Error(
      `decodes to ${bytes.length} bytes, not a whole number of 8-byte (count, index) runs`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const runs: MaskRun[] = [];
  for (let offset = 0; offset < bytes.length; offset += BYTES_PER_RUN) {
    const count = view.getUint32(offset, true);
    if (count === 0) throw new Error(`run ${offset / BYTES_PER_RUN} has a count of 0`);
    runs.push({ count, index: view.getUint32(offset + 4, true) });
  }
  return runs;
};

/** Appends a run, merging it into the previous one when the index repeats. */
export const pushRun = (runs: MaskRun[], count: number, index: number): void => {
  const last = runs[runs.length - 1];
  if (last !== undefined && last.index === index) last.count += count;
  else if (count > 0) runs.push({ count, index });
};

/** Encodes one label index per pixel (row-major). Throws a RangeError on bad input. */
export const encodeMask = (
  indices: Uint8Array | Uint16Array | readonly number[],
  width: number,
  height: number,
): MaskRle => {
  if (indices.length !== width * height) {
    throw new RangeError(
      `expected ${width}×${height} = ${width * height} indices, got ${indices.length}`,
    );
  }
  const runs: MaskRun[] = [];
  for (let i = 0; i < indices.length; i += 1) {
    const index = indices[i] ?? 0;
    if (!Number.isInteger(index) || index < 0 || index > MAX_UINT32) {
      throw new RangeError(
        `index of pixel ${i} must be an integer from 0 to ${MAX_UINT32}, got ${index}`,
      );
    }
    pushRun(runs, 1, index);
  }
  return { width, height, encoding: "rle", data: encodeRuns(runs) };
};

/** Expands a mask to one index per pixel; throws when its runs do not cover width×height. */
export const decodeMask = (mask: Pick<MaskRle, "width" | "height" | "data">): Uint32Array => {
  const runs = decodeRuns(mask.data);
  const total = runs.reduce((sum, run) => sum + run.count, 0);
  if (total !== mask.width * mask.height) {
    throw new Error(
      `runs cover ${total} pixels, but the mask is ${mask.width}×${mask.height} = ${mask.width * mask.height}`,
    );
  }
  const pixels = new Uint32Array(total);
  let offset = 0;
  for (const run of runs) {
    pixels.fill(run.index, offset, offset + run.count);
    offset += run.count;
  }
  return pixels;
};

/**
 * Walks several run lists in step, calling `visit` once per stretch of pixels over which no
 * list changes index. Lists shorter than the others are treated as ending there.
 */
export const alignRuns = (
  lists: readonly (readonly MaskRun[])[],
  visit: (length: number, indices: readonly number[]) => void,
): void => {
  const position = lists.map(() => 0);
  const remaining = lists.map((runs) => runs[0]?.count ?? 0);
  for (;;) {
    if (remaining.some((left) => left === 0)) return;
    const length = Math.min(...remaining);
    visit(
      length,
      lists.map((runs, i) => runs[position[i] ?? 0]?.index ?? 0),
    );
    lists.forEach((runs, i) => {
      const left = (remaining[i] ?? 0) - length;
      if (left > 0) {
        remaining[i] = left;
      } else {
        position[i] = (position[i] ?? 0) + 1;
        remaining[i] = runs[position[i] ?? 0]?.count ?? 0;
      }
    });
  }
};
