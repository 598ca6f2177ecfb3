import { describe, expect, it } from "vitest";

import { parseTaskParams, TASK_TYPE_IDS } from "../task-types/registry";
import { taskInputFromCsvRecord, taskInputFromJsonLine } from "../task-rows";
import { FILE_ATTACHMENT_RULES } from "./file-attachments";
import { isSystemFileName, mediaKindOfName } from "./media-kinds";
import { paramKindsOf } from "./param-kinds";
import { csvTemplateOf, jsonlTemplateOf } from "./templates";

/** Enough of RFC 4180 for the templates: quoted cells, doubled quotes, CRLF rows. */
const readCsv = (text: string): Record<string, string>[] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (char !== "\r") cell += char;
  }
  const [header = [], ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""])));
};

describe("import templates", () => {
  it.each(TASK_TYPE_IDS)("%s: the CSV and JSONL samples import as valid tasks", (type) => {
    const jsonl = jsonlTemplateOf(type).trim().split("\n");
    const csv = readCsv(csvTemplateOf(type));
    expect(jsonl.length).toBeGreaterThanOrEqual(2);
    expect(csv).toHaveLength(jsonl.length);
    for (const outcome of [
      ...jsonl.map((line) => taskInputFromJsonLine(line)),
      ...csv.map((record) => taskInputFromCsvRecord(record, type)),
    ]) {
      if (!outcome?.ok) throw new Error(`unreadable row: ${JSON.stringify(outcome)}`);
      const parsed = parseTaskParams(type, outcome.input.params);
      expect(parsed.success ? [] : parsed.issues).toEqual([]);
    }
  });
});

describe("CSV with natural column names", () => {
  it("reads list params separated by | or , or as JSON", () => {
    const read = (categories: string) =>
      taskInputFromCsvRecord(
        { attachment: "https://example.com/a.png", attachment_type: "image", categories },
        "categorization",
      );
    const expected = {
      ok: true,
      input: {
        type: "categorization",
        params: {
          attachment: "https://example.com/a.png",
          attachment_type: "image",
          categories: ["cat", "dog"],
        },
      },
    };
    expect(read("cat|dog")).toEqual(expected);
    expect(read("cat, dog")).toEqual(expected);
    expect(read('["cat","dog"]')).toEqual(expected);
  });

  it("reads numbers and booleans by their param's kind and leaves text as text", () => {
    expect(paramKindsOf("lidarsegmentation")).toMatchObject({
      attachments: "array",
      labels: "array",
      allow_unlabeled: "boolean",
    });
    expect(
      taskInputFromCsvRecord({
        type: "lidarsegmentation",
        attachments: "s3://b/f.json",
        labels: "car|road",
        allow_unlabeled: "TRUE",
      }),
    ).toMatchObject({
      ok: true,
      input: {
        params: { attachments: ["s3://b/f.json"], labels: ["car", "road"], allow_unlabeled: true },
      },
    });
    expect(
      taskInputFromCsvRecord(
        { attachment_type: "text", attachment: "42", categories: "a|b" },
        "categorization",
      ),
    ).toMatchObject({ ok: true, input: { params: { attachment: "42" } } });
  });
});

describe("media kinds and file attachments", () => {
  it("knows kinds by extension and skips system files", () => {
    expect(mediaKindOfName("a/B.PNG")).toBe("image");
    expect(mediaKindOfName("scan.json")).toBe("pointcloud");
    // Sensor formats are point clouds too (converted on upload).
    for (const name of ["scan.pcd", "scan.PLY", "scan.las", "scan.laz", "000001.bin"])
      expect(mediaKindOfName(name)).toBe("pointcloud");
    expect(mediaKindOfName("notes.docx")).toBeUndefined();
    expect(isSystemFileName("__MACOSX/a.png")).toBe(true);
    expect(isSystemFileName("photos/.DS_Store")).toBe(true);
    expect(isSystemFileName("photos/a.png")).toBe(false);
  });

  it.each(Object.entries(FILE_ATTACHMENT_RULES).filter(([, rule]) => rule !== null))(
    "%s: a file's params, with the project's other params, are valid",
    (type, rule) => {
      const [example] = jsonlTemplateOf(type)
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      for (const kind of rule?.kinds ?? []) {
        const {
          attachment: _a,
          attachments: _b,
          attachment_type: _c,
          type: _t,
          ...rest
        } = example ?? {};
        const parsed = parseTaskParams(type, {
          ...rest,
          // segmentannotation's size is read from the file by the server; give it here.
          ...(type === "segmentannotation" ? { image_width: 4, image_height: 4 } : {}),
          ...rule?.params("taskforge://files/0190a8c4-7f4e-7000-8000-000000000001", kind, {
            pageCount: kind === "pdf" ? 12 : undefined,
          }),
        });
        expect(parsed.success ? [] : parsed.issues, kind).toEqual([]);
      }
    },
  );

  it("records a PDF's page count in a document task's params", () => {
    const rule = FILE_ATTACHMENT_RULES.documenttranscription;
    expect(rule?.kinds).toEqual(["image", "pdf"]);
    expect(rule?.params("taskforge://files/x", "pdf", { pageCount: 12 })).toEqual({
      attachment: "taskforge://files/x",
      page_count: 12,
    });
    expect(rule?.params("taskforge://files/x", "image")).toEqual({
      attachment: "taskforge://files/x",
    });
  });
});
