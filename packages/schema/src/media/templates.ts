import { csvField } from "../csv";
import { getTaskType } from "../task-types/registry";

/**
 * Sample files of one type for the bulk import, made from the type's own examples in the registry
 * (so they are valid and stay so): JSONL in Scale's flat create form, and CSV with one column per
 * param, lists written `a|b` and other structures as JSON, exactly as the import reads them back.
 */

const csvCell = (value: unknown): string => {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return csvField(
    typeof value === "string"
      ? value
      : Array.isArray(value) &&
          value.every((item) => typeof item === "string" && !/[|,]/.test(item) && item !== "")
        ? value.join("|")
        : JSON.stringify(value),
  );
};

const examplesOf = (type: string) =>
  (getTaskType(type)?.examples ?? []).map((example) => example.params as Record<string, unknown>);

export const jsonlTemplateOf = (type: string): string =>
  examplesOf(type)
    .map((params) => `${JSON.stringify({ type, ...params })}\n`)
    .join("");

export const csvTemplateOf = (type: string): string => {
  const rows = examplesOf(type);
  const columns = [...new Set(rows.flatMap((params) => Object.keys(params)))];
  const lines = [
    columns.map(csvCell).join(","),
    ...rows.map((params) =>
      columns
        .map((column) => (params[column] === undefined ? "" : csvCell(params[column])))
        .join(","),
    ),
  ];
  return `${lines.join("\r\n")}\r\n`;
};
