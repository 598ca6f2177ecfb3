import type { ExportFormat, Task } from "@taskforge/schema";

/**
 * One export format: tasks arrive one at a time, in list order, and go straight to the file.
 * `write` returns why a task was left out (no response, no image size…) or null once written.
 */
export type ExportWriter = {
  write(task: Task): Promise<string | null>;
  /** Completes the file; `skipped` lists the first left-out tasks, for a note in archives. */
  finish(skipped: readonly SkipNote[]): Promise<void>;
  /** Abandons the file after a failure. */
  destroy(): void;
};

export type SkipNote = { taskId: string; reason: string };

export type ExportFormatSpec = {
  extension: string;
  contentType: string;
  open(path: string): Promise<ExportWriter>;
};

export type ExportFormatSpecs = Record<ExportFormat, ExportFormatSpec>;
