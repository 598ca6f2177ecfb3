import pLimit from "p-limit";
import { COMPACT_FRAME_MEDIA_TYPE, compactFramePointCount, isRecord } from "@taskforge/schema";
import type { ResponseIssue } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import type { Scope } from "../../scope";
import { worldOf } from "../../scope";
import { filesConfig } from "../files/config";
import { fileIdOf } from "../files/references";

type Input = Record<string, unknown>;
type Outcome = Input | ResponseIssue[];

// Heads read at once: each is 12 bytes of one stored file.
const READ_CONCURRENCY = 8;

/** The frame URLs of a lidar input that leaves its point counts out, when all are uploads. */
const uploadedFramesOf = (outcome: Outcome): string[] | null => {
  if (Array.isArray(outcome) || outcome.type !== "lidarsegmentation") return null;
  const { params } = outcome;
  if (!isRecord(params) || params.frame_point_counts !== undefined) return null;
  const { attachments } = params;
  if (!Array.isArray(attachments) || attachments.length === 0) return null;
  const ids = attachments.map((url) => (typeof url === "string" ? fileIdOf(url) : null));
  return ids.every((id): id is string => id !== null) ? ids : null;
};

const pointCountOf = async (storageKey: string) => {
  const head: Buffer[] = [];
  const stream = await filesConfig().storage.open(storageKey, { start: 0, end: 11 });
  for await (const chunk of stream) head.push(chunk as Buffer);
  return compactFramePointCount(new Uint8Array(Buffer.concat(head)));
};

/**
 * For lidar inputs whose frames are all uploaded point clouds stored converted (compact frames
 * know their points in their header) and that leave `frame_point_counts` out: fills it in, so
 * responses are checked against the frames' real sizes. Any other input (remote or JSON frames,
 * another organization's file, which the references check refuses) comes back as it was.
 */
export const fillFramePointCounts = async (
  db: DbClient,
  scope: Scope,
  outcomes: readonly Outcome[],
): Promise<Outcome[]> => {
  const frames = outcomes.map(uploadedFramesOf);
  const ids = [...new Set(frames.flatMap((list) => list ?? []))];
  if (ids.length === 0) return [...outcomes];
  const rows = await db.file.findMany({
    where: { ...worldOf(scope), id: { in: ids }, mimeType: COMPACT_FRAME_MEDIA_TYPE },
    select: { id: true, storageKey: true },
  });
  const limit = pLimit(READ_CONCURRENCY);
  const counts = new Map(
    await Promise.all(
      rows.map(async (row) => [row.id, await limit(() => pointCountOf(row.storageKey))] as const),
    ),
  );
  return outcomes.map((outcome, index) => {
    const list = frames[index];
    if (!list || Array.isArray(outcome)) return outcome;
    const known = list.map((id) => counts.get(id));
    if (!known.every((count): count is number => count !== undefined)) return outcome;
    return { ...outcome, params: { ...(outcome.params as Input), frame_point_counts: known } };
  });
};
