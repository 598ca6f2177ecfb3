import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";

import type { DbClient } from "../../db-client";
import { AppError, invalidInput } from "../../errors";
import type { Scope } from "../../scope";
import { worldOf } from "../../scope";
import { filesConfig } from "./config";
import { ATTACHMENT_URL_PREFIX } from "@taskforge/schema";
import type { FileObject, UploadFields } from "@taskforge/schema";
import { assertAllowedType } from "./types";

type FileRow = {
  id: string;
  mimeType: string;
  sizeBytes: bigint;
  projectNames: string[];
  createdAt: Date;
  updatedAt: Date;
};

export const attachmentUrlOf = (id: string) => `${ATTACHMENT_URL_PREFIX}${id}`;

/** The one mapper from a row to the public File object. */
export const toFileObject = (row: FileRow): FileObject => ({
  id: row.id,
  attachment_url: attachmentUrlOf(row.id),
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
  mime_type: row.mimeType,
  size: Number(row.sizeBytes),
  project_names: row.projectNames,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const fileNotFound = () => new AppError("not_found", "File not found.");

/** The caller's file row; another organization's (or world's) file is not found. */
export const findFileRow = async (scope: Scope, id: string) => {
  if (!UUID.test(id)) throw fileNotFound();
  const row = await scope.db.prisma.file.findFirst({ where: { id, ...worldOf(scope) } });
  if (!row) throw fileNotFound();
  return row;
};

export const getFile = async (scope: Scope, id: string) =>
  toFileObject(await findFileRow(scope, id));

/** `project_name` and `project_names` together, each named project checked to exist. */
const projectNamesOf = async (scope: Scope, fields: UploadFields) => {
  const names = [
    ...new Set([
      ...(fields.project_name ? [fields.project_name] : []),
      ...(fields.project_names ?? []),
    ]),
  ];
  if (!names.length) return names;
  const found = await scope.db.prisma.project.findMany({
    where: { ...worldOf(scope), name: { in: names } },
    select: { name: true },
  });
  const known = new Set(found.map((p) => p.name));
  const missing = names.filter((name) => !known.has(name));
  if (missing.length) {
    throw invalidInput(
      missing.map((name) => ({
        path: [fields.project_name === name ? "project_name" : "project_names"],
        message: `Project "${name}" not found.`,
      })),
    );
  }
  return names;
};

export type IncomingFile = {
  body: Readable;
  filename: string;
  /** Already normalized by `mediaTypeOf`. */
  mediaType: string;
};

export type StoreFileOptions = {
  /**
   * Runs with the bytes' SHA-256 in the transaction that records the file, before the row is
   * written; throwing refuses the file (its bytes are removed again).
   */
  check?: (tx: DbClient, sha256: string) => Promise<void>;
};

/**
 * Checks the type, streams the bytes into storage (size-limited) and records the file. Whatever
 * fails after the bytes were stored removes them again, so a refused file leaves nothing behind.
 * `fields` may arrive after the file (multipart order), hence a promise.
 */
export const storeFile = async (
  scope: Scope,
  file: IncomingFile,
  fields: UploadFields | Promise<UploadFields>,
  options: StoreFileOptions = {},
): Promise<FileObject> => {
  assertAllowedType(file.mediaType);
  const { storage, maxBytes } = filesConfig();
  const storageKey = `${scope.organizationId}/${randomUUID()}`;
  const stored = await storage.put(storageKey, file.body, {
    contentType: file.mediaType,
    maxBytes,
  });
  try {
    const given = await fields;
    const projectNames = await projectNamesOf(scope, given);
    const record = (client: DbClient) =>
      client.file.create({
        data: {
          ...worldOf(scope),
          storageKey,
          filename: given.display_name ?? file.filename,
          mimeType: file.mediaType,
          sizeBytes: BigInt(stored.size),
          sha256: stored.sha256,
          projectNames,
        },
      });
    const { check } = options;
    const row = check
      ? await scope.db.prisma.$transaction(async (tx) => {
          await check(tx, stored.sha256);
          return record(tx);
        })
      : await record(scope.db.prisma);
    return toFileObject(row);
  } catch (error) {
    await storage.remove(storageKey);
    throw error;
  }
};

/** Removes a file's row and its bytes: a file that could not become what it was uploaded for. */
export const removeFile = async (scope: Scope, id: string) => {
  const row = await scope.db.prisma.file.findFirst({ where: { id, ...worldOf(scope) } });
  if (!row) return;
  await scope.db.prisma.file.delete({ where: { id } });
  await filesConfig().storage.remove(row.storageKey);
};
