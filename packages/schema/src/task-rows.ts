import { isRecord } from "./is-record";
import { paramCellValue, paramKindsOf } from "./media/param-kinds";
import { CREATE_TASK_COMMON_KEYS } from "./task-inputs";

/**
 * Turning one line of an uploaded file (JSONL or CSV) into the input `tasks.create` takes. The
 * REST import, the dashboard upload (which streams to it) and the REST create route share these,
 * so a row means the same thing wherever it arrives. Validation of the result is the create
 * service's job; only what cannot be expressed as an input (bad JSON, no type) is reported here.
 */

/** One problem of one row: the field path (dotted, empty for the whole row) and the message. */
export type RowProblem = { path: string; message: string };

export type RowOutcome =
  { ok: true; input: Record<string, unknown> } | { ok: false; problems: RowProblem[] };

const problem = (path: string, message: string): RowOutcome => ({
  ok: false,
  problems: [{ path, message }],
});

const commonKeys = new Set<string>(CREATE_TASK_COMMON_KEYS);
// Sent by older SDKs; they have no meaning here.
const ignoredKeys = new Set(["urgency", "force", "type"]);

/**
 * Scale's create body is flat: the common options at the top level and everything else is the
 * type's params. `null` options (Ruby sends `"callback_url": null`) count as absent.
 */
export const splitFlatTaskBody = (type: string, body: unknown) => {
  const fields = isRecord(body) ? body : {};
  const request: Record<string, unknown> = { type };
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (commonKeys.has(key)) {
      if (value !== null) request[key] = value;
    } else if (!ignoredKeys.has(key)) params[key] = value;
  }
  return { ...request, params };
};

/**
 * A task object from a file as a create input. Two forms are accepted: the nested one `tasks.create`
 * takes (`{type, params: {...}, ...}`), and Scale's flat REST body (`POST /v1/task/{type}`: params
 * at the top level). A `params` object marks the nested form. `defaultType` fills in a missing type.
 */
export const taskInputFromObject = (value: unknown, defaultType?: string): RowOutcome => {
  if (!isRecord(value)) return problem("", "must be a JSON object (one task per line)");
  const type = value.type ?? defaultType;
  if (typeof type !== "string" || type === "") {
    return problem("type", "is required (in the row, or as the import's default type)");
  }
  if (isRecord(value.params)) return { ok: true, input: { ...value, type } };
  return { ok: true, input: splitFlatTaskBody(type, value) };
};

/** One JSONL line; `null` for a blank line (skipped, not an error). */
export const taskInputFromJsonLine = (text: string, defaultType?: string): RowOutcome | null => {
  if (text.trim() === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return problem("", `is not valid JSON (${(error as Error).message})`);
  }
  return taskInputFromObject(value, defaultType);
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
 * `params.<key>` columns set one param each. Empty cells are left out. Other columns that are not
 * common task fields are params under their natural names (the flat form: `attachment`,
 * `categories`...), each cell read as its param's kind in the type's schema: a list as JSON or as
 * values separated by `|` (or `,`), an object as JSON, numbers and booleans as such.
 */
export const taskInputFromCsvRecord = (
  record: Record<string, string | undefined>,
  defaultType?: string,
): RowOutcome => {
  const task: Record<string, unknown> = {};
  const params: Record<string, unknown> = {};
  const kinds = paramKindsOf(record.type?.trim() || defaultType || "");
  for (const [column, raw] of Object.entries(record)) {
    const key = column.trim();
    if (raw === undefined || raw.trim() === "" || key === "") continue;
    if (key.startsWith("params.")) {
      const name = key.slice("params.".length);
      const kind = kinds[name];
      params[name] = kind ? paramCellValue(kind, raw) : paramCell(raw);
    } else if (key === "tags" && !raw.trim().startsWith("[")) {
      task.tags = raw
        .split(",")
        .map((tag) => tag.trim())
        .filter((tag) => tag !== "");
    } else if (JSON_COLUMNS.has(key)) {
      try {
        task[key] = JSON.parse(raw) as unknown;
      } catch (error) {
        return problem(key, `is not valid JSON (${(error as Error).message})`);
      }
    } else if (NUMBER_COLUMNS.has(key)) {
      const number = Number(raw);
      if (!Number.isFinite(number)) return problem(key, "must be a number");
      task[key] = number;
    } else if (BOOLEAN_COLUMNS.has(key)) {
      task[key] = raw.trim().toLowerCase() === "true";
    } else if (!commonKeys.has(key) && kinds[key]) {
      task[key] = paramCellValue(kinds[key], raw);
    } else task[key] = raw;
  }
  if (task.params !== undefined && !isRecord(task.params)) {
    return problem("params", "must be a JSON object");
  }
  if (Object.keys(params).length > 0 || task.params !== undefined) {
    task.params = { ...task.params, ...params };
  }
  return taskInputFromObject(task, defaultType);
};

/** Splits streamed text into lines as chunks arrive (`\n` or `\r\n`), holding only the last part. */
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
