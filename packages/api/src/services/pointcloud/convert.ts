import type { Readable } from "node:stream";

import type { PointCloudFormat } from "@taskforge/schema";
import {
  COMPACT_FRAME_MEDIA_TYPE,
  encodeCompactFrame,
  parsePointCloud,
  PointCloudError,
  pointCloudFormatOf,
} from "@taskforge/schema";

import { badRequest } from "../../errors";
import { fileTooLarge } from "../files/storage";
import { checkJsonFrame } from "./json-frame";

/** A point cloud as it is stored: JSON frames as they came, every other format converted. */
export type StoredPointCloud = { bytes: Buffer; mediaType: string; pointCount: number };

const FORMAT_NAMES: Readonly<Record<PointCloudFormat, string>> = {
  json: "JSON frame",
  compact: "converted frame",
  pcd: "PCD",
  ply: "PLY",
  las: "LAS",
  laz: "LAZ",
  kitti: "KITTI .bin",
};

/**
 * Checks a whole point-cloud file and returns what to store: a JSON frame as it is, any sensor
 * format (PCD, PLY, LAS, KITTI .bin) converted once into the compact frame the editor reads, so
 * no reader ever parses it again. Throws a 400 naming the file, its format and the first problem
 * (the point index for a bad coordinate); nothing is stored then.
 */
export const convertPointCloud = (
  filename: string,
  bytes: Buffer,
  maxBytes: number,
): StoredPointCloud => {
  const format = pointCloudFormatOf(bytes.subarray(0, 512), filename);
  if (format === "json" || format === undefined) {
    const pointCount = checkJsonFrame(filename, bytes);
    return { bytes, mediaType: "application/json", pointCount };
  }
  let converted: Uint8Array;
  let pointCount: number;
  try {
    const frame = parsePointCloud(format, bytes);
    pointCount = frame.count;
    converted = encodeCompactFrame(frame);
  } catch (error) {
    if (!(error instanceof PointCloudError)) throw error;
    throw badRequest(
      `"${filename}" is not a readable point cloud (${FORMAT_NAMES[format]}): ${error.message}. Nothing was stored.`,
    );
  }
  if (converted.length > maxBytes)
    throw badRequest(
      `"${filename}" converts to a frame of ${converted.length} bytes, more than the file limit of ${maxBytes} bytes (TASKFORGE_MAX_FILE_BYTES). Nothing was stored.`,
    );
  const stored = Buffer.from(converted.buffer, converted.byteOffset, converted.byteLength);
  return { bytes: stored, mediaType: COMPACT_FRAME_MEDIA_TYPE, pointCount };
};

/**
 * Reads a point-cloud file whole (at most `maxBytes`, the limit of any file: a parser needs the
 * whole file) and converts it; memory holds the file and its converted frame, nothing more.
 */
export const readPointCloud = async (
  filename: string,
  body: Readable,
  maxBytes: number,
): Promise<StoredPointCloud> =>
  convertPointCloud(filename, await readWhole(body, maxBytes), maxBytes);

/** A stream's bytes, refused past `maxBytes`. */
export const readWhole = async (body: Readable, maxBytes: number): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw fileTooLarge(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
};
