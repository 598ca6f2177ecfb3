import { randomUUID } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";

import { ImportFormatSchema } from "@taskforge/schema";
import { z } from "zod";

import { UsageError } from "./errors";

// What `taskforge import` keeps beside the file while an import is unfinished: enough to find the
// job again and to tell that the file is still the one it was started with.

const ImportStateSchema = z.object({
  version: z.literal(1),
  job_id: z.uuid(),
  server: z.string(),
  format: ImportFormatSchema,
  type: z.string().nullable(),
  file: z.object({ size: z.int().nonnegative(), mtime_ms: z.number() }),
  started_at: z.string(),
});
export type ImportState = z.infer<typeof ImportStateSchema>;

export const defaultStatePath = (file: string) => `${file}.taskforge-import.json`;

/** The saved state, or null when there is none. */
export const readImportState = async (path: string): Promise<ImportState | null> => {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new UsageError(`cannot read the import state ${path}: ${(error as Error).message}`);
  }
  try {
    return ImportStateSchema.parse(JSON.parse(text));
  } catch {
    throw new UsageError(
      `the import state ${path} is not one taskforge wrote; delete it or pass --restart`,
    );
  }
};

/** Written whole or not at all (a temporary file renamed), so a kill never leaves half a state. */
export const writeImportState = async (path: string, state: ImportState) => {
  const partial = `${path}.${randomUUID()}.part`;
  await writeFile(partial, `${JSON.stringify(state, null, 2)}\n`);
  await rename(partial, path);
};

export const removeImportState = (path: string) => rm(path, { force: true });

/** Why a saved state does not fit this run, or null when the import can be resumed. */
export const stateMismatch = (
  state: ImportState,
  current: Pick<ImportState, "server" | "format" | "file">,
): string | null => {
  if (state.server !== current.server) return `it was started on ${state.server}`;
  if (state.format !== current.format) return `it reads the file as ${state.format}`;
  if (state.file.size !== current.file.size || state.file.mtime_ms !== current.file.mtime_ms) {
    return "the file has changed since";
  }
  return null;
};
