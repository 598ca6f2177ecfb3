import { viewOf } from "./binary";
import type { PointFrame } from "./frame";
import { checkPointCount, newFrame, PointCloudError, setIntensity, setPosition } from "./frame";

/** KITTI velodyne scans: no header, float32 x, y, z, reflectance per point, little-endian. */
export const KITTI_POINT_BYTES = 16;

export const parseKittiBin = (bytes: Uint8Array): PointFrame => {
  if (bytes.length % KITTI_POINT_BYTES !== 0)
    throw new PointCloudError(
      `its size (${bytes.length} bytes) is not a multiple of 16, as KITTI's float32 x, y, z, intensity points are`,
    );
  const count = bytes.length / KITTI_POINT_BYTES;
  checkPointCount(count, "its size");
  const frame = newFrame(count, { intensity: true, color: false });
  const view = viewOf(bytes);
  for (let i = 0; i < count; i += 1) {
    const at = i * KITTI_POINT_BYTES;
    setPosition(
      frame,
      i,
      view.getFloat32(at, true),
      view.getFloat32(at + 4, true),
      view.getFloat32(at + 8, true),
    );
    setIntensity(frame, i, view.getFloat32(at + 12, true));
  }
  return frame;
};
