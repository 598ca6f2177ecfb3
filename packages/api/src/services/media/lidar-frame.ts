import { Readable } from "node:stream";

import { LidarFrameSchema } from "@taskforge/schema";

import { badRequest } from "../../errors";
import { fileTooLarge } from "../files/storage";

const notAFrame = (filename: string, reason: string) =>
  badRequest(
    `"${filename}" is not a point-cloud frame: ${reason}. A frame is a JSON object {"points": [[x, y, z], ...]} (see the lidarsegmentation type). Nothing was stored.`,
  );

/**
 * Reads a point-cloud file whole (at most `maxBytes`, the limit of any file) and checks it is a
 * frame the lidar editor reads (`LidarFrameSchema`): any other JSON is refused before it is
 * stored. Returns the bytes, to be stored as they are.
 */
export const readLidarFrame = async (
  filename: string,
  body: Readable,
  maxBytes: number,
): Promise<Buffer> => {
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
  checkLidarFrame(filename, Buffer.concat(chunks));
  return Buffer.concat(chunks);
};

/** Throws a 400 naming the file and what is wrong when the bytes are not a lidar frame. */
export const checkLidarFrame = (filename: string, bytes: Buffer) => {
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
};

/** The frame's bytes as a stream again, for storage. */
export const streamOf = (bytes: Buffer) => Readable.from([bytes]);
