import { decodeCompactFrame } from "./compact";
import type { PointCloudFormat } from "./detect";
import type { PointFrame } from "./frame";
import { PointCloudError } from "./frame";
import { parseKittiBin } from "./kitti";
import { parseLas } from "./las";
import { parsePcd } from "./pcd";
import { parsePly } from "./ply";

/** A binary point cloud of a detected format as a frame; JSON frames are read by their schema. */
export const parsePointCloud = (
  format: Exclude<PointCloudFormat, "json">,
  bytes: Uint8Array,
): PointFrame => {
  switch (format) {
    case "compact":
      return decodeCompactFrame(bytes);
    case "pcd":
      return parsePcd(bytes);
    case "ply":
      return parsePly(bytes);
    case "las":
    case "laz":
      return parseLas(bytes);
    case "kitti":
      return parseKittiBin(bytes);
  }
  throw new PointCloudError(`its format ${String(format)} is not read`);
};
