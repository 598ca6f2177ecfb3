import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { decodeLabels, decodeMask, encodeMask, taskTypes, TaskSchema } from "@taskforge/schema";
import type { ExportFormat, ExportJob, ExportMedia } from "@taskforge/schema";
import type { Prisma } from "@taskforge/db";
import { XMLParser } from "fast-xml-parser";
import Papa from "papaparse";
import { unzipSync, strFromU8 } from "fflate";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newTaskId } from "../../object-id";
import { createRestHandler } from "../../rest/handler";
import { expectTRPCError } from "../../test/expect-error";
import { callerFor, createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { CSV_COLUMNS } from "./formats/tabular";
import { claimExportJob, runExportJob } from "./index";
import type { ExportRunnerOptions } from "./index";
import { recordProgress } from "./store";

let db: TestDatabase;
let acme: TestTenant;
let other: TestTenant;
let exportsDir: string;
let api: ReturnType<typeof callerFor>;
let rest: (request: Request) => Promise<Response>;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  other = await createTenant(db, "Other");
  api = callerFor(db, acme.live);
  rest = createRestHandler({ db });
  exportsDir = mkdtempSync(join(tmpdir(), "taskforge-exports-"));
});

afterAll(async () => {
  await db?.close();
  rmSync(exportsDir, { recursive: true, force: true });
});

let clock = Date.UTC(2026, 0, 1);

// Test values are plain JSON; Prisma's JSON input type cannot see that.
const json = (value: unknown) => value as Prisma.InputJsonValue;

/** A task stored as completed with the given response (newest last). */
const insertTask = async (
  type: string,
  params: Record<string, unknown>,
  response: Record<string, unknown> | null,
  extra: {
    tags?: string[];
    organizationId?: string;
    metadata?: Record<string, unknown>;
    instruction?: string;
  } = {},
) => {
  clock += 1000;
  const createdAt = new Date(clock);
  const task = await db.prisma.task.create({
    data: {
      id: newTaskId(clock),
      organizationId: extra.organizationId ?? acme.organizationId,
      isTest: false,
      type,
      params: json(params),
      status: response ? "completed" : "pending",
      ...(response ? { response: json(response), completedAt: createdAt } : {}),
      tags: extra.tags ?? [],
      metadata: json(extra.metadata ?? {}),
      ...(extra.instruction ? { instruction: extra.instruction } : {}),
      createdAt,
      updatedAt: createdAt,
    },
  });
  return task.id;
};

/** Runs queued jobs until none is left, as a runner would. */
const runQueued = async (options: Partial<ExportRunnerOptions> = {}) => {
  for (;;) {
    const job = await claimExportJob(db.sql, 60_000);
    if (!job) return;
    await runExportJob(db, job, { exportsDir, ...options });
  }
};

const exportOf = async (
  format: ExportFormat,
  filters: Record<string, unknown> = {},
  options: Partial<ExportRunnerOptions> = {},
  media: ExportMedia = "urls",
) => {
  const created = await api.exports.create({
    format,
    filters,
    media,
    base_url: "https://labels.example",
  });
  await runQueued(options);
  const job = await api.exports.get({ id: created.id });
  expect(job.status, job.error ?? "").toBe("completed");
  const response = await download(acme.live.key, job.id);
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(bytes.length).toBe(job.size_bytes);
  return { job, bytes, response, text: () => new TextDecoder().decode(bytes) };
};

const download = (key: string, id: string) =>
  rest(
    new Request(`http://localhost/v1/exports/${id}/download`, {
      headers: { authorization: `Bearer ${key}` },
    }),
  );

const example = (type: keyof typeof taskTypes, index: number) => {
  const found = taskTypes[type].examples[index];
  if (!found) throw new Error(`no example ${index} for ${type}`);
  return found as { params: Record<string, unknown>; response: Record<string, unknown> };
};

describe("JSONL and CSV", () => {
  it("writes the public task objects of the matching tasks, one per line", async () => {
    const tagged = await insertTask(
      "categorization",
      { categories: ["a"] },
      { category: "a" },
      {
        tags: ["export-me"],
      },
    );
    await insertTask("categorization", { categories: ["a"] }, null, { tags: ["export-me"] });
    await insertTask("categorization", { categories: ["a"] }, null, { tags: ["other"] });
    const { text, job, response } = await exportOf("jsonl", { tags: ["export-me"] });
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="taskforge-jsonl-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.jsonl"$/,
    );
    const lines = text().trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(job).toMatchObject({ processed: 2, total: 2, skipped: 0 });
    const objects = lines.map((line) => TaskSchema.parse(JSON.parse(line)));
    // Newest first, like the list.
    expect(objects[1]?.task_id).toBe(tagged);
    expect(JSON.parse(lines[1] ?? "")).toEqual(
      JSON.parse(JSON.stringify(await api.tasks.get({ task_id: tagged }))),
    );
  });

  it("flattens tasks to one column per top-level field, quoting per RFC 4180", async () => {
    const id = await insertTask(
      "categorization",
      { categories: ["a", "b"] },
      { category: "b" },
      { tags: ["csv-1"], metadata: { note: 'say "hi", then\nleave' } },
    );
    const { text } = await exportOf("csv", { tags: ["csv-1"] });
    const [header, row, end] = text().split("\r\n");
    expect(header).toBe(CSV_COLUMNS.join(","));
    expect(end).toBe("");
    const task = await api.tasks.get({ task_id: id });
    const at = (column: string) => CSV_COLUMNS.indexOf(column as (typeof CSV_COLUMNS)[number]);
    expect(at("task_id")).toBe(0);
    expect(
      row?.startsWith(`${id},${task.created_at},${task.updated_at},${task.completed_at},`),
    ).toBe(true);
    expect(row).toContain(",categorization,completed,");
    expect(row).toContain(',"{""category"":""b""}",');
    expect(row).toContain(`"{""note"":""say \\""hi\\"", then\\nleave""}"`);
    expect(row).toContain(',"[""csv-1""]",');
  });

  it("neutralizes cells a spreadsheet would run as formulas (OWASP)", async () => {
    const formulas = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"];
    for (const instruction of formulas) {
      await insertTask("categorization", { categories: ["a"] }, null, {
        tags: ["csv-formula"],
        instruction,
      });
    }
    await insertTask("categorization", { categories: ["a"] }, null, {
      tags: ["csv-formula"],
      instruction: "plain - text",
    });
    const { text } = await exportOf("csv", { tags: ["csv-formula"] });
    const column = CSV_COLUMNS.indexOf("instruction");
    const rows = Papa.parse<string[]>(text().trimEnd(), { newline: "\r\n" }).data.slice(1);
    const cells = rows.map((row) => row[column]).reverse();
    expect(cells).toEqual([...formulas.map((formula) => `'${formula}`), "plain - text"]);
    // Quoted, so a reader keeps the quote as text.
    expect(text()).toContain(`,"'=HYPERLINK(""http://evil"")",`);
  });
});

describe("image annotation formats", () => {
  const params = {
    attachment: "https://example.com/images/street.jpg?size=large",
    image_width: 200,
    image_height: 100,
    geometries: {
      box: { objects_to_annotate: ["car", "truck"] },
      polygon: { objects_to_annotate: ["road"] },
      point: { objects_to_annotate: ["head"] },
    },
  };
  const response = {
    annotations: [
      { uuid: "b1", type: "box", label: "car", left: 20, top: 10, width: 40, height: 30 },
      {
        uuid: "p1",
        type: "polygon",
        label: "road",
        vertices: [
          { x: 0, y: 50 },
          { x: 100, y: 50 },
          { x: 100, y: 100 },
          { x: 0, y: 100 },
        ],
      },
      { uuid: "k1", type: "point", label: "head", x: 30, y: 12 },
    ],
  };
  let known: string;
  let sizeless: string;
  let pending: string;

  beforeAll(async () => {
    // Tasks of other types match no image format: they are not even read.
    await insertTask("categorization", { categories: ["a"] }, { category: "a" });
    for (const index of [0, 1]) {
      const { params: p, response: r } = example("imageannotation", index);
      await insertTask("imageannotation", { image_width: 1920, image_height: 1080, ...p }, r);
    }
    known = await insertTask("imageannotation", params, response);
    // No size, and an image the server may not fetch (a private address): left out, counted.
    sizeless = await insertTask(
      "imageannotation",
      {
        ...params,
        attachment: "http://127.0.0.1:9/street.jpg",
        image_width: undefined,
        image_height: undefined,
      },
      response,
    );
    pending = await insertTask("imageannotation", params, null);
  });

  it("COCO: every annotation points at an existing image and category, with numeric boxes", async () => {
    const { text, job } = await exportOf("coco");
    const coco = JSON.parse(text()) as {
      images: {
        id: number;
        file_name: string;
        task_id: string;
        width: number;
        height: number;
        coco_url: string;
      }[];
      annotations: {
        id: number;
        image_id: number;
        category_id: number;
        bbox: number[];
        area: number;
        iscrowd: number;
        segmentation: number[][];
        keypoints?: number[];
        num_keypoints?: number;
      }[];
      categories: { id: number; name: string }[];
    };
    expect(job).toMatchObject({ total: 5, processed: 5, skipped: 2 });
    expect(coco.images).toHaveLength(3);
    expect(coco.images.map((image) => image.task_id)).not.toContain(pending);
    const imageIds = new Set(coco.images.map((image) => image.id));
    const categoryIds = new Set(coco.categories.map((category) => category.id));
    expect(new Set(coco.annotations.map((a) => a.id)).size).toBe(coco.annotations.length);
    expect(coco.annotations.length).toBeGreaterThan(6);
    for (const annotation of coco.annotations) {
      expect(imageIds.has(annotation.image_id)).toBe(true);
      expect(categoryIds.has(annotation.category_id)).toBe(true);
      expect(annotation.bbox).toHaveLength(4);
      for (const value of annotation.bbox) expect(Number.isFinite(value)).toBe(true);
      expect(annotation.iscrowd).toBe(0);
      expect(Array.isArray(annotation.segmentation)).toBe(true);
      for (const polygon of annotation.segmentation) {
        expect(polygon.length % 2).toBe(0);
        expect(polygon.length).toBeGreaterThanOrEqual(6);
      }
      if (annotation.keypoints) {
        expect(annotation.keypoints.length).toBe(3 * (annotation.num_keypoints ?? 0));
      }
    }
    const image = coco.images.find((i) => i.task_id === known);
    expect(image).toMatchObject({
      file_name: `${known}.jpg`,
      width: 200,
      height: 100,
      coco_url: params.attachment,
    });
    // Never an internal link: http(s) as given, or a bucket URL for a job that can read it.
    for (const each of coco.images) expect(each.coco_url).toMatch(/^(https|s3|gs):\/\//);
    const mine = coco.annotations.filter((a) => a.image_id === image?.id);
    const name = (a: { category_id: number }) =>
      coco.categories.find((c) => c.id === a.category_id)?.name;
    expect(mine.map(name)).toEqual(["car", "road", "head"]);
    expect(mine[0]).toMatchObject({ bbox: [20, 10, 40, 30], area: 1200, segmentation: [] });
    expect(mine[1]).toMatchObject({
      bbox: [0, 50, 100, 50],
      area: 5000,
      segmentation: [[0, 50, 100, 50, 100, 100, 0, 100]],
    });
    expect(mine[2]).toMatchObject({ keypoints: [30, 12, 2], num_keypoints: 1 });
  });

  it("YOLO: class cx cy w h lines normalized by the image size, and classes.txt", async () => {
    const { bytes, job, response } = await exportOf("yolo");
    expect(response.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(bytes);
    const classes = strFromU8(files["classes.txt"] as Uint8Array)
      .trimEnd()
      .split("\n");
    const lines = strFromU8(files[`labels/${known}.txt`] as Uint8Array)
      .trimEnd()
      .split("\n");
    expect(lines).toHaveLength(1);
    const [cls, ...values] = (lines[0] ?? "").split(" ");
    expect(classes[Number(cls)]).toBe("car");
    // Box 20,10 40×30 in 200×100: centre (40, 25) → 0.2 0.25; size 0.2 0.3.
    expect(values.map(Number)).toEqual([0.2, 0.25, 0.2, 0.3]);
    // The size-less task and the pending one are left out, and say why.
    expect(files[`labels/${sizeless}.txt`]).toBeUndefined();
    expect(job.skipped).toBe(2);
    const skipped = strFromU8(files["skipped.txt"] as Uint8Array);
    expect(skipped).toContain(`${sizeless}\timage size could not be read from the image: `);
    expect(skipped).toContain(`${pending}\tno response yet`);
    expect(job.skip_reasons).toEqual([
      { reason: "image size could not be read from the image", count: 1 },
      { reason: "no response yet (the task is not completed)", count: 1 },
    ]);
    for (const [name, content] of Object.entries(files)) {
      if (!name.startsWith("labels/")) continue;
      for (const line of strFromU8(content).split("\n").filter(Boolean)) {
        expect(line).toMatch(/^\d+ [0-9.]+ [0-9.]+ [0-9.]+ [0-9.]+$/);
        for (const value of line.split(" ").slice(1).map(Number)) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
        expect(Number(line.split(" ")[0])).toBeLessThan(classes.length);
      }
    }
  });

  it("Pascal VOC: one XML per image that parses back to the boxes", async () => {
    const { bytes } = await exportOf("voc");
    const files = unzipSync(bytes);
    const parser = new XMLParser({ isArray: (name) => name === "object" });
    const xml = parser.parse(strFromU8(files[`Annotations/${known}.xml`] as Uint8Array)) as {
      annotation: unknown;
    };
    expect(xml.annotation).toEqual({
      folder: "images",
      filename: `${known}.jpg`,
      path: params.attachment,
      source: { database: "taskforge" },
      size: { width: 200, height: 100, depth: 3 },
      segmented: 0,
      object: [
        {
          name: "car",
          pose: "Unspecified",
          truncated: 0,
          difficult: 0,
          bndbox: { xmin: 20, ymin: 10, xmax: 60, ymax: 40 },
        },
      ],
    });
    // Every file is well-formed XML.
    for (const [name, content] of Object.entries(files)) {
      if (name.endsWith(".xml")) {
        expect(() => {
          parser.parse(strFromU8(content));
        }).not.toThrow();
      }
    }
  });

  it("refuses a type filter the format cannot export", async () => {
    const error = await expectTRPCError(
      api.exports.create({
        format: "coco",
        filters: { type: "categorization" },
        base_url: "https://labels.example",
      }),
      "BAD_REQUEST",
    );
    expect(error.message).toMatch(/coco format exports imageannotation/);
  });

  it("refuses media it cannot deliver, naming the field", async () => {
    const included = await expectTRPCError(
      api.exports.create({ format: "jsonl", media: "include" }),
      "BAD_REQUEST",
    );
    expect(included.message).toMatch(/media: include needs an image format/);
    const urls = await expectTRPCError(api.exports.create({ format: "coco" }), "BAD_REQUEST");
    expect(urls.message).toMatch(/base_url: is required/);
  });
});

describe("named entity formats", () => {
  let id: string;
  beforeAll(async () => {
    id = await insertTask(
      "namedentityrecognition",
      { text: "Ada Lovelace met Charles Babbage in London.", labels: ["PER", "LOC"] },
      {
        annotations: [
          { id: "a", start: 0, end: 12, text: "Ada Lovelace", label: "PER" },
          { id: "b", start: 17, end: 32, text: "Charles Babbage", label: "PER" },
          { id: "c", start: 36, end: 42, text: "London", label: "LOC" },
        ],
        relationships: [],
      },
    );
    const { params, response } = example("namedentityrecognition", 0);
    await insertTask("namedentityrecognition", params, response);
  });

  it("CoNLL: a token per line with BIO tags and a blank line between documents", async () => {
    const { text } = await exportOf("conll");
    const documents = text().trimEnd().split("\n\n");
    expect(documents).toHaveLength(2);
    expect(documents[1]?.split("\n")).toEqual([
      "Ada B-PER",
      "Lovelace I-PER",
      "met O",
      "Charles B-PER",
      "Babbage I-PER",
      "in O",
      "London B-LOC",
      ". O",
    ]);
    for (const line of text().split("\n").filter(Boolean)) expect(line).toMatch(/^\S+ \S+$/);
  });

  it("JSON spans: one document per task with its offsets", async () => {
    const { text } = await exportOf("ner_json");
    const documents = JSON.parse(text()) as { task_id: string; spans: unknown[] }[];
    expect(documents).toHaveLength(2);
    expect(documents[1]).toMatchObject({
      task_id: id,
      spans: [
        { start: 0, end: 12, label: "PER", text: "Ada Lovelace" },
        { start: 17, end: 32, label: "PER" },
        { start: 36, end: 42, label: "LOC" },
      ],
    });
  });

  it("CoNLL: punctuation is its own token, tagged O outside spans; spans cut tokens", async () => {
    const text = "Lovelace wrote (notes) in 1843. Babbage's engine, 3.5 tons!";
    const at = (part: string) => ({
      start: text.indexOf(part),
      end: text.indexOf(part) + part.length,
    });
    await insertTask(
      "namedentityrecognition",
      { text, labels: ["PER", "DATE", "QTY"] },
      {
        annotations: [
          { id: "p", ...at("Lovelace"), text: "Lovelace", label: "PER" },
          { id: "d", ...at("1843"), text: "1843", label: "DATE" },
          { id: "b", ...at("Babbage"), text: "Babbage", label: "PER" },
          { id: "q", ...at("3.5 tons"), text: "3.5 tons", label: "QTY" },
        ],
        relationships: [],
      },
      { tags: ["conll-punctuation"] },
    );
    const { text: file } = await exportOf("conll", { tags: ["conll-punctuation"] });
    expect(file().trimEnd().split("\n")).toEqual([
      "Lovelace B-PER",
      "wrote O",
      "( O",
      "notes O",
      ") O",
      "in O",
      "1843 B-DATE",
      ". O",
      "Babbage B-PER",
      "'s O",
      "engine O",
      ", O",
      "3.5 B-QTY",
      "tons I-QTY",
      "! O",
    ]);
  });
});

describe("dense label formats", () => {
  it("lidar: uint32 little-endian label files that round-trip to the response's labels", async () => {
    const ids = [];
    for (const index of [0, 1]) {
      const { params, response } = example("lidarsegmentation", index);
      ids.push({ id: await insertTask("lidarsegmentation", params, response), response });
    }
    const { bytes } = await exportOf("lidar_labels");
    const files = unzipSync(bytes);
    const labels = JSON.parse(strFromU8(files["labels.json"] as Uint8Array)) as Record<
      string,
      string
    >;
    expect(labels["0"]).toBe("unlabeled");
    for (const { id, response } of ids) {
      const frames = response.frames as { frame: number; labels: string }[];
      const labelMap = response.label_map as Record<string, string>;
      for (const frame of frames) {
        const file = files[`${id}/frame-${frame.frame}.label`] as Uint8Array;
        const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
        const exported = Array.from({ length: file.byteLength / 4 }, (_, i) =>
          view.getUint32(i * 4, true),
        );
        // Same label name at every point, whatever the numbering.
        const expected = Array.from(decodeLabels(frame.labels), (index) =>
          index === 0 ? "unlabeled" : labelMap[String(index)],
        );
        expect(exported.map((index) => labels[String(index)])).toEqual(expected);
      }
    }
  });

  it("segmentation: 8-bit grayscale PNG masks equal to the response pixel by pixel", async () => {
    const mask = encodeMask([1, 1, 2, 2, 1, 1, 2, 2, 0, 0, 0, 3], 4, 3);
    const id = await insertTask(
      "segmentannotation",
      {
        attachment: "https://example.com/a.png",
        labels: ["sky", "road", "car"],
        allow_unlabeled: true,
        image_width: 4,
        image_height: 3,
      },
      // The response numbers its labels its own way; the export renumbers by label.
      { mask, label_map: { "1": "road", "2": "sky", "3": "car" } },
    );
    const { params, response } = example("segmentannotation", 0);
    await insertTask("segmentannotation", params, response);
    const { bytes } = await exportOf("masks_png");
    const files = unzipSync(bytes);
    const labels = JSON.parse(strFromU8(files["labels.json"] as Uint8Array)) as Record<
      string,
      string
    >;
    const png = PNG.sync.read(Buffer.from(files[`masks/${id}.png`] as Uint8Array));
    expect([png.width, png.height]).toEqual([4, 3]);
    const responseNames: Record<number, string> = { 0: "unlabeled", 1: "road", 2: "sky", 3: "car" };
    const pixels = decodeMask(mask);
    // pngjs decodes to RGBA; a grayscale pixel has R = G = B = its value.
    for (let i = 0; i < pixels.length; i += 1) {
      const value = png.data[i * 4] as number;
      expect(png.data[i * 4 + 1]).toBe(value);
      expect(labels[String(value)]).toBe(responseNames[pixels[i] as number]);
    }
    // The file itself is 8-bit grayscale (colour type 0 in the IHDR chunk).
    const raw = files[`masks/${id}.png`] as Uint8Array;
    expect([raw[24], raw[25]]).toEqual([8, 0]);
  });
});

describe("jobs", () => {
  it("records progress page by page and reads the list in keyset pages", async () => {
    for (let i = 0; i < 7; i += 1) {
      await insertTask("categorization", { categories: ["a"] }, null, { tags: ["progress"] });
    }
    const created = await api.exports.create({ format: "jsonl", filters: { tags: ["progress"] } });
    expect(created).toMatchObject({ status: "queued", processed: 0, total: null });
    expect(created.download_path).toBeNull();
    const seen: ExportJob[] = [];
    const job = await claimExportJob(db.sql, 60_000);
    if (!job) throw new Error("nothing claimed");
    await runExportJob(db, job, {
      exportsDir,
      pageSize: 3,
      onPage: () => {
        // Read back between pages: progress is visible while the job runs.
        void api.exports.get({ id: created.id }).then((state) => seen.push(state));
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const done = await api.exports.get({ id: created.id });
    expect(done).toMatchObject({
      status: "completed",
      processed: 7,
      total: 7,
      download_path: `/v1/exports/${created.id}/download`,
    });
    expect(seen.some((state) => state.status === "running")).toBe(true);
    expect((await api.exports.list({ limit: 5 })).docs[0]?.id).toBe(created.id);
  });

  it("keeps other organizations (and the other world) out: 404 on get and download", async () => {
    const { job } = await exportOf("jsonl", { tags: ["nothing-matches"] });
    expect(job).toMatchObject({ processed: 0, total: 0 });
    await expectTRPCError(callerFor(db, other.live).exports.get({ id: job.id }), "NOT_FOUND");
    await expectTRPCError(callerFor(db, acme.test).exports.get({ id: job.id }), "NOT_FOUND");
    expect((await download(other.live.key, job.id)).status).toBe(404);
    const get = await rest(
      new Request(`http://localhost/v1/exports/${job.id}`, {
        headers: { authorization: `Bearer ${other.live.key}` },
      }),
    );
    expect(get.status).toBe(404);
  });

  it("REST: POST /v1/exports takes a flat body; download is 409 until completed", async () => {
    const post = await rest(
      new Request("http://localhost/v1/exports", {
        method: "POST",
        headers: { authorization: `Bearer ${acme.live.key}`, "content-type": "application/json" },
        body: JSON.stringify({ format: "csv", tags: "rest-flat", status: "completed" }),
      }),
    );
    expect(post.status).toBe(200);
    const job = (await post.json()) as ExportJob;
    expect(job).toMatchObject({ format: "csv", status: "queued" });
    const early = await download(acme.live.key, job.id);
    expect(early.status).toBe(409);
    const stored = await db.prisma.exportJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(stored.filters).toMatchObject({ tags: ["rest-flat"], status: "completed" });
    const bad = await rest(
      new Request("http://localhost/v1/exports", {
        method: "POST",
        headers: { authorization: `Bearer ${acme.live.key}`, "content-type": "application/json" },
        body: JSON.stringify({ format: "xlsx" }),
      }),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/format/);
    await runQueued();
  });

  it("a job whose runner died is taken over once its lease expires", async () => {
    await insertTask("categorization", { categories: ["a"] }, null, { tags: ["lease"] });
    const created = await api.exports.create({ format: "jsonl", filters: { tags: ["lease"] } });
    const dead = await claimExportJob(db.sql, 60_000);
    expect(dead?.id).toBe(created.id);
    // Within the lease nobody else takes it.
    expect(await claimExportJob(db.sql, 60_000)).toBeNull();
    await db.prisma.exportJob.update({
      where: { id: created.id },
      data: { lockedUntil: new Date(Date.now() - 1000) },
    });
    const second = await claimExportJob(db.sql, 60_000);
    expect(second?.id).toBe(created.id);
    expect(second?.attempts).toBe(2);
    if (!second || !dead) throw new Error("not claimed");
    // The first runner, were it only slow, can no longer record anything.
    const progress = { processed: 1, skipped: 0, skipReasons: {}, total: 1 };
    expect(await recordProgress(db.sql, dead, progress, 1000)).toBe(false);
    expect(await runExportJob(db, second, { exportsDir })).toBe("completed");
    const done = await api.exports.get({ id: created.id });
    expect(done).toMatchObject({ status: "completed", processed: 1 });
    expect(
      readFileSync(join(exportsDir, acme.organizationId, `${created.id}.jsonl`), "utf8"),
    ).toMatch(/"lease"/);
  });

  it("streams a 20,000-task export page by page", async () => {
    const big = await createTenant(db, "Big");
    await db.sql.query(
      `INSERT INTO "tasks" ("id", "organization_id", "is_test", "type", "params", "status", "created_at", "updated_at")
       SELECT lpad(to_hex(g), 24, '0'), $1::uuid, false, 'categorization',
         '{"categories": ["a", "b"]}'::jsonb, 'pending',
         timestamp '2026-01-01' + g * interval '1 second', timestamp '2026-01-01' + g * interval '1 second'
       FROM generate_series(1, 20000) AS g`,
      [big.organizationId],
    );
    const created = await callerFor(db, big.live).exports.create({ format: "jsonl", filters: {} });
    const pages: number[] = [];
    const job = await claimExportJob(db.sql, 60_000);
    if (!job) throw new Error("nothing claimed");
    await runExportJob(db, job, {
      exportsDir,
      pageSize: 1000,
      onPage: (_, tasks) => pages.push(tasks),
    });
    // Never more than a page of tasks in hand at once.
    expect(pages).toHaveLength(20);
    expect(Math.max(...pages)).toBe(1000);
    const done = await callerFor(db, big.live).exports.get({ id: created.id });
    expect(done).toMatchObject({ status: "completed", processed: 20000, total: 20000 });
    const lines = readFileSync(join(exportsDir, big.organizationId, `${created.id}.jsonl`), "utf8")
      .trimEnd()
      .split("\n");
    expect(lines).toHaveLength(20000);
    expect(
      new Set(lines.map((line) => (JSON.parse(line) as { task_id: string }).task_id)).size,
    ).toBe(20000);
  }, 120_000);
});
