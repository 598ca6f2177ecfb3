import type { Readable } from "node:stream";

import type { ExportFormat, ExportMedia, Task } from "@taskforge/schema";

/** An image task's image, as the image formats name, size and deliver it. */
export type ExportImage = {
  /** `<task_id>.<ext>`: unique within the export. */
  fileName: string;
  width: number;
  height: number;
  /** The absolute URL a training job downloads it from (`media: "urls"`), else null. */
  url: string | null;
  /** Its bytes (`media: "include"`), read when the format writes it. */
  open(): Promise<Readable>;
};

/**
 * One export format: tasks arrive one at a time, in list order, and go straight to the file.
 * `write` returns why a task was left out (no response, no image size…) or null once written.
 * Image formats get each answered task's image (size filled in, name, URL or bytes).
 */
export type ExportWriter = {
  write(task: Task, image?: ExportImage): Promise<string | null>;
  /** Completes the file; `skipped` lists the first left-out tasks, for a note in archives. */
  finish(skipped: readonly SkipNote[]): Promise<void>;
  /** Abandons the file after a failure. */
  destroy(): void;
};

export type SkipNote = { taskId: string; reason: string };

export type ExportFileType = { extension: string; contentType: string };

export type ExportFormatSpec = ExportFileType & {
  /** The file when the images are included, when it is not already a zip. */
  withMedia?: ExportFileType;
  open(path: string, context: { media: ExportMedia }): Promise<ExportWriter>;
};

export type ExportFormatSpecs = Record<ExportFormat, ExportFormatSpec>;
