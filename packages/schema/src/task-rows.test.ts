import { describe, expect, it } from "vitest";

import {
  createLineSplitter,
  splitFlatTaskBody,
  taskInputFromCsvRecord,
  taskInputFromJsonLine,
} from "./task-rows";

const params = { attachment_type: "text", attachment: "a cat", categories: ["yes", "no"] };
const nested = { type: "categorization", params };

describe("JSONL lines", () => {
  it("takes the nested form as it is and skips blank lines", () => {
    expect(taskInputFromJsonLine(JSON.stringify(nested))).toEqual({ ok: true, input: nested });
    expect(taskInputFromJsonLine("   ")).toBeNull();
  });

  it("takes Scale's flat REST body, with the type from the line or the default", () => {
    const flat = { ...params, instruction: "Pick", callback_url: null, urgency: "day" };
    expect(taskInputFromJsonLine(JSON.stringify({ ...flat, type: "categorization" }))).toEqual({
      ok: true,
      input: { type: "categorization", instruction: "Pick", params },
    });
    expect(taskInputFromJsonLine(JSON.stringify(flat), "text_collection")).toMatchObject({
      ok: true,
      input: { type: "text_collection", params },
    });
  });

  it("fills in a missing type of a nested line, but a line's own type wins", () => {
    expect(
      taskInputFromJsonLine('{"batch":"b1","params":{"attachment":"x"}}', "categorization"),
    ).toEqual({
      ok: true,
      input: { type: "categorization", batch: "b1", params: { attachment: "x" } },
    });
    expect(taskInputFromJsonLine(JSON.stringify(nested), "comparison")).toMatchObject({
      input: { type: "categorization" },
    });
  });

  it("reports invalid JSON, non-objects and a missing type, with the field path", () => {
    expect(taskInputFromJsonLine("{nope")).toEqual({
      ok: false,
      problems: [{ path: "", message: expect.stringMatching(/^is not valid JSON/) }],
    });
    expect(taskInputFromJsonLine("[1]")).toMatchObject({ ok: false, problems: [{ path: "" }] });
    expect(taskInputFromJsonLine(JSON.stringify({ params }))).toMatchObject({
      ok: false,
      problems: [{ path: "type" }],
    });
  });
});

describe("CSV records", () => {
  it("reads JSON cells, params.* columns, comma-separated tags and numbers", () => {
    expect(
      taskInputFromCsvRecord(
        {
          instruction: "Pick one",
          "params.attachment_type": "text",
          "params.attachment": 'a "quoted" cat',
          "params.categories": '["yes","no"]',
          tags: "a, b",
          metadata: '{"k":1}',
          priority: "20",
          unique_id: "",
        },
        "categorization",
      ),
    ).toEqual({
      ok: true,
      input: {
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

  it("reports a bad JSON or number cell at its column", () => {
    expect(taskInputFromCsvRecord({ type: "categorization", params: "{bad" })).toMatchObject({
      ok: false,
      problems: [{ path: "params", message: expect.stringMatching(/not valid JSON/) }],
    });
    expect(taskInputFromCsvRecord({ priority: "high" }, "categorization")).toEqual({
      ok: false,
      problems: [{ path: "priority", message: "must be a number" }],
    });
  });

  it("treats other columns as params when no params are given (the flat form)", () => {
    expect(
      taskInputFromCsvRecord(
        { attachment_type: "text", attachment: "x", instruction: "I" },
        "categorization",
      ),
    ).toEqual({
      ok: true,
      input: {
        type: "categorization",
        instruction: "I",
        params: { attachment_type: "text", attachment: "x" },
      },
    });
  });
});

describe("helpers", () => {
  it("splits chunks into lines across chunk boundaries and CRLF", () => {
    const splitter = createLineSplitter();
    expect(splitter.push('{"a":')).toEqual([]);
    expect(splitter.push('1}\r\n{"b"')).toEqual(['{"a":1}']);
    expect(splitter.push(":2}\n\n")).toEqual(['{"b":2}', ""]);
    expect(splitter.push("last")).toEqual([]);
    expect(splitter.flush()).toEqual(["last"]);
  });

  it("splits a flat body into common options and params", () => {
    expect(
      splitFlatTaskBody("categorization", { force: true, tags: ["t"], attachment: "x" }),
    ).toEqual({ type: "categorization", tags: ["t"], params: { attachment: "x" } });
  });
});
