import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

import { CREATE_TASK_COMMON_KEYS, isRecord } from "@taskforge/schema";
import type { ApiIssue } from "@taskforge/schema";

/** One JSONL line that could not become a task, as written to the failures file. */
export type LineFailure = { line: number; error: string; issues: ApiIssue[] };

export type TaskLine = { line: number; task: Record<string, unknown> };

export type LineDefaults = {
  type?: string | undefined;
  project?: string | undefined;
  batch?: string | undefined;
};

/** Reads a file line by line (the stream pauses while lines wait), with 1-based line numbers. */
export async function* readLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    yield { line, text };
  }
}

/** Non-blank lines of a file, for the progress total (one streamed pass, constant memory). */
export const countTaskLines = async (file: string): Promise<number> => {
  let count = 0;
  for await (const { text } of readLines(file)) if (text.trim()) count++;
  return count;
};

const commonKeys = new Set<string>(CREATE_TASK_COMMON_KEYS);
// Sent by older Scale SDKs in flat bodies; they carry no meaning here.
const ignoredFlatKeys = new Set(["urgency", "force"]);

/**
 * A line's create input: the nested form (`{type, params, ...}`) as is, or Scale's flat REST body
 * (common options at the top, every other key a param) folded into it. `--type`, `--project` and
 * `--batch` fill in what a line leaves out.
 */
export const parseTaskLine = (
  line: number,
  text: string,
  defaults: LineDefaults,
): TaskLine | LineFailure => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, error: `invalid JSON: ${(error as Error).message}`, issues: [] };
  }
  if (!isRecord(value)) {
    return { line, error: "each line must be a JSON object (one task)", issues: [] };
  }
  let task: Record<string, unknown>;
  if (isRecord(value.params)) {
    task = { ...value };
  } else {
    const params: Record<string, unknown> = {};
    task = {};
    for (const [key, field] of Object.entries(value)) {
      if (key === "type" || commonKeys.has(key)) {
        if (field !== null) task[key] = field;
      } else if (!ignoredFlatKeys.has(key)) params[key] = field;
    }
    task.params = params;
  }
  if (task.type === undefined && defaults.type) task.type = defaults.type;
  if (task.type === undefined) {
    return {
      line,
      error: "the task type is missing: give it on the line or with --type",
      issues: [{ path: "type", message: "is required" }],
    };
  }
  if (task.project === undefined && task.batch === undefined && defaults.project) {
    task.project = defaults.project;
  }
  if (task.batch === undefined && defaults.batch) task.batch = defaults.batch;
  return { line, task };
};

export const isLineFailure = (value: TaskLine | LineFailure): value is LineFailure =>
  "error" in value;
