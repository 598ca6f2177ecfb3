import { Readable } from "node:stream";

import type { FileAttachmentRule, MediaKind, MediaTask, Project } from "@taskforge/schema";
import {
  describeMediaKinds,
  fileAttachmentRuleOf,
  mediaKindOfName,
  MEDIA_KIND_NAMES,
} from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import { badRequest, conflict } from "../../errors";
import type { Scope } from "../../scope";
import { worldOf } from "../../scope";
import { attachmentUrlOf, filesConfig, removeFile, storeFile } from "../files";
import { createTask } from "../tasks";
import { readPointCloud } from "../pointcloud";
import { peekStream } from "./peek";
import { readPdf } from "./pdf-document";
import { SNIFF_BYTES, sniffMedia } from "./sniff";

/** The rule of a project's type, or a refusal naming what the type takes instead. */
export const attachmentRuleOfProject = (project: Project): FileAttachmentRule => {
  const rule = fileAttachmentRuleOf(project.type);
  if (!rule) {
    throw badRequest(
      `Projects of type ${project.type} are not made from files: create their tasks from a JSONL or CSV file instead.`,
    );
  }
  return rule;
};

const refusedKind = (project: Project, rule: FileAttachmentRule, filename: string, what: string) =>
  badRequest(
    `"${filename}" is ${what}; projects of type ${project.type} take ${describeMediaKinds(rule.kinds)}. Nothing was stored.`,
  );

/**
 * Checks a file's first bytes against what the project's type can label, and against its name
 * (a PDF named `.png` is refused rather than guessed at). Returns the kind and the media type to
 * store; throws before anything is stored.
 */
export const checkMediaHead = (
  project: Project,
  rule: FileAttachmentRule,
  filename: string,
  head: Uint8Array,
): { kind: MediaKind; mediaType: string } => {
  if (head.length === 0) throw badRequest(`"${filename}" is empty. Nothing was stored.`);
  const sniffed = sniffMedia(head, filename);
  if (!sniffed) throw refusedKind(project, rule, filename, "of no kind taskforge can label");
  if (sniffed.kind === "zip")
    throw refusedKind(project, rule, filename, "a zip archive inside a zip archive");
  const named = mediaKindOfName(filename);
  if (named && named !== sniffed.kind) {
    throw badRequest(
      `"${filename}" is named like one of the ${MEDIA_KIND_NAMES[named]} but its bytes are one of the ${MEDIA_KIND_NAMES[sniffed.kind]}. Nothing was stored.`,
    );
  }
  if (!rule.kinds.includes(sniffed.kind)) {
    throw refusedKind(project, rule, filename, `one of the ${MEDIA_KIND_NAMES[sniffed.kind]}`);
  }
  return sniffed;
};

/**
 * Refuses bytes the project already holds. Run in the transaction that records the new file,
 * under a lock on (organization, world, project, hash): two identical uploads racing take turns,
 * and the second sees the first's row.
 */
const refuseCopies =
  (scope: Scope, project: string, filename: string) => async (tx: DbClient, sha256: string) => {
    const lockKey = `media:${scope.organizationId}:${scope.isTest}:${project}:${sha256}`;
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`;
    const earlier = await tx.file.findFirst({
      where: { ...worldOf(scope), sha256, projectNames: { has: project } },
      select: { filename: true },
    });
    if (earlier) throw duplicateFile(filename, project, earlier);
  };

export const duplicateFile = (filename: string, project: string, earlier: { filename: string }) =>
  conflict(
    `"${filename}" is already in project ${project} (the same bytes as "${earlier.filename}"). Nothing was stored.`,
  );

/**
 * One media file into one task of the project: its kind is checked from its first bytes, then it
 * is streamed into storage (the files service) and becomes a task through the task create service
 * with the project named, so the project's params are inherited as on every create path. A
 * duplicate of a file the project holds, or a task the params do not allow, removes the stored
 * file again: a refused file leaves nothing behind.
 */
export const addMediaTask = async (
  scope: Scope,
  project: Project,
  file: { filename: string; body: Readable },
): Promise<MediaTask> => {
  const rule = attachmentRuleOfProject(project);
  const { head, stream } = await peekStream(file.body, SNIFF_BYTES);
  const { kind, mediaType } = checkMediaHead(project, rule, file.filename, head);
  // A point cloud is read whole and checked (any JSON starts like a frame), and a sensor format
  // is stored converted: its task then knows its points and the editor parses nothing. A PDF must
  // open, within the page limit, and its page count goes into the task's params.
  let upload = { body: stream, mediaType };
  let learned: { pointCount?: number; pageCount?: number } = {};
  if (kind === "pointcloud") {
    const cloud = await readPointCloud(file.filename, stream, filesConfig().maxBytes);
    upload = { body: Readable.from([cloud.bytes]), mediaType: cloud.mediaType };
    learned = { pointCount: cloud.pointCount };
  } else if (kind === "pdf") {
    const pdf = await readPdf(file.filename, stream, filesConfig().maxBytes);
    upload = { body: Readable.from([pdf.bytes]), mediaType };
    learned = { pageCount: pdf.pageCount };
  }
  const stored = await storeFile(
    scope,
    { ...upload, filename: file.filename },
    { project_name: project.name },
    { check: refuseCopies(scope, project.name, file.filename) },
  );
  try {
    const url = attachmentUrlOf(stored.id);
    const task = await createTask(scope, {
      type: project.type,
      project: project.name,
      params: rule.params(url, kind, learned),
      metadata: { filename: file.filename },
    });
    return { filename: file.filename, kind, task_id: task.task_id, attachment_url: url };
  } catch (error) {
    await removeFile(scope, stored.id);
    throw error;
  }
};
