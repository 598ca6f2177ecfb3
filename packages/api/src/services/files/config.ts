import { join, resolve } from "node:path";

import { z } from "zod";

import { parseAllowlist } from "../callbacks/ssrf";
import type { Resolver, TargetPolicy } from "../callbacks/ssrf";
import { createDiskStorage, createS3Storage } from "./storage";
import type { FileStorage } from "./storage";

// Unset and empty variables both mean "use the default".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

/** Every variable the attachments read, validated once. */
export const FilesEnvSchema = z
  .object({
    TASKFORGE_DATA_DIR: optional(z.string()),
    /** Where uploaded files are kept on disk (default `<TASKFORGE_DATA_DIR>/files`). */
    TASKFORGE_FILES_DIR: optional(z.string()),
    TASKFORGE_MAX_FILE_BYTES: optional(z.coerce.number().int().min(1)),
    /** How long a signed file URL stays valid. */
    TASKFORGE_FILE_URL_TTL_SECONDS: optional(
      z.coerce
        .number()
        .int()
        .min(10)
        .max(7 * 86_400),
    ),
    TASKFORGE_FILE_IMPORT_TIMEOUT_MS: optional(z.coerce.number().int().min(1).max(3_600_000)),
    /** Imports from URLs obey the callbacks' SSRF guard and its allowlist. */
    TASKFORGE_CALLBACK_ALLOWLIST: optional(z.string()),
    TASKFORGE_S3_BUCKET: optional(z.string().min(1)),
    TASKFORGE_S3_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
    TASKFORGE_S3_REGION: optional(z.string().min(1)),
    TASKFORGE_S3_ACCESS_KEY_ID: optional(z.string().min(1)),
    TASKFORGE_S3_SECRET_ACCESS_KEY: optional(z.string().min(1)),
    TASKFORGE_S3_FORCE_PATH_STYLE: optional(z.enum(["true", "false", "1", "0"])),
  })
  .refine((env) => !env.TASKFORGE_S3_ACCESS_KEY_ID === !env.TASKFORGE_S3_SECRET_ACCESS_KEY, {
    path: ["TASKFORGE_S3_SECRET_ACCESS_KEY"],
    error: "TASKFORGE_S3_ACCESS_KEY_ID and TASKFORGE_S3_SECRET_ACCESS_KEY go together",
  });

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

export const filesConfigFromEnv = (env: NodeJS.ProcessEnv): FilesConfig => {
  const parsed = FilesEnvSchema.safeParse(env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid file storage configuration: ${details}`);
  }
  const e = parsed.data;
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

export const filesConfig = (): FilesConfig => (current ??= filesConfigFromEnv(process.env));

export const configureFiles = (config: FilesConfig | undefined) => {
  current = config;
};
