import { csvField, TaskSchema } from "@taskforge/schema";
import type { Task } from "@taskforge/schema";

import { openFileSink } from "../sink";
import type { ExportWriter } from "./types";

/** JSON Lines: one public task object (as `GET /v1/task/{id}` returns it) per line. */
export const openJsonlWriter = async (path: string): Promise<ExportWriter> => {
  const sink = await openFileSink(path);
  return {
    write: async (task) => {
      await sink.write(`${JSON.stringify(task)}\n`);
      return null;
    },
    finish: () => sink.close(),
    destroy: () => sink.destroy(),
  };
};

/** One column per top-level field of the task object, in the schema's order. */
export const CSV_COLUMNS = Object.keys(TaskSchema.shape) as (keyof Task)[];

/**
 * Strings (formulas neutralized), numbers and booleans as they are; objects and arrays as JSON;
 * absent as empty.
 */
const cell = (value: unknown): string => {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return csvField(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return csvField(JSON.stringify(value));
};

export const openCsvWriter = async (path: string): Promise<ExportWriter> => {
  const sink = await openFileSink(path);
  await sink.write(`${CSV_COLUMNS.join(",")}\r\n`);
  return {
    write: async (task) => {
      await sink.write(`${CSV_COLUMNS.map((column) => cell(task[column])).join(",")}\r\n`);
      return null;
    },
    finish: () => sink.close(),
    destroy: () => sink.destroy(),
  };
};
