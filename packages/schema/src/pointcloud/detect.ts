import { isCompactFrame, COMPACT_FRAME_MEDIA_TYPE } from "./compact";
import { isLazHeader } from "./las";

export const POINT_CLOUD_FORMATS = [
  "json",
  "compact",
  "pcd",
  "ply",
  "las",
  "laz",
  "kitti",
] as const;
export type PointCloudFormat = (typeof POINT_CLOUD_FORMATS)[number];

/** The media type each format is received as (sensor formats are stored converted). */
export const POINT_CLOUD_MEDIA_TYPES: Readonly<Record<PointCloudFormat, string>> = {
  json: "application/json",
  compact: COMPACT_FRAME_MEDIA_TYPE,
  pcd: "application/x-pcd",
  ply: "application/x-ply",
  las: "application/vnd.las",
  laz: "application/vnd.laszip",
  kitti: "application/octet-stream",
};

const text = (head: Uint8Array, length: number) =>
  new TextDecoder("latin1").decode(head.subarray(0, length));

const firstNonSpace = (head: Uint8Array) => {
  for (const byte of head)
    if (![0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf].includes(byte)) return byte;
  return undefined;
};

const isBinName = (name: string | undefined) => /\.bin$/i.test((name ?? "").split(/[?#]/)[0] ?? "");

/**
 * Whether a head could start a KITTI scan. The format has no magic number, so a `.bin` name is
 * required, and the bytes must read as finite float32s (random or other binary data soon holds a
 * NaN or an infinity); the parser checks the rest (size a multiple of 16, every float finite).
 */
const looksLikeKitti = (head: Uint8Array) => {
  if (head.length < 16) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  for (let at = 0; at + 4 <= head.length; at += 4)
    if (!Number.isFinite(view.getFloat32(at, true))) return false;
  return true;
};

/**
 * A point cloud's format from its first bytes (and, for headerless KITTI scans only, its name):
 * PCD's `# .PCD`/`VERSION`/`FIELDS` header, `ply`, LAS's `LASF` (LAZ by its compression bit),
 * our converted `TFPC` frames and JSON frames. Undefined for anything else.
 */
export const pointCloudFormatOf = (
  head: Uint8Array,
  name?: string,
): PointCloudFormat | undefined => {
  if (isCompactFrame(head)) return "compact";
  const start = text(head, 16);
  if (/^(# \.PCD|VERSION\s|FIELDS\s)/.test(start)) return "pcd";
  if (/^ply\r?\n/.test(start)) return "ply";
  if (start.startsWith("LASF")) return isLazHeader(head) ? "laz" : "las";
  const first = firstNonSpace(head);
  if (first === 0x7b || first === 0x5b) return "json";
  if (isBinName(name) && looksLikeKitti(head)) return "kitti";
  return undefined;
};
