import { LidarFrameSchema, MAX_POINTS_PER_FRAME } from "@taskforge/schema";

import { badRequest } from "../../errors";

const notAFrame = (filename: string, reason: string) =>
  badRequest(
    `"${filename}" is not a point-cloud frame: ${reason}. A frame is a JSON object {"points": [[x, y, z], ...]} (see the lidarsegmentation type). Nothing was stored.`,
  );

/**
 * Checks that JSON bytes are a frame the lidar editor reads (`LidarFrameSchema`; any other JSON
 * is refused before it is stored) and returns its point count. JSON frames are stored as they
 * are: they are the lidar type's own format, which its tasks may also name by URL.
 */
export const checkJsonFrame = (filename: string, bytes: Buffer): number => {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw notAFrame(filename, `it is not valid JSON (${(error as Error).message})`);
  }
  const parsed = LidarFrameSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "the document";
    throw notAFrame(filename, `${where} ${issue?.message ?? "is not a frame"}`);
  }
  const count = parsed.data.points.length;
  if (count === 0) throw notAFrame(filename, "it has no points");
  if (count > MAX_POINTS_PER_FRAME)
    throw notAFrame(
      filename,
      `it has ${count} points; a frame may have at most ${MAX_POINTS_PER_FRAME} (split the scan)`,
    );
  return count;
};
