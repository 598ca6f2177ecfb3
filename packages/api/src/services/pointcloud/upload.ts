import { Readable } from "node:stream";

import { pointCloudFormatOf } from "@taskforge/schema";

import type { IncomingFile } from "../files/files";
import { peekStream } from "../media/peek";
import { convertPointCloud, readWhole } from "./convert";

const HEAD_BYTES = 512;

/**
 * A file sent to `POST /files/upload` as it is to be stored: a sensor point cloud (PCD, PLY, LAS,
 * KITTI `.bin`, told by its bytes) converted to the compact frame, so a lidar task may name it
 * and the editor parses nothing; anything else (JSON frames too) streams on untouched.
 */
export const storedFormOfUpload = async (
  file: IncomingFile,
  maxBytes: number,
): Promise<IncomingFile> => {
  const { head, stream } = await peekStream(file.body, HEAD_BYTES);
  const format = pointCloudFormatOf(head, file.filename);
  if (format === undefined || format === "json") return { ...file, body: stream };
  const bytes = await readWhole(stream, maxBytes);
  try {
    const cloud = convertPointCloud(file.filename, bytes, maxBytes);
    return {
      body: Readable.from([cloud.bytes]),
      filename: file.filename,
      mediaType: cloud.mediaType,
    };
  } catch (error) {
    // A `.bin` is KITTI only by its name and shape: this store takes any file, so one that is
    // not a scan is kept as it came (a lidar task naming it fails in the editor, as a bad URL does).
    if (format === "kitti") return { ...file, body: Readable.from([bytes]) };
    throw error;
  }
};
