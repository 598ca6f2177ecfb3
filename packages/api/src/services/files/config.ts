import { join, resolve } from "node:path";

import { z } from "zod";

import { checkFilesEnv, config, describeConfigIssues, filesEnvShape, optional } from "../../config";
import type { EnvSource } from "../../config";
import { parseAllowlist } from "../callbacks/ssrf";
import type { Resolver, TargetPolicy } from "../callbacks/ssrf";
import { createDiskStorage, createS3Storage } from "./storage";
import type { FileStorage } from "./storage";

/** Every variable the attachments read, validated once (they are part of `config()`). */
export const FilesEnvSchema = z
  .object({ TASKFORGE_DATA_DIR: optional(z.string()), ...filesEnvShape })
  .superRefine(checkFilesEnv);
export type FilesEnv = z.output<typeof FilesEnvSchema>;

export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

export type FilesConfig = {
  storage: FileStorage;
  maxBytes: number;
  urlTtlSeconds: number;
  importTimeoutMs: number;
  /** Which private addresses an import may fetch from (TASKFORGE_CALLBACK_ALLOWLIST). */
  importPolicy: TargetPolicy;
  /** DNS for imports; tests replace it. */
  resolve?: Resolver | undefined;
};

/** The attachments' settings from environment variables (tests pass their own). */
export const filesConfigFromEnv = (env: EnvSource): FilesConfig => {
  const parsed = FilesEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid file storage configuration: ${describeConfigIssues(parsed.error)}`);
  }
  return filesConfigOf(parsed.data);
};

/** The attachments' settings from validated configuration. */
export const filesConfigOf = (e: FilesEnv): FilesConfig => {
  const storage = e.TASKFORGE_S3_BUCKET
    ? createS3Storage({
        bucket: e.TASKFORGE_S3_BUCKET,
        endpoint: e.TASKFORGE_S3_ENDPOINT,
        region: e.TASKFORGE_S3_REGION ?? "us-east-1",
        credentials:
          e.TASKFORGE_S3_ACCESS_KEY_ID && e.TASKFORGE_S3_SECRET_ACCESS_KEY
            ? {
                accessKeyId: e.TASKFORGE_S3_ACCESS_KEY_ID,
                secretAccessKey: e.TASKFORGE_S3_SECRET_ACCESS_KEY,
              }
            : undefined,
        forcePathStyle: ["true", "1"].includes(e.TASKFORGE_S3_FORCE_PATH_STYLE ?? ""),
      })
    : createDiskStorage(
        // A runtime directory, not a source path: keeps the web build from tracing the project.
        resolve(
          /*turbopackIgnore: true*/ e.TASKFORGE_FILES_DIR ??
            join(e.TASKFORGE_DATA_DIR ?? "./.data", "files"),
        ),
      );
  return {
    storage,
    maxBytes: e.TASKFORGE_MAX_FILE_BYTES ?? DEFAULT_MAX_FILE_BYTES,
    urlTtlSeconds: e.TASKFORGE_FILE_URL_TTL_SECONDS ?? 15 * 60,
    importTimeoutMs: e.TASKFORGE_FILE_IMPORT_TIMEOUT_MS ?? 60_000,
    importPolicy: parseAllowlist(
      (e.TASKFORGE_CALLBACK_ALLOWLIST ?? "")
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  };
};

// One configuration per process, read from the environment on first use; tests and embedders
// may install their own (a temp directory, an S3 test server, a small size limit).
let current: FilesConfig | undefined;

export const filesConfig = (): FilesConfig => (current ??= filesConfigOf(config()));

export const configureFiles = (config: FilesConfig | undefined) => {
  current = config;
};
