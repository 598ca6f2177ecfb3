import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

import type { FileAttachmentRule, MediaTask, Project } from "@taskforge/schema";
import { isSystemFileName, mediaKindOfName } from "@taskforge/schema";
import type { Entry, ZipFile } from "yauzl";
import { openPromise } from "yauzl";

import { config } from "../../config";
import { AppError, badRequest } from "../../errors";
import type { Scope } from "../../scope";
import { worldOf } from "../../scope";
import { fileIdOf, filesConfig, removeFile } from "../files";
import { addMediaTask, checkMediaHead } from "./add-media-task";
import { convertPointCloud } from "../pointcloud";
import { peekStream } from "./peek";
import { checkPdf } from "./pdf-document";
import { SNIFF_BYTES } from "./sniff";

/**
 * Bounds on what one zip may unpack to, so that a small archive cannot make the server inflate
 * gigabytes (a zip bomb): entries, total uncompressed bytes, and how much one entry may grow.
 */
export const ZIP_LIMITS = {
  maxEntries: 10_000,
  maxTotalBytes: 5 * 1024 ** 3,
  // Media is already compressed; 100 times is far beyond any real image, video or scan.
  maxRatio: 100,
  // Tiny entries (a JSON frame of zeros) may compress well and harm no one.
  ratioFloorBytes: 1024 * 1024,
};

/** The largest zip one upload may be (`TASKFORGE_MAX_ZIP_BYTES`); the media route's body cap. */
export const maxZipBytes = (): number => config().TASKFORGE_MAX_ZIP_BYTES;

const describeGiB = (bytes: number) =>
  bytes % 1024 ** 3 === 0 ? `${bytes / 1024 ** 3} GB` : `${bytes} bytes`;

const refuse = (filename: string, message: string) =>
  badRequest(`"${filename}": ${message} Nothing was stored.`);

/** The archive, streamed to a temporary file: a zip's directory is at its end. */
const spool = async (body: Readable, path: string, filename: string) => {
  let size = 0;
  const maxBytes = maxZipBytes();
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) {
        callback(
          new AppError(
            "payload_too_large",
            `"${filename}": a zip may hold at most ${describeGiB(maxBytes)} (TASKFORGE_MAX_ZIP_BYTES). Nothing was stored.`,
          ),
        );
      } else callback(null, chunk);
    },
  });
  await pipeline(body, limit, createWriteStream(path));
};

/** Reads the central directory and checks every entry's declared size before inflating any. */
const plannedEntries = async (zip: ZipFile, filename: string, rule: FileAttachmentRule) => {
  if (zip.entryCount > ZIP_LIMITS.maxEntries) {
    throw refuse(
      filename,
      `holds ${zip.entryCount} entries, more than the ${ZIP_LIMITS.maxEntries} allowed.`,
    );
  }
  const { maxBytes } = filesConfig();
  const entries: Entry[] = [];
  const wrongKind: string[] = [];
  let total = 0;
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith("/") || isSystemFileName(entry.fileName)) continue;
    if (entry.isEncrypted()) throw refuse(filename, `"${entry.fileName}" is encrypted.`);
    total += entry.uncompressedSize;
    if (entry.uncompressedSize > maxBytes) {
      throw refuse(
        filename,
        `"${entry.fileName}" unpacks to more than the ${maxBytes} bytes a file may have.`,
      );
    }
    if (
      entry.uncompressedSize > ZIP_LIMITS.ratioFloorBytes &&
      entry.uncompressedSize > ZIP_LIMITS.maxRatio * Math.max(1, entry.compressedSize)
    ) {
      throw refuse(
        filename,
        `"${entry.fileName}" would grow ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times when unpacked (at most ${ZIP_LIMITS.maxRatio}): this looks like a zip bomb.`,
      );
    }
    if (total > ZIP_LIMITS.maxTotalBytes) {
      throw refuse(filename, `unpacks to more than ${ZIP_LIMITS.maxTotalBytes / 1024 ** 3} GB.`);
    }
    const kind = mediaKindOfName(entry.fileName);
    if (!kind || !rule.kinds.includes(kind)) wrongKind.push(entry.fileName);
    entries.push(entry);
  }
  if (entries.length === 0) throw refuse(filename, "holds no files.");
  if (wrongKind.length > 0) {
    const shown = wrongKind
      .slice(0, 5)
      .map((name) => `"${name}"`)
      .join(", ");
    throw refuse(
      filename,
      `${wrongKind.length} of its files cannot be labelled by this project (${shown}${wrongKind.length > 5 ? ", …" : ""}).`,
    );
  }
  return entries;
};

const withNothingStored = (message: string) =>
  message.endsWith("Nothing was stored.") ? message : `${message} Nothing was stored.`;

/** Takes back tasks made from a zip's entries, and their files. */
const removeMediaTasks = async (scope: Scope, created: readonly MediaTask[]) => {
  if (created.length === 0) return;
  await scope.db.prisma.task.deleteMany({
    where: { ...worldOf(scope), id: { in: created.map((c) => c.task_id) } },
  });
  for (const { attachment_url } of created) {
    const id = fileIdOf(attachment_url);
    if (id) await removeFile(scope, id);
  }
};

const baseName = (path: string) => path.split("/").at(-1) ?? path;

/**
 * Reads every entry once without storing anything: its first bytes must be a kind the project
 * takes, and its content must be new to the project and to the archive. yauzl checks that each
 * entry inflates to exactly its declared size, so the bounds above hold while reading.
 */
const checkEntries = async (
  scope: Scope,
  project: Project,
  rule: FileAttachmentRule,
  zip: ZipFile,
  entries: Entry[],
) => {
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const name = baseName(entry.fileName);
    const { head, stream } = await peekStream(await zip.openReadStreamPromise(entry), SNIFF_BYTES);
    const { kind } = checkMediaHead(project, rule, name, head);
    const hash = createHash("sha256");
    // A point cloud is checked (converted) and a PDF's pages too, their size bounded by the
    // per-file limit; a point cloud's hash is its stored form's, as the project's earlier files
    // are hashed.
    const whole: Buffer[] | undefined = kind === "pointcloud" || kind === "pdf" ? [] : undefined;
    for await (const chunk of stream) {
      if (whole) whole.push(chunk as Buffer);
      else hash.update(chunk as Buffer);
    }
    if (whole && kind === "pointcloud")
      hash.update(convertPointCloud(name, Buffer.concat(whole), filesConfig().maxBytes).bytes);
    if (whole && kind === "pdf") {
      await checkPdf(name, Buffer.concat(whole));
      hash.update(Buffer.concat(whole));
    }
    const sha256 = hash.digest("hex");
    const twin = seen.get(sha256);
    if (twin)
      throw badRequest(
        `"${entry.fileName}" has the same bytes as "${twin}" in the same zip. Nothing was stored.`,
      );
    seen.set(sha256, entry.fileName);
    const earlier = await scope.db.prisma.file.findFirst({
      where: { ...worldOf(scope), sha256, projectNames: { has: project.name } },
      select: { filename: true },
    });
    if (earlier) {
      throw badRequest(
        `"${entry.fileName}" is already in project ${project.name} (the same bytes as "${earlier.filename}"). Nothing was stored.`,
      );
    }
  }
};

/**
 * A zip of media files into one task per file. Every entry is checked first (bounds, kinds by
 * name and by bytes, duplicates) and only then stored, one at a time through `addMediaTask`, so
 * a refused archive stores nothing. Memory stays at a chunk: the archive is spooled to disk and
 * each entry is streamed.
 */
export const addMediaZip = async (
  scope: Scope,
  project: Project,
  rule: FileAttachmentRule,
  file: { filename: string; body: Readable },
): Promise<MediaTask[]> => {
  const dir = await mkdtemp(join(tmpdir(), "taskforge-zip-"));
  try {
    const path = join(dir, "upload.zip");
    await spool(file.body, path, file.filename);
    const zip = await openPromise(path, { lazyEntries: true, autoClose: false }).catch(
      (error: Error) => {
        throw refuse(file.filename, `is not a readable zip (${error.message}).`);
      },
    );
    try {
      const entries = await plannedEntries(zip, file.filename, rule);
      await checkEntries(scope, project, rule, zip, entries).catch((error: unknown) => {
        if (error instanceof AppError) throw error;
        throw refuse(file.filename, `could not be unpacked (${(error as Error).message}).`);
      });
      const created: MediaTask[] = [];
      try {
        for (const entry of entries) {
          const body = await zip.openReadStreamPromise(entry);
          created.push(
            await addMediaTask(scope, project, { filename: baseName(entry.fileName), body }),
          );
        }
      } catch (error) {
        // A failure while storing (a copy stored meanwhile by another upload, storage failing)
        // takes back the entries stored so far: the zip is stored whole or not at all.
        await removeMediaTasks(scope, created);
        if (error instanceof AppError) {
          throw new AppError(error.code, `"${file.filename}": ${withNothingStored(error.message)}`);
        }
        throw refuse(file.filename, `could not be stored (${(error as Error).message}).`);
      }
      return created;
    } finally {
      zip.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
