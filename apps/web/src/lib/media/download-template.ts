import { csvTemplateOf, jsonlTemplateOf } from "@taskforge/schema";

/** Saves a sample import file of the type, generated from its registry examples, in the browser. */
export const downloadTemplate = (type: string, format: "csv" | "jsonl") => {
  const text = format === "csv" ? csvTemplateOf(type) : jsonlTemplateOf(type);
  const blob = new Blob([text], {
    type: format === "csv" ? "text/csv" : "application/x-ndjson",
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `${type}-template.${format}`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
};
