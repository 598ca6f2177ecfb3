import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { XMLParser } from "fast-xml-parser";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { HOSTED, startImageHost, uploadAttachment } from "../../test/attachments";
import { createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { jpegBytes, pngBytes } from "../../test/image-bytes";
import { scaleClient, startRestServer } from "../../test/rest-server";
import { parseAllowlist } from "../callbacks/ssrf";
import { configureFiles, createDiskStorage, filesConfigFromEnv, serveSignedFile } from "../files";
import { claimExportJob, runExportJob } from "./index";

// Image exports over real HTTP: tasks created through REST without image sizes, on an uploaded
// file and on images of a (private, allow-listed) host; exported with their images in the zip,
// or with download URLs; the archive unzipped and read back.

let db: TestDatabase;
let acme: TestTenant;
let filesDir: string;
let exportsDir: string;
let server: Awaited<ReturnType<typeof startRestServer>>;
let images: Awaited<ReturnType<typeof startImageHost>>;
let scale: ReturnType<typeof scaleClient>;

const uploaded = pngBytes(40, 30);
const ids = { upload: "", remote: "", missing: "", pending: "" };
let uploadUrl = "";

// In pixels of each image: a box and a triangle.
const response = {
  annotations: [
    { uuid: "b", type: "box", label: "car", left: 4, top: 3, width: 20, height: 15 },
    {
      uuid: "p",
      type: "polygon",
      label: "road",
      vertices: [
        { x: 0, y: 0 },
        { x: 20, y: 0 },
        { x: 20, y: 15 },
      ],
    },
  ],
};

/** Created over REST with no image size, then answered (as a Tasker's submission would). */
const createTask = async (
  attachment: string,
  answered = true,
  extra: Record<string, unknown> = { tags: ["media"] },
) => {
  const created = await scale.post("/task/imageannotation", {
    attachment,
    geometries: {
      box: { objects_to_annotate: ["car"] },
      polygon: { objects_to_annotate: ["road"] },
    },
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  const id = created.body.task_id as string;
  if (answered) {
    await db.prisma.task.update({
      where: { id },
      data: { status: "completed", response, completedAt: new Date() },
    });
  }
  return id;
};

type Job = {
  id: string;
  status: string;
  processed: number;
  skipped: number;
  skip_reasons: { reason: string; count: number }[];
  media: string | null;
};

/** Starts the export over REST, runs it as a worker would, and downloads the file. */
const exportVia = async (body: Record<string, unknown>) => {
  const created = await scale.post("/exports", { tags: ["media"], ...body });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  for (
    let job = await claimExportJob(db.sql, 60_000);
    job;
    job = await claimExportJob(db.sql, 60_000)
  ) {
    await runExportJob(db, job, { exportsDir });
  }
  const job = (await scale.get(`/exports/${created.body.id as string}`)).body as unknown as Job;
  expect(job.status).toBe("completed");
  const download = await fetch(`${server.baseUrl}/exports/${job.id}/download`, {
    headers: { authorization: `Basic ${Buffer.from(`${acme.live.key}:`).toString("base64")}` },
  });
  expect(download.status).toBe(200);
  const bytes = new Uint8Array(await download.arrayBuffer());
  return { job, bytes, contentType: download.headers.get("content-type") };
};

const unzip = (bytes: Uint8Array) => {
  const files = unzipSync(bytes);
  return {
    names: Object.keys(files).sort(),
    bytes: (name: string) => {
      const found = files[name];
      if (!found)
        throw new Error(`${name} is not in the archive: ${Object.keys(files).join(", ")}`);
      return found;
    },
    text: (name: string) => strFromU8(files[name] ?? new Uint8Array()),
  };
};

const SKIPS = [
  { reason: "image size could not be read from the image", count: 1 },
  { reason: "no response yet (the task is not completed)", count: 1 },
];

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  filesDir = await mkdtemp(join(tmpdir(), "taskforge-export-files-"));
  exportsDir = await mkdtemp(join(tmpdir(), "taskforge-export-media-"));
  configureFiles({
    ...filesConfigFromEnv({}),
    storage: createDiskStorage(filesDir),
    importTimeoutMs: 5_000,
    importPolicy: parseAllowlist(["127.0.0.1"]),
  });
  server = await startRestServer({ db });
  images = await startImageHost();
  scale = scaleClient(server.baseUrl, acme.live.key);
  uploadUrl = await uploadAttachment(server.baseUrl, acme.live.key, {
    bytes: uploaded,
    type: "image/png",
    name: "street.png",
  });
  // Oldest first: the list (and so every file) has the newest first.
  ids.upload = await createTask(uploadUrl);
  ids.remote = await createTask(`${images.base}/photo.jpg`);
  ids.missing = await createTask(`${images.base}/gone.png`);
  ids.pending = await createTask(`${images.base}/photo.jpg?pending`, false);
});

afterAll(async () => {
  configureFiles(undefined);
  await images?.close();
  await server?.close();
  await db?.close();
  await rm(filesDir, { recursive: true, force: true });
  await rm(exportsDir, { recursive: true, force: true });
});

const jpeg = jpegBytes(HOSTED.jpeg.width, HOSTED.jpeg.height);

describe("image exports with media included", () => {
  it("COCO: a zip of annotations/instances.json and the images, sizes read from the images", async () => {
    const { job, bytes, contentType } = await exportVia({ format: "coco", media: "include" });
    expect(contentType).toBe("application/zip");
    expect(job).toMatchObject({ processed: 4, skipped: 2, skip_reasons: SKIPS, media: "include" });
    const zip = unzip(bytes);
    expect(zip.names).toEqual(
      [
        "annotations/instances.json",
        `images/${ids.remote}.jpg`,
        `images/${ids.upload}.png`,
        "skipped.txt",
      ].sort(),
    );
    expect(zip.bytes(`images/${ids.upload}.png`)).toEqual(new Uint8Array(uploaded));
    expect(zip.bytes(`images/${ids.remote}.jpg`)).toEqual(new Uint8Array(jpeg));
    const coco = JSON.parse(zip.text("annotations/instances.json")) as {
      images: { id: number; file_name: string; width: number; height: number; task_id: string }[];
      annotations: { image_id: number; bbox: number[] }[];
    };
    expect(coco.images.map(({ file_name, width, height }) => [file_name, width, height])).toEqual([
      [`${ids.remote}.jpg`, HOSTED.jpeg.width, HOSTED.jpeg.height],
      [`${ids.upload}.png`, 40, 30],
    ]);
    expect(coco.images.every((image) => !("coco_url" in image))).toBe(true);
    expect(coco.annotations.map((a) => a.bbox)).toContainEqual([4, 3, 20, 15]);
    const skipped = zip.text("skipped.txt");
    expect(skipped).toContain(`${ids.missing}\timage size could not be read from the image: `);
    expect(skipped).toContain(`${ids.pending}\tno response yet`);
  });

  it("YOLO: label lines normalized by each image's own size, beside its image", async () => {
    const { job, bytes } = await exportVia({ format: "yolo", media: "include" });
    expect(job).toMatchObject({ skipped: 2, skip_reasons: SKIPS });
    const zip = unzip(bytes);
    expect(zip.bytes(`images/${ids.upload}.png`)).toEqual(new Uint8Array(uploaded));
    expect(zip.names).toContain(`images/${ids.remote}.jpg`);
    expect(zip.names).not.toContain(`labels/${ids.missing}.txt`);
    expect(zip.text("classes.txt")).toBe("car\nroad\n");
    expect(zip.text("data.yaml")).toContain('names:\n  0: "car"\n  1: "road"\n');
    // Box 4,3 20×15: centre (14, 10.5). In 40×30: 0.35 0.35 0.5 0.5; in 800×600 a fortieth.
    expect(zip.text(`labels/${ids.upload}.txt`)).toBe("0 0.350000 0.350000 0.500000 0.500000\n");
    expect(zip.text(`labels/${ids.remote}.txt`)).toBe("0 0.017500 0.017500 0.025000 0.025000\n");
  });

  it("YOLO segmentation: polygons and box outlines as normalized vertex lists", async () => {
    const { bytes } = await exportVia({ format: "yolo_seg", media: "include" });
    const zip = unzip(bytes);
    expect(zip.names).toContain(`images/${ids.upload}.png`);
    expect(zip.text(`labels/${ids.upload}.txt`).split("\n")).toEqual([
      "0 0.100000 0.100000 0.600000 0.100000 0.600000 0.600000 0.100000 0.600000",
      "1 0.000000 0.000000 0.500000 0.000000 0.500000 0.500000",
      "",
    ]);
  });

  it("Pascal VOC: each XML carries the image's size and its path in the archive", async () => {
    const { bytes } = await exportVia({ format: "voc", media: "include" });
    const zip = unzip(bytes);
    expect(zip.names).toContain(`images/${ids.upload}.png`);
    const parser = new XMLParser({ isArray: (name) => name === "object" });
    const xml = parser.parse(zip.text(`Annotations/${ids.remote}.xml`)) as {
      annotation: Record<string, unknown>;
    };
    expect(xml.annotation).toMatchObject({
      filename: `${ids.remote}.jpg`,
      path: `images/${ids.remote}.jpg`,
      size: { width: HOSTED.jpeg.width, height: HOSTED.jpeg.height, depth: 3 },
      object: [{ name: "car", bndbox: { xmin: 4, ymin: 3, xmax: 24, ymax: 18 } }],
    });
  });

  it("CVAT for images 1.1: annotations.xml with labels, image sizes and shapes", async () => {
    const { bytes } = await exportVia({ format: "cvat", media: "include" });
    const zip = unzip(bytes);
    expect(zip.names).toContain(`images/${ids.remote}.jpg`);
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      isArray: (name, _path, _leaf, attribute) =>
        !attribute && ["image", "label", "box", "polygon"].includes(name),
    });
    const xml = parser.parse(zip.text("annotations.xml")) as {
      annotations: {
        version: number;
        meta: { task: { size: number; labels: { label: { name: string }[] } } };
        image: Record<string, unknown>[];
      };
    };
    expect(xml.annotations.version).toBe(1.1);
    expect(xml.annotations.meta.task.size).toBe(2);
    expect(xml.annotations.meta.task.labels.label.map((l) => l.name)).toEqual(["car", "road"]);
    expect(xml.annotations.image).toEqual([
      expect.objectContaining({ id: "0", name: `${ids.remote}.jpg`, width: "800", height: "600" }),
      expect.objectContaining({ id: "1", name: `${ids.upload}.png`, width: "40", height: "30" }),
    ]);
    expect(xml.annotations.image[1]).toMatchObject({
      box: [{ label: "car", xtl: "4", ytl: "3", xbr: "24", ybr: "18" }],
      polygon: [{ label: "road", points: "0,0;20,0;20,15" }],
    });
  });

  it("Label Studio: tasks.json whose images are in the zip, shapes in percent", async () => {
    const { bytes } = await exportVia({ format: "label_studio", media: "include" });
    const zip = unzip(bytes);
    const tasks = JSON.parse(zip.text("tasks.json")) as {
      data: { image: string; task_id: string };
      annotations: { result: { type: string; value: Record<string, unknown> }[] }[];
    }[];
    const upload = tasks.find((task) => task.data.task_id === ids.upload);
    expect(upload?.data.image).toBe(`images/${ids.upload}.png`);
    expect(zip.names).toContain(`images/${ids.upload}.png`);
    expect(upload?.annotations[0]?.result).toEqual([
      expect.objectContaining({
        type: "rectanglelabels",
        original_width: 40,
        original_height: 30,
        value: { x: 10, y: 10, width: 50, height: 50, rotation: 0, rectanglelabels: ["car"] },
      }),
      expect.objectContaining({
        type: "polygonlabels",
        value: {
          points: [
            [0, 0],
            [50, 0],
            [50, 50],
          ],
          polygonlabels: ["road"],
        },
      }),
    ]);
  });

  it("leaves out a task whose image is gone by the time it is included", async () => {
    // Its size is in params, so nothing reads the image before the archive does.
    const gone = await createTask(`${images.base}/gone.jpg`, true, {
      image_width: 800,
      image_height: 600,
      tags: ["gone"],
    });
    const { job, bytes } = await exportVia({ format: "voc", media: "include", tags: ["gone"] });
    expect(job).toMatchObject({
      processed: 1,
      skipped: 1,
      skip_reasons: [{ reason: "image could not be read to include it", count: 1 }],
    });
    const zip = unzip(bytes);
    expect(zip.names).toEqual(["labels.txt", "skipped.txt"]);
    expect(zip.text("skipped.txt")).toContain(gone);
  });
});

describe("image exports with download URLs", () => {
  it("COCO: coco_url is absolute; an upload's is a signed link that serves the file", async () => {
    const { bytes, contentType, job } = await exportVia({ format: "coco" });
    expect(contentType).toBe("application/json");
    expect(job).toMatchObject({ skipped: 2, media: "urls" });
    const coco = JSON.parse(new TextDecoder().decode(bytes)) as {
      images: { task_id: string; coco_url: string; width: number }[];
    };
    const byTask = new Map(coco.images.map((image) => [image.task_id, image]));
    expect(byTask.get(ids.remote)?.coco_url).toBe(`${images.base}/photo.jpg`);
    const signed = byTask.get(ids.upload)?.coco_url ?? "";
    const origin = new URL(server.baseUrl).origin;
    expect(signed).toMatch(new RegExp(`^${origin}/files/[0-9a-f-]{36}\\?expires=\\d+&signature=`));
    // Valid for a week, not the browser links' minutes.
    const expires = Number(new URL(signed).searchParams.get("expires"));
    expect(expires * 1000 - Date.now()).toBeGreaterThan(6 * 86_400_000);
    // The route behind /files/<id> serves it to anyone holding the link, without a key.
    const fileId = new URL(signed).pathname.split("/").at(-1) ?? "";
    const served = await serveSignedFile(db, fileId, new Request(signed));
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(new Uint8Array(uploaded));
    expect(JSON.stringify(coco)).not.toContain("taskforge://");
  });

  it("YOLO: images.txt maps each image path to its URL", async () => {
    const { bytes } = await exportVia({ format: "yolo" });
    const zip = unzip(bytes);
    expect(zip.names.some((name) => name.startsWith("images/"))).toBe(false);
    const lines = zip.text("images.txt").trimEnd().split("\n");
    expect(lines).toContain(`images/${ids.remote}.jpg\t${images.base}/photo.jpg`);
    expect(lines.find((line) => line.startsWith(`images/${ids.upload}.png\t`))).toMatch(
      /\thttp:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f-]{36}\?expires=/,
    );
  });

  it("refuses media: include for a format without images, naming the field", async () => {
    const refused = await scale.post("/exports", { format: "csv", media: "include" });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("media");
  });
});
