import { addAbortSignal } from "node:stream";
import type { Readable } from "node:stream";

import type { DbClient } from "../../db-client";
import { logger } from "../../logger";
import type { Scope } from "../../scope";
import { worldOf } from "../../scope";
import { filesConfig } from "./config";
import { DownloadFailedError, openGuardedUrl, TIMEOUT_REASON } from "./guarded-download";
import { ImageSizeUnreadableError, MAX_IMAGE_HEADER_BYTES, readImageSize } from "./image-size";
import type { ImageSize } from "./image-size";
import { fileIdOf } from "./references";

/** The size of an attachment's image, or the whole message of why it could not be read. */
export type ImageSizeProbe = { ok: true; size: ImageSize } | { ok: false; message: string };

const notOwnFile = (url: string): ImageSizeProbe => ({
  ok: false,
  message: `${url} is not a file of this organization`,
});

const unreadable = (url: string, reason: string): ImageSizeProbe => ({
  ok: false,
  message: `could not read the image size of ${url}: ${reason}; pass image_width and image_height`,
});

/** Reads the size from `body` and stops it there; `signal` (the deadline) stops a stalled one. */
const sizeOfStream = async (body: Readable, signal: AbortSignal) => {
  try {
    return await readImageSize(addAbortSignal(signal, body));
  } finally {
    body.destroy();
  }
};

/** An uploaded file (`taskforge://files/<id>`): the caller's own, read from storage, its head only. */
const probeStoredFile = async (
  db: DbClient,
  scope: Scope,
  url: string,
  signal: AbortSignal,
  known?: { storageKey: string },
): Promise<ImageSizeProbe> => {
  const id = fileIdOf(url);
  const row =
    known ??
    (id
      ? await db.file.findFirst({ where: { id, ...worldOf(scope) }, select: { storageKey: true } })
      : null);
  if (!row) return notOwnFile(url);
  let body: Readable;
  try {
    body = await filesConfig().storage.open(row.storageKey, {
      start: 0,
      end: MAX_IMAGE_HEADER_BYTES - 1,
    });
  } catch (error) {
    logger.error({ err: error, fileId: id }, "stored file could not be opened");
    return unreadable(url, "the stored file could not be opened");
  }
  return { ok: true, size: await sizeOfStream(body, signal) };
};

/** An http(s) URL, downloaded through the SSRF guard only as far as the image's header. */
const probeWebImage = async (url: string, signal: AbortSignal): Promise<ImageSizeProbe> => {
  const response = await openGuardedUrl(new URL(url), signal);
  return { ok: true, size: await sizeOfStream(response, signal) };
};

/**
 * The pixel size of the image an attachment URL names, reading as little of it as its header
 * needs, within the file import's deadline (TASKFORGE_FILE_IMPORT_TIMEOUT_MS). Never throws for
 * a bad attachment: the answer then carries the message for the task's `attachment` field.
 * `upload`: the file's row when the caller has already looked it up (an export reads a page's
 * files in one query).
 */
export const probeImageSize = async (
  db: DbClient,
  scope: Scope,
  attachment: string,
  upload?: { storageKey: string },
): Promise<ImageSizeProbe> => {
  const signal = AbortSignal.timeout(filesConfig().importTimeoutMs);
  const protocol = URL.canParse(attachment) ? new URL(attachment).protocol : "such";
  try {
    if (protocol === "taskforge:") {
      return await probeStoredFile(db, scope, attachment, signal, upload);
    }
    if (protocol === "http:" || protocol === "https:") {
      return await probeWebImage(attachment, signal);
    }
    return unreadable(attachment, `the server cannot read ${protocol} URLs`);
  } catch (error) {
    if (signal.aborted) return unreadable(attachment, TIMEOUT_REASON);
    if (error instanceof DownloadFailedError) {
      return unreadable(attachment, `could not download ${error.url.href}: ${error.reason}`);
    }
    if (error instanceof ImageSizeUnreadableError) return unreadable(attachment, error.message);
    // A connection cut while reading (reset, closed early): the download failed.
    if (error instanceof Error && "code" in error) return unreadable(attachment, error.message);
    throw error;
  }
};
