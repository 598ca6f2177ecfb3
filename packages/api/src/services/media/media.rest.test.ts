import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { zipSync } from "fflate";
import { MAX_PDF_PAGES } from "@taskforge/schema";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { parseAllowlist } from "../callbacks/ssrf";
import { configureFiles, createDiskStorage, filesConfig } from "../files";
import type { FileStorage } from "../files";
import { createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { pngBytes } from "../../test/image-bytes";
import { manyPagePdfBytes, pdfBytes } from "../../test/pdf-bytes";
import { mp3Bytes, mp4Bytes, wavBytes, webmBytes } from "../../test/media-bytes";
import { scaleClient, startRestServer } from "../../test/rest-server";
import { ZIP_LIMITS } from "./media-zip";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const GEOMETRIES = { box: { objects_to_annotate: ["car"] } };

let db: TestDatabase;
let acme: TestTenant;
let dir: string;
let server: Awaited<ReturnType<typeof startRestServer>>;
let scale: ReturnType<typeof scaleClient>;

const authorization = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

/** The dashboard's way: the body is the file, `?filename=` its name. */
const drop = async (project: string, filename: string, bytes: Uint8Array) => {
  const response = await fetch(
    `${server.baseUrl}/projects/${encodeURIComponent(project)}/media?filename=${encodeURIComponent(filename)}`,
    { method: "POST", headers: { authorization: authorization(acme.live.key) }, body: bytes },
  );
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

const storedFiles = async () =>
  (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
const fileRows = () => db.prisma.file.count();
const taskCount = async (project: string) =>
  (await scale.get(`/tasks?project=${encodeURIComponent(project)}&limit=100`)).body.docs
    .length as number;

/** Nothing stored by a refused upload: no bytes, no file rows, no tasks. */
const expectNothingStoredSince = async (
  before: { bytes: number; rows: number; tasks: number },
  project: string,
) => {
  expect({
    bytes: await storedFiles(),
    rows: await fileRows(),
    tasks: await taskCount(project),
  }).toEqual(before);
};
const snapshot = async (project: string) => ({
  bytes: await storedFiles(),
  rows: await fileRows(),
  tasks: await taskCount(project),
});

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  dir = await mkdtemp(join(tmpdir(), "taskforge-media-"));
  server = await startRestServer({ db });
  scale = scaleClient(server.baseUrl, acme.live.key);
  for (const [name, type, params] of [
    ["streets", "imageannotation", { geometries: GEOMETRIES }],
    ["zips", "imageannotation", { geometries: GEOMETRIES }],
    ["scans", "documenttranscription", { features: [{ type: "block", label: "text" }] }],
    ["entities", "namedentityrecognition", {}],
    ["clouds", "lidarsegmentation", { labels: ["road", "car"] }],
    ["clips", "videoannotation", { geometries: GEOMETRIES }],
    ["calls", "audiotranscription", {}],
  ] as const) {
    expect((await scale.post("/projects", { type, name, params })).status).toBe(200);
  }
});
beforeEach(() =>
  configureFiles({
    storage: createDiskStorage(dir),
    maxBytes: 1024 * 1024,
    urlTtlSeconds: 600,
    importTimeoutMs: 5_000,
    importPolicy: parseAllowlist([]),
  }),
);
afterAll(async () => {
  configureFiles(undefined);
  await server.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe("POST /v1/projects/{name}/media: one file", () => {
  it("makes one task of the project's type from an image, inheriting the project's params", async () => {
    const { status, body } = await drop("streets", "street 1.png", pngBytes(3, 2));
    expect(status).toBe(200);
    expect(body).toEqual({
      project: "streets",
      created: [
        {
          filename: "street 1.png",
          kind: "image",
          task_id: expect.stringMatching(/^[0-9a-f]{24}$/),
          attachment_url: expect.stringMatching(/^taskforge:\/\/files\//),
        },
      ],
    });
    const task = (await scale.get(`/task/${body.created[0].task_id}`)).body;
    expect(task).toMatchObject({
      type: "imageannotation",
      project: "streets",
      project_param_version: 0,
      metadata: { filename: "street 1.png" },
      params: {
        attachment: body.created[0].attachment_url,
        attachment_type: "image",
        geometries: GEOMETRIES,
      },
    });
    const file = (await scale.get(`/files/${body.created[0].attachment_url.split("/").pop()}`))
      .body;
    expect(file).toMatchObject({ mime_type: "image/png", project_names: ["streets"] });
  });

  it("refuses a file the type cannot label, before storing anything", async () => {
    const before = await snapshot("streets");
    const pdf = await drop("streets", "invoice.pdf", PDF);
    expect(pdf).toEqual({
      status: 400,
      body: expect.objectContaining({
        error:
          '"invoice.pdf" is one of the PDFs; projects of type imageannotation take images. Nothing was stored.',
      }),
    });
    // The name is not trusted: a PDF named like an image is refused by its bytes.
    const disguised = await drop("streets", "photo.png", PDF);
    expect(disguised.status).toBe(400);
    expect(disguised.body.error).toContain(
      "named like one of the images but its bytes are one of the PDFs",
    );
    const unknown = await drop("streets", "notes.txt", Buffer.from("just text"));
    expect(unknown.body.error).toContain("of no kind taskforge can label");
    expect((await drop("streets", "empty.png", new Uint8Array())).body.error).toContain("is empty");
    await expectNothingStoredSince(before, "streets");
  });

  it("takes images and PDFs for documenttranscription, recording a PDF's page count", async () => {
    const { status, body } = await drop("scans", "receipt.png", pngBytes(4, 4));
    expect(status).toBe(200);
    const task = (await scale.get(`/task/${body.created[0].task_id}`)).body;
    expect(task.params).toMatchObject({ attachment: body.created[0].attachment_url });
    expect(task.params).not.toHaveProperty("page_count");

    const pdf = await drop("scans", "invoice.pdf", await pdfBytes(3));
    expect(pdf.status).toBe(200);
    expect(pdf.body.created[0]).toMatchObject({ filename: "invoice.pdf", kind: "pdf" });
    const pdfTask = (await scale.get(`/task/${pdf.body.created[0].task_id}`)).body;
    expect(pdfTask.params).toMatchObject({
      attachment: pdf.body.created[0].attachment_url,
      page_count: 3,
    });
    const file = (await scale.get(`/files/${pdf.body.created[0].attachment_url.split("/").pop()}`))
      .body;
    expect(file).toMatchObject({ mime_type: "application/pdf", project_names: ["scans"] });
    // The recorded count bounds the pages of a response (0-based: page 2 is the third).
    const box = { type: "box", top: 1, left: 1, width: 5, height: 5 };
    const answer = (page: number) => ({
      annotations: [{ uuid: "a", page, label: "text", text: "x", location: box }],
    });
    const onPage3 = await scale.post("/task/documenttranscription", {
      project: "scans",
      attachment: pdfTask.params.attachment,
      page_count: 3,
      features: [{ type: "block", label: "text" }],
      expected_response: answer(2),
    });
    expect(onPage3.body).toMatchObject({ task_id: expect.any(String) });
    const past = await scale.post("/task/documenttranscription", {
      project: "scans",
      attachment: pdfTask.params.attachment,
      page_count: 3,
      features: [{ type: "block", label: "text" }],
      expected_response: answer(3),
    });
    expect(past.status).toBe(400);
    expect(past.body.error).toContain("must be below the number of pages (3)");
  });

  it("refuses a truncated, damaged or too long PDF with the file and the reason, storing nothing", async () => {
    const before = await snapshot("scans");
    const whole = await pdfBytes(2);
    const truncated = await drop(
      "scans",
      "cut.pdf",
      whole.subarray(0, Math.floor(whole.length / 2)),
    );
    expect(truncated.status).toBe(400);
    expect(truncated.body.error).toBe(
      '"cut.pdf" is not a PDF taskforge can label: it is truncated (it has no %%EOF end). Nothing was stored.',
    );
    const damaged = await drop("scans", "damaged.pdf", PDF);
    expect(damaged.status).toBe(400);
    expect(damaged.body.error).toMatch(
      /^"damaged\.pdf" is not a PDF taskforge can label: it cannot be opened \(.+\)\. Nothing was stored\.$/,
    );
    const huge = await drop("scans", "archive.pdf", manyPagePdfBytes(10_000));
    expect(huge.status).toBe(400);
    expect(huge.body.error).toBe(
      `"archive.pdf" is not a PDF taskforge can label: it has 10000 pages, more than the ${MAX_PDF_PAGES} allowed. Nothing was stored.`,
    );
    // In a zip, a bad PDF refuses the whole archive before any of it is stored.
    const zipped = await drop(
      "scans",
      "docs.zip",
      zipSync({ "a.pdf": whole, "b.pdf": PDF }, { level: 0 }),
    );
    expect(zipped.status).toBe(400);
    expect(zipped.body.error).toContain('"b.pdf" is not a PDF taskforge can label');
    await expectNothingStoredSince(before, "scans");
    // At the limit is fine.
    const limit = await drop("scans", "limit.pdf", manyPagePdfBytes(MAX_PDF_PAGES));
    expect(limit.status).toBe(200);
    const task = (await scale.get(`/task/${limit.body.created[0].task_id}`)).body;
    expect(task.params.page_count).toBe(MAX_PDF_PAGES);
  });

  it("takes a lidar frame, and refuses other JSON with the file and the reason, storing nothing", async () => {
    const frame = Buffer.from(
      JSON.stringify({
        points: [
          [0, 0, 0],
          [1, 2, 3, 0.5],
        ],
        timestamp: 1,
      }),
    );
    const taken = await drop("clouds", "frame-000.json", frame);
    expect(taken.status).toBe(200);
    expect(taken.body.created[0]).toMatchObject({ filename: "frame-000.json", kind: "pointcloud" });
    const task = (await scale.get(`/task/${taken.body.created[0].task_id}`)).body;
    expect(task).toMatchObject({
      type: "lidarsegmentation",
      params: { attachments: [taken.body.created[0].attachment_url] },
    });

    const before = await snapshot("clouds");
    const settings = await drop("clouds", "settings.json", Buffer.from('{"theme": "dark"}'));
    expect(settings.status).toBe(400);
    expect(settings.body.error).toMatch(
      /^"settings\.json" is not a point-cloud frame: points .+ Nothing was stored\.$/,
    );
    const list = await drop("clouds", "list.json", Buffer.from("[1, 2, 3]"));
    expect(list.status).toBe(400);
    expect(list.body.error).toContain('"list.json" is not a point-cloud frame');
    const badPoint = await drop(
      "clouds",
      "bad-point.json",
      Buffer.from(JSON.stringify({ points: [[0, 0]] })),
    );
    expect(badPoint.body.error).toContain(
      '"bad-point.json" is not a point-cloud frame: points.0 must be [x, y, z] or [x, y, z, intensity]',
    );
    const cut = await drop("clouds", "cut.json", Buffer.from('{"points": [[0, 0, 0]'));
    expect(cut.body.error).toContain('"cut.json" is not a point-cloud frame: it is not valid JSON');
    // In a zip, the same check refuses the whole archive.
    const zipped = await drop(
      "clouds",
      "frames.zip",
      Buffer.from(
        zipSync({
          "frame-001.json": Buffer.from(JSON.stringify({ points: [[4, 5, 6]] })),
          "package.json": Buffer.from('{"name": "not a frame"}'),
        }),
      ),
    );
    expect(zipped.status).toBe(400);
    expect(zipped.body.error).toContain('"package.json" is not a point-cloud frame');
    await expectNothingStoredSince(before, "clouds");
  });

  it("makes videoannotation tasks from MP4 and WebM files, with the video as the attachment", async () => {
    for (const [filename, bytes, mediaType] of [
      ["kickoff.mp4", mp4Bytes(2), "video/mp4"],
      ["corner kick.webm", webmBytes(), "video/webm"],
    ] as const) {
      const { status, body } = await drop("clips", filename, bytes);
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body.created).toEqual([
        {
          filename,
          kind: "video",
          task_id: expect.stringMatching(/^[0-9a-f]{24}$/),
          attachment_url: expect.stringMatching(/^taskforge:\/\/files\//),
        },
      ]);
      const task = (await scale.get(`/task/${body.created[0].task_id}`)).body;
      expect(task).toMatchObject({
        type: "videoannotation",
        project: "clips",
        metadata: { filename },
        params: {
          attachment: body.created[0].attachment_url,
          attachment_type: "video",
          geometries: GEOMETRIES,
        },
      });
      expect(task.params.attachments).toBeUndefined();
      const file = (await scale.get(`/files/${body.created[0].attachment_url.split("/").pop()}`))
        .body;
      expect(file).toMatchObject({ mime_type: mediaType, project_names: ["clips"] });
    }
  });

  it("makes audiotranscription tasks from WAV and MP3 files, with the audio as the attachment", async () => {
    for (const [filename, bytes, mediaType] of [
      ["call 1.wav", Buffer.from(wavBytes([{ hz: 440, seconds: 0.1 }])), "audio/wav"],
      ["call 2.mp3", mp3Bytes(), "audio/mpeg"],
    ] as const) {
      const { status, body } = await drop("calls", filename, bytes);
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body.created[0]).toMatchObject({ filename, kind: "audio" });
      const task = (await scale.get(`/task/${body.created[0].task_id}`)).body;
      expect(task).toMatchObject({
        type: "audiotranscription",
        project: "calls",
        metadata: { filename },
        params: { attachment: body.created[0].attachment_url, attachment_type: "audio" },
      });
      const file = (await scale.get(`/files/${body.created[0].attachment_url.split("/").pop()}`))
        .body;
      expect(file).toMatchObject({ mime_type: mediaType, project_names: ["calls"] });
    }
  });

  it("refuses a video dropped on an audio project, and audio on a video project, storing nothing", async () => {
    const before = await snapshot("calls");
    const video = await drop("calls", "match.mp4", mp4Bytes());
    expect(video).toEqual({
      status: 400,
      body: expect.objectContaining({
        error:
          '"match.mp4" is one of the videos; projects of type audiotranscription take audio files. Nothing was stored.',
      }),
    });
    const webm = await drop("calls", "match.webm", webmBytes());
    expect(webm.status).toBe(400);
    expect(webm.body.error).toContain("projects of type audiotranscription take audio files");
    // A video named like audio is refused by its bytes.
    const disguised = await drop("calls", "voice.mp3", mp4Bytes());
    expect(disguised.status).toBe(400);
    expect(disguised.body.error).toContain(
      "named like one of the audio files but its bytes are one of the videos",
    );
    await expectNothingStoredSince(before, "calls");

    const clipsBefore = await snapshot("clips");
    const audio = await drop(
      "clips",
      "voice.wav",
      Buffer.from(wavBytes([{ hz: 220, seconds: 0.1 }])),
    );
    expect(audio.status).toBe(400);
    expect(audio.body.error).toBe(
      '"voice.wav" is one of the audio files; projects of type videoannotation take videos or images. Nothing was stored.',
    );
    await expectNothingStoredSince(clipsBefore, "clips");
  });

  it("refuses projects whose type is not made from files", async () => {
    const { status, body } = await drop("entities", "a.png", pngBytes(1, 1));
    expect(status).toBe(400);
    expect(body.error).toContain("Projects of type namedentityrecognition are not made from files");
    expect((await drop("nowhere", "a.png", pngBytes(1, 1))).status).toBe(404);
  });

  it("refuses a file whose bytes the project already holds, and of two racing copies keeps one", async () => {
    const image = pngBytes(5, 5);
    expect((await drop("streets", "first.png", image)).status).toBe(200);
    const before = await snapshot("streets");
    const again = await drop("streets", "second.png", image);
    expect(again).toEqual({
      status: 409,
      body: expect.objectContaining({
        error:
          '"second.png" is already in project streets (the same bytes as "first.png"). Nothing was stored.',
      }),
    });
    await expectNothingStoredSince(before, "streets");

    const twin = pngBytes(6, 6);
    const raced = await Promise.all(
      [1, 2, 3, 4].map((n) => drop("streets", `twin ${n}.png`, twin)),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(await taskCount("streets")).toBe(before.tasks + 1);
    expect(await storedFiles()).toBe(before.bytes + 1);
  });
});

describe("POST /v1/projects/{name}/media: a zip", () => {
  const zip = (entries: Record<string, Uint8Array>, level: 0 | 9 = 0) =>
    Buffer.from(zipSync(entries, { level }));

  it("makes one task per file, skipping folders and system files", async () => {
    const { status, body } = await drop(
      "zips",
      "photos.zip",
      zip({
        "photos/a.png": pngBytes(7, 1),
        "photos/b.png": pngBytes(7, 2),
        "photos/.DS_Store": Buffer.from("junk"),
        "__MACOSX/photos/._a.png": Buffer.from("junk"),
      }),
    );
    expect(status).toBe(200);
    expect(body.created.map((c: { filename: string }) => c.filename)).toEqual(["a.png", "b.png"]);
    expect(await taskCount("zips")).toBe(2);
  });

  it("refuses the whole zip, storing nothing, for one wrong or duplicate file", async () => {
    const before = await snapshot("zips");
    const wrong = await drop("zips", "mixed.zip", zip({ "c.png": pngBytes(8, 1), "d.pdf": PDF }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toContain(
      '1 of its files cannot be labelled by this project ("d.pdf")',
    );
    const disguised = await drop(
      "zips",
      "mixed.zip",
      zip({ "c.png": pngBytes(8, 1), "d.png": PDF }),
    );
    expect(disguised.body.error).toContain('"d.png" is named like one of the images');
    const twice = await drop(
      "zips",
      "twice.zip",
      zip({ "c.png": pngBytes(8, 1), "e.png": pngBytes(8, 1) }),
    );
    expect(twice.body.error).toContain('"e.png" has the same bytes as "c.png" in the same zip');
    const known = await drop(
      "zips",
      "known.zip",
      zip({ "c.png": pngBytes(8, 1), "a.png": pngBytes(7, 1) }),
    );
    expect(known.body.error).toContain('"a.png" is already in project zips');
    const empty = await drop("zips", "empty.zip", zip({ "folder/": new Uint8Array() }));
    expect(empty.body.error).toBe('"empty.zip": holds no files. Nothing was stored.');
    const broken = await drop("zips", "broken.zip", Buffer.from("PK\u0003\u0004 not really"));
    expect(broken.body.error).toContain("is not a readable zip");
    await expectNothingStoredSince(before, "zips");
  });

  it("stores a zip whole or not at all when storing one of its entries fails", async () => {
    const disk = createDiskStorage(dir);
    /** Storage that runs `beforeSecond` before the second object a zip stores. */
    const storageWith = (beforeSecond: () => Promise<void>): FileStorage => {
      let puts = 0;
      return {
        ...disk,
        put: async (key, body, options) => {
          if (++puts === 2) await beforeSecond();
          return disk.put(key, body, options);
        },
      };
    };
    const files = () => ({ ...filesConfig() });

    // A concurrent upload stores the zip's second image first: the zip's first is taken back.
    const plain = files();
    const before = await snapshot("zips");
    configureFiles({
      ...plain,
      storage: storageWith(async () => {
        configureFiles(plain);
        expect((await drop("zips", "meanwhile.png", pngBytes(10, 2))).status).toBe(200);
      }),
    });
    const raced = await drop(
      "zips",
      "raced.zip",
      zip({ "k.png": pngBytes(10, 1), "l.png": pngBytes(10, 2) }),
    );
    expect(raced).toEqual({
      status: 409,
      body: expect.objectContaining({
        error:
          '"raced.zip": "l.png" is already in project zips (the same bytes as "meanwhile.png"). Nothing was stored.',
      }),
    });
    expect(await snapshot("zips")).toEqual({
      bytes: before.bytes + 1,
      rows: before.rows + 1,
      tasks: before.tasks + 1,
    });

    // Storage failing on the second entry: nothing of the zip is kept.
    const after = await snapshot("zips");
    configureFiles({
      ...plain,
      storage: storageWith(() => Promise.reject(new Error("disk full"))),
    });
    const failed = await drop(
      "zips",
      "failed.zip",
      zip({ "m.png": pngBytes(11, 1), "n.png": pngBytes(11, 2) }),
    );
    expect(failed.status).toBeGreaterThanOrEqual(400);
    expect(failed.body.error).toMatch(/Nothing was stored\.$/);
    await expectNothingStoredSince(after, "zips");
  });

  it("refuses zip bombs: too many entries, too much growth, too large unpacked", async () => {
    const before = await snapshot("zips");
    // 2 MB of zeros compresses about a thousand times.
    const bomb = await drop(
      "zips",
      "bomb.zip",
      zip({ "big.png": new Uint8Array(2 * 1024 * 1024) }, 9),
    );
    expect(bomb.status).toBe(400);
    expect(bomb.body.error).toContain(
      '"big.png" unpacks to more than the 1048576 bytes a file may have',
    );

    // Under the per-file limit, the same entry is refused for how much it grows.
    configureFiles({ ...filesConfig(), maxBytes: 8 * 1024 * 1024 });
    const ratio = await drop(
      "zips",
      "ratio.zip",
      zip({ "big.png": new Uint8Array(2 * 1024 * 1024) }, 9),
    );
    expect(ratio.status).toBe(400);
    expect(ratio.body.error).toMatch(
      /^"ratio\.zip": "big\.png" would grow \d+ times when unpacked \(at most 100\): this looks like a zip bomb\. Nothing was stored\.$/,
    );

    const limits = { ...ZIP_LIMITS };
    try {
      ZIP_LIMITS.maxEntries = 2;
      const many = await drop(
        "zips",
        "many.zip",
        zip({ "f.png": pngBytes(9, 1), "g.png": pngBytes(9, 2), "h.png": pngBytes(9, 3) }),
      );
      expect(many.body.error).toContain("holds 3 entries, more than the 2 allowed");
      ZIP_LIMITS.maxEntries = limits.maxEntries;
      ZIP_LIMITS.maxTotalBytes = 100;
      const large = await drop(
        "zips",
        "large.zip",
        zip({ "f.png": pngBytes(9, 1), "g.png": pngBytes(9, 2) }),
      );
      expect(large.body.error).toContain("unpacks to more than");
    } finally {
      Object.assign(ZIP_LIMITS, limits);
    }
    await expectNothingStoredSince(before, "zips");
  });
});
