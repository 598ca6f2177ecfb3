/**
 * Compact encoding of per-point label indices for lidar segmentation responses.
 *
 * A frame can hold hundreds of thousands of points, and neighbouring points usually share a
 * label, so instead of a JSON number per point a response carries runs: the label indices are
 * run-length encoded as (count, label) pairs, stored as a Uint32Array in little-endian byte
 * order (fixed, so the bytes are the same on every machine) and serialized as standard base64.
 *
 *   labels [3, 3, 3, 0, 7, 7] → runs (3, 3), (1, 0), (2, 7)
 *   → uint32 LE 03 00 00 00 03 00 00 00 01 00 00 00 00 00 00 00 02 00 00 00 07 00 00 00
 *   → base64 "AwAAAAMAAAABAAAAAAAAAAIAAAAHAAAA"
 *
 * Zero points encode as "". Decoders accept adjacent runs of the same label, but reject runs of
 * zero points. Only atob/btoa and DataView are used, so this runs in browsers as well as Node.
 */

/** Label indices are stored per point in a Uint16Array, so 65535 is the highest index. */
export const MAX_LABEL_INDEX = 0xffff;
/**
 * Decoding refuses more points than this unless told otherwise: a 32-byte string could
 * otherwise claim billions of points and exhaust memory. 2^25 points (64 MB of labels) is far
 * above a real lidar sweep (typically 50k to a few million points).
 */
export const DEFAULT_MAX_DECODED_POINTS = 2 ** 25;

const BYTES_PER_RUN = 8;
// String.fromCharCode takes its arguments on the stack, so large buffers go in chunks.
const CHUNK_BYTES = 0x8000;

const bytesToBase64 = (bytes: Uint8Array): string => {
  let binary = "";
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK_BYTES));
  }
  return btoa(binary);
};

const base64ToBytes = (encoded: string): Uint8Array => {
  let binary: string;
  try {
    binary = atob(encoded);
  } catch {
    throw new Error("is not valid base64");
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
};

/** Encodes one label index per point; throws a RangeError on a non-integer or out-of-range index. */
export const encodeLabels = (labels: Uint16Array | readonly number[]): string => {
  const runs: [count: number, label: number][] = [];
  for (let index = 0; index < labels.length; index += 1) {
    const label = labels[index] ?? 0;
    if (!Number.isInteger(label) || label < 0 || label > MAX_LABEL_INDEX) {
      throw new RangeError(
        `label of point ${index} must be an integer from 0 to ${MAX_LABEL_INDEX}, got ${label}`,
      );
    }
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === label) last[0] += 1;
    else runs.push([1, label]);
  }
  const view = new DataView(new ArrayBuffer(runs.length * BYTES_PER_RUN));
  runs.forEach(([count, label], run) => {
    view.setUint32(run * BYTES_PER_RUN, count, true);
    view.setUint32(run * BYTES_PER_RUN + 4, label, true);
  });
  return bytesToBase64(new Uint8Array(view.buffer));
};

/**
 * Decodes `encodeLabels` output into one label index per point. Throws an Error whose message
 * describes the problem (phrased to follow a field path, e.g. "is not valid base64").
 */
export const decodeLabels = (
  encoded: string,
  maxPoints: number = DEFAULT_MAX_DECODED_POINTS,
): Uint16Array => {
  const bytes = base64ToBytes(encoded);
  if (bytes.length % BYTES_PER_RUN !== 0) {
    throw new Error(
      `decodes to ${bytes.length} bytes, which is not a whole number of 8-byte (count, label) runs`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const runCount = bytes.length / BYTES_PER_RUN;
  let total = 0;
  for (let run = 0; run < runCount; run += 1) {
    const count = view.getUint32(run * BYTES_PER_RUN, true);
    const label = view.getUint32(run * BYTES_PER_RUN + 4, true);
    if (count === 0) throw new Error(`run ${run} has a count of 0`);
    if (label > MAX_LABEL_INDEX) {
      throw new Error(`run ${run} has label ${label}, above the maximum of ${MAX_LABEL_INDEX}`);
    }
    total += count;
    if (total > maxPoints) throw new Error(`decodes to more than ${maxPoints} points`);
  }
  const labels = new Uint16Array(total);
  let offset = 0;
  for (let run = 0; run < runCount; run += 1) {
    const count = view.getUint32(run * BYTES_PER_RUN, true);
    labels.fill(view.getUint32(run * BYTES_PER_RUN + 4, true), offset, offset + count);
    offset += count;
  }
  return labels;
};
