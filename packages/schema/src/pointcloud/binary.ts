import { PointCloudError } from "./frame";

/** The numeric types sensor formats store values in. */
export type NumberType =
  "int8" | "uint8" | "int16" | "uint16" | "int32" | "uint32" | "float32" | "float64";

export const NUMBER_BYTES: Readonly<Record<NumberType, number>> = {
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  float64: 8,
};

export type NumberReader = (view: DataView, at: number) => number;

export const numberReader = (type: NumberType, littleEndian: boolean): NumberReader => {
  switch (type) {
    case "int8":
      return (view, at) => view.getInt8(at);
    case "uint8":
      return (view, at) => view.getUint8(at);
    case "int16":
      return (view, at) => view.getInt16(at, littleEndian);
    case "uint16":
      return (view, at) => view.getUint16(at, littleEndian);
    case "int32":
      return (view, at) => view.getInt32(at, littleEndian);
    case "uint32":
      return (view, at) => view.getUint32(at, littleEndian);
    case "float32":
      return (view, at) => view.getFloat32(at, littleEndian);
    case "float64":
      return (view, at) => view.getFloat64(at, littleEndian);
  }
};

/** Stands in for a reader that is always there (typed lookups may say undefined). */
export const zero: NumberReader = () => 0;

export const viewOf = (bytes: Uint8Array) =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * A text header's lines (PCD, PLY) up to and including the line `isLast` accepts, and the offset
 * of the byte after it, where the data starts. Headers are short: one longer than `limit` bytes
 * is refused rather than searched for through a binary body.
 */
export const readTextHeader = (
  bytes: Uint8Array,
  isLast: (line: string) => boolean,
  missing: string,
  limit = 64 * 1024,
) => {
  const lines: string[] = [];
  let start = 0;
  const end = Math.min(bytes.length, limit);
  for (let i = 0; i < end; i += 1) {
    if (bytes[i] !== 0x0a) continue;
    const line = new TextDecoder("latin1").decode(bytes.subarray(start, i)).replace(/\r$/, "");
    lines.push(line);
    start = i + 1;
    if (isLast(line.trim())) return { lines, dataOffset: start };
  }
  // A header whose last line is also the file's last (ascii data of no points, or no newline).
  if (end === bytes.length && start < end) {
    const line = new TextDecoder("latin1").decode(bytes.subarray(start, end)).trim();
    if (isLast(line)) return { lines: [...lines, line], dataOffset: end };
  }
  throw new PointCloudError(missing);
};

/** The data lines of an ascii body, blank ones skipped; each with its tokens. */
export function* asciiRows(bytes: Uint8Array, from: number) {
  const text = new TextDecoder("latin1").decode(bytes.subarray(from));
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line) yield line.split(/\s+/);
  }
}
