import { extname } from "node:path";

import { COMPACT_FRAME_MEDIA_TYPE } from "@taskforge/schema";

import { badRequest } from "../../errors";

// Point clouds have no registered media types; these are the names tools send for them.
const POINT_CLOUD_TYPES = [
  "application/octet-stream",
  "application/vnd.las",
  "application/vnd.laszip",
  "application/x-las",
  "application/x-laz",
  "application/x-pcd",
  "application/x-ply",
  "model/x-ply",
  // Sensor point clouds are stored converted to the lidar editor's compact frame.
  COMPACT_FRAME_MEDIA_TYPE,
];

const EXACT_TYPES = new Set([
  "application/pdf",
  "text/plain",
  "text/csv",
  "application/json",
  "application/x-ndjson",
  ...POINT_CLOUD_TYPES,
]);

const FAMILIES = ["image/", "video/", "audio/"];

/** A media type without parameters, lower case: `Text/CSV; charset=utf-8` → `text/csv`. */
export const essenceOf = (contentType: string | null | undefined) =>
  (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

const BY_EXTENSION: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".mp3": "audio/mpeg",
  ".wav": "audio/wav",
  ".pdf": "application/pdf",
  ".txt": "text/plain",
  ".csv": "text/csv",
  ".json": "application/json",
  ".jsonl": "application/x-ndjson",
  ".ndjson": "application/x-ndjson",
};

/**
 * The type to store: the declared one, or, when the sender only said "some bytes" (or nothing),
 * the one its file name implies.
 */
export const mediaTypeOf = (declared: string | null | undefined, filename: string) => {
  const essence = essenceOf(declared);
  if (essence && essence !== "application/octet-stream") return essence;
  return BY_EXTENSION[extname(filename).toLowerCase()] ?? "application/octet-stream";
};

/** Refuses anything but images, video, audio, PDF, text/CSV/JSON(L) and point-cloud binaries. */
export const assertAllowedType = (mediaType: string) => {
  if (EXACT_TYPES.has(mediaType) || FAMILIES.some((family) => mediaType.startsWith(family))) return;
  throw badRequest(
    `file: the type "${mediaType || "(none)"}" is not allowed; upload an image, video, audio, PDF, ` +
      "text/plain, text/csv, JSON, JSON Lines or point-cloud (application/octet-stream) file.",
  );
};
