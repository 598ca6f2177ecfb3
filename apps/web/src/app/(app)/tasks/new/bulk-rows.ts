import {
  CreateTaskInputSchema,
  formatIssuePath,
  isTaskType,
  TASK_TYPE_IDS,
} from "@taskforge/schema";
import Papa from "papaparse";

/** One problem of one row of an uploaded file: its line, the field path and the message. */
export type RowError = { line: number; path: string; message: string };

export type RowResult =
  | { ok: true; line: number; task: Record<string, unknown> }
  | { ok: false; line: number; errors: RowError[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const fail = (line: number, path: string, message: string): RowResult => ({
  ok: false,
  line,
  errors: [{ line, path, message }],
});

/**
 * Checks a row before it is sent, so obvious mistakes are reported without a round trip: it must
 * be an object with a known `type` (the page's type fills in a missing one). Without a project or
 * batch its params must be complete, so the whole create schema applies; with one, the server
 * checks after merging the project's params.
 */
export const checkTask = (
  line: number,
  value: unknown,
  defaultType: string | undefined,
): RowResult => {
  if (!isRecord(value)) return fail(line, "", "must be a JSON object (one task per line)");
  const task = value.type === undefined && defaultType ? { type: defaultType, ...value } : value;
  if (typeof task.type !== "string" || !isTaskType(task.type)) {
    return fail(
      line,
      "type",
      `must be one of ${TASK_TYPE_IDS.join(", ")} (got ${JSON.stringify(task.type) ?? "nothing"})`,
    );
  }
  if (task.project === undefined && task.batch === undefined) {
    const parsed = CreateTaskInputSchema.safeParse(task);
    if (!parsed.success) {
      return {
        ok: false,
        line,
        errors: parsed.error.issues.map((issue) => ({
          line,
          path: formatIssuePath(issue.path.map((s) => (typeof s === "symbol" ? String(s) : s))),
          message: issue.message,
        })),
      };
    }
  }
  return { ok: true, line, task };
};

/** One JSONL line (1-based `line`): a task object as `tasks.create` takes it. */
export const parseJsonlLine = (
  text: string,
  line: number,
  defaultType?: string,
): RowResult | null => {
  if (text.trim() === "") return null;
  try {
    return checkTask(line, JSON.parse(text) as unknown, defaultType);
  } catch (error) {
    return fail(line, "", `is not valid JSON (${(error as Error).message})`);
  }
};

// Top-level columns whose cells hold JSON (objects, arrays) rather than text.
const JSON_COLUMNS = new Set(["params", "metadata", "tags", "expected_response"]);
const NUMBER_COLUMNS = new Set(["priority", "project_version"]);
const BOOLEAN_COLUMNS = new Set(["clear_unique_id_on_error"]);

/** A `params.*` cell: JSON when it looks like JSON (numbers, booleans, arrays, objects), else text. */
const paramCell = (text: string): unknown => {
  if (/^(\{|\[|true$|false$|null$|-?\d+(\.\d+)?([eE][+-]?\d+)?$)/.test(text.trim())) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
};

/**
 * One CSV record (header → cell) as a task. Columns are the task's top-level fields; `params`,
 * `metadata`, `tags` and `expected_response` hold JSON (tags may also be comma-separated), and
 * `params.<key>` columns set one param each. Empty cells are left out.
 */
export const csvRecordToTask = (
  record: Record<string, string | undefined>,
  line: number,
  defaultType?: string,
): RowResult => {
  const task: Record<string, unknown> = {};
  const params: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(record)) {
    const key = column.trim();
    if (raw === undefined || raw.trim() === "" || key === "") continue;
    if (key.startsWith("params.")) {
      params[key.slice("params.".length)] = paramCell(raw);
    } else if (key === "tags" && !raw.trim().startsWith("[")) {
      task.tags = raw
        .split(",")
        .map((tag) => tag.trim())
        .filter((tag) => tag !== "");
    } else if (JSON_COLUMNS.has(key)) {
      try {
        task[key] = JSON.parse(raw) as unknown;
      } catch (error) {
        return fail(line, key, `is not valid JSON (${(error as Error).message})`);
      }
    } else if (NUMBER_COLUMNS.has(key)) {
      const number = Number(raw);
      if (!Number.isFinite(number)) return fail(line, key, "must be a number");
      task[key] = number;
    } else if (BOOLEAN_COLUMNS.has(key)) {
      task[key] = raw.trim().toLowerCase() === "true";
    } else task[key] = raw;
  }
  if (Object.keys(params).length > 0) {
    if (task.params !== undefined && !isRecord(task.params))
      return fail(line, "params", "must be a JSON object");
    task.params = { ...task.params, ...params };
  }
  return checkTask(line, task, defaultType);
};

/**
 * Splits streamed text into lines as chunks arrive, so a big file is never held whole. `push`
 * returns the lines completed by a chunk; `flush` the last one (if the file does not end in \n).
 */
export const createLineSplitter = () => {
  let rest = "";
  return {
    push(chunk: string): string[] {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      return parts.map((part) => part.replace(/\r$/, ""));
    },
    flush(): string[] {
      const last = rest.replace(/\r$/, "");
      rest = "";
      return last === "" ? [] : [last];
    },
  };
};

/** The errors as a CSV file (line, path, message), for download. */
export const errorReportCsv = (errors: readonly RowError[]): string =>
  Papa.unparse({
    fields: ["line", "path", "message"],
    data: errors.map((e) => [e.line, e.path, e.message]),
  });

/** What a server per-item failure becomes in the report: one row per issue, or one for the error. */
export const serverErrorRows = (
  line: number,
  error: { error: string; issues?: { path: string; message: string }[] | undefined },
): RowError[] =>
  error.issues && error.issues.length > 0
    ? error.issues.map((issue) => ({ line, path: issue.path, message: issue.message }))
    : [{ line, path: "", message: error.error }];
