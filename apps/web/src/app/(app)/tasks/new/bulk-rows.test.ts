import Papa from "papaparse";
import { describe, expect, it } from "vitest";

import {
  createLineSplitter,
  csvRecordToTask,
  errorReportCsv,
  parseJsonlLine,
  serverErrorRows,
} from "./bulk-rows";

const good = {
  type: "categorization",
  params: { attachment_type: "text", attachment: "a cat", categories: ["yes", "no"] },
};

describe("JSONL rows", () => {
  it("accepts a complete task and skips blank lines", () => {
    expect(parseJsonlLine(JSON.stringify(good), 1)).toEqual({ ok: true, line: 1, task: good });
    expect(parseJsonlLine("   ", 2)).toBeNull();
  });

  it("reports invalid JSON, non-objects and unknown types at their line", () => {
    expect(parseJsonlLine("{nope", 3)).toMatchObject({
      ok: false,
      errors: [{ line: 3, path: "", message: expect.stringMatching(/not valid JSON/) }],
    });
    expect(parseJsonlLine("[1]", 4)).toMatchObject({ ok: false, errors: [{ line: 4, path: "" }] });
    expect(parseJsonlLine('{"type":"nope","params":{}}', 5)).toMatchObject({
      ok: false,
      errors: [{ line: 5, path: "type", message: expect.stringMatching(/categorization/) }],
    });
  });

  it("validates params in full when no project supplies them, naming the field path", () => {
    const result = parseJsonlLine(
      JSON.stringify({ ...good, params: { ...good.params, categories: ["only"] } }),
      7,
    );
    expect(result).toEqual({
      ok: false,
      line: 7,
      errors: [{ line: 7, path: "params.categories", message: "must have at least 2 categories" }],
    });
  });

  it("leaves partial params to the server when a project or batch is named, and fills the type", () => {
    const result = parseJsonlLine(
      '{"batch":"b1","params":{"attachment":"x"}}',
      2,
      "categorization",
    );
    expect(result).toEqual({
      ok: true,
      line: 2,
      task: { type: "categorization", batch: "b1", params: { attachment: "x" } },
    });
  });
});

describe("CSV rows", () => {
  const parse = (csv: string) =>
    Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: "greedy" }).data.map(
      (record, index) => csvRecordToTask(record, index + 2, "categorization"),
    );

  it("reads JSON cells, params.* columns, comma-separated tags and numbers", () => {
    const [row] = parse(
      [
        "instruction,params.attachment_type,params.attachment,params.categories,tags,metadata,priority",
        'Pick one,text,"a ""quoted"" cat","[""yes"",""no""]","a, b","{""k"":1}",20',
      ].join("\n"),
    );
    expect(row).toEqual({
      ok: true,
      line: 2,
      task: {
        type: "categorization",
        instruction: "Pick one",
        params: {
          attachment_type: "text",
          attachment: 'a "quoted" cat',
          categories: ["yes", "no"],
        },
        tags: ["a", "b"],
        metadata: { k: 1 },
        priority: 20,
      },
    });
  });

  it("reports a bad JSON cell at its column and line", () => {
    const rows = parse(
      [
        "type,params",
        `categorization,"${JSON.stringify(good.params).replace(/"/g, '""')}"`,
        "categorization,{bad",
      ].join("\n"),
    );
    expect(rows[0]?.ok).toBe(true);
    expect(rows[1]).toMatchObject({
      ok: false,
      errors: [{ line: 3, path: "params", message: expect.stringMatching(/not valid JSON/) }],
    });
  });
});

describe("streaming helpers and reports", () => {
  it("splits chunks into lines across chunk boundaries and CRLF", () => {
    const splitter = createLineSplitter();
    expect(splitter.push('{"a":')).toEqual([]);
    expect(splitter.push('1}\r\n{"b"')).toEqual(['{"a":1}']);
    expect(splitter.push(":2}\n\n")).toEqual(['{"b":2}', ""]);
    expect(splitter.push("last")).toEqual([]);
    expect(splitter.flush()).toEqual(["last"]);
  });

  it("turns server item errors into report rows and the report into CSV", () => {
    const rows = serverErrorRows(4, {
      error: "Invalid",
      issues: [{ path: "params.attachment", message: "must not be empty" }],
    });
    expect(rows).toEqual([{ line: 4, path: "params.attachment", message: "must not be empty" }]);
    expect(serverErrorRows(9, { error: "Duplicate unique_id" })).toEqual([
      { line: 9, path: "", message: "Duplicate unique_id" },
    ]);
    expect(errorReportCsv(rows).split(/\r?\n/)).toEqual([
      "line,path,message",
      "4,params.attachment,must not be empty",
    ]);
  });
});
