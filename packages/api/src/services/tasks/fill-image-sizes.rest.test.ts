import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { scopeOf } from "../../scope";
import {
  HOSTED,
  scaleSegmentationParams,
  startImageHost,
  uploadAttachment,
} from "../../test/attachments";
import { callerFor, createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { pngBytes } from "../../test/image-bytes";
import { scaleClient, startRestServer } from "../../test/rest-server";
import { parseAllowlist } from "../callbacks/ssrf";
import { configureFiles, createDiskStorage, filesConfigFromEnv } from "../files";
import { createProject, setProjectParams } from "../projects/projects";
import { prepareTasks, writePreparedTasks } from "./insert-tasks";

// Every way of creating tasks reads a segmentation's image size through the same step
// (`prepareTasks` → `fillImageSizes`): the bulk calls, the typed API, projects' params, the
// Idempotency-Key path and the bulk import.

const scaleParams = scaleSegmentationParams;
const segmentation = (attachment: string) => ({
  type: "segmentannotation" as const,
  params: scaleParams(attachment),
});

let db: TestDatabase;
let acme: TestTenant;
let dir: string;
let server: Awaited<ReturnType<typeof startRestServer>>;
let images: Awaited<ReturnType<typeof startImageHost>>;
const png = [HOSTED.png.width, HOSTED.png.height];
const jpeg = [HOSTED.jpeg.width, HOSTED.jpeg.height];

const sizeOf = (params: unknown) => {
  const { image_width, image_height } = params as Record<string, unknown>;
  return [image_width, image_height];
};

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  dir = await mkdtemp(join(tmpdir(), "taskforge-size-paths-"));
  server = await startRestServer({ db });
  images = await startImageHost();
});
beforeEach(() =>
  configureFiles({
    ...filesConfigFromEnv({}),
    storage: createDiskStorage(dir),
    importTimeoutMs: 5_000,
    importPolicy: parseAllowlist(["127.0.0.1"]),
  }),
);
afterAll(async () => {
  configureFiles(undefined);
  await images.close();
  await server.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the image size is read on every create path", () => {
  it("tasks.createMany reads each attachment once and fails a bad one alone", async () => {
    const counted = `${images.base}/counted.png?many`;
    const result = await callerFor(db, acme.live).tasks.createMany({
      tasks: [
        segmentation(counted),
        segmentation(`${images.base}/photo.jpg`),
        segmentation(counted),
        segmentation(`${images.base}/page`),
        segmentation(counted),
      ],
    });
    expect(result).toMatchObject({ created: 4, failed: 1 });
    expect(result.results.map((r) => (r.ok ? sizeOf(r.task.params) : r.error.error))).toEqual([
      png,
      jpeg,
      png,
      `params.attachment: could not read the image size of ${images.base}/page: it is not a PNG, JPEG or WebP image; pass image_width and image_height`,
      png,
    ]);
    expect(images.hitsOf("/counted.png?many")).toBe(1);
  });

  it("tasks.create and tasks.createManyIds", async () => {
    const caller = callerFor(db, acme.live);
    const attachment = await uploadAttachment(server.baseUrl, acme.live.key, {
      bytes: pngBytes(3, 2),
      type: "image/png",
      name: "tiny.png",
    });
    const one = await caller.tasks.create(segmentation(attachment));
    expect(sizeOf(one.params)).toEqual([3, 2]);
    const ids = await caller.tasks.createManyIds({
      tasks: [segmentation(`${images.base}/street.png`)],
    });
    const [first] = ids.results;
    if (!first?.ok) throw new Error(`not created: ${JSON.stringify(first)}`);
    const stored = await db.prisma.task.findUniqueOrThrow({ where: { id: first.task_id } });
    expect(sizeOf(stored.params)).toEqual(png);
  });

  it("reads the attachment a task gets from its project's params", async () => {
    const scale = scaleClient(server.baseUrl, acme.live.key);
    const project = await scale.post("/projects", {
      type: "segmentannotation",
      name: "street segments",
      params: scaleParams(`${images.base}/street.png`),
    });
    expect(project.status).toBe(200);
    const inherited = await scale.post("/task/segmentannotation", { project: "street segments" });
    expect(inherited.status).toBe(200);
    expect(inherited.body).toMatchObject({
      project: "street segments",
      project_param_version: 0,
      params: { attachment: `${images.base}/street.png` },
    });
    expect(sizeOf(inherited.body.params)).toEqual(png);
    // The task's own attachment wins over the project's, and its size is the one read.
    const own = await scale.post("/task/segmentannotation", {
      project: "street segments",
      attachment: `${images.base}/photo.jpg`,
    });
    expect(sizeOf(own.body.params)).toEqual(jpeg);
  });

  it("reads no image again when a prepared chunk is validated again in its transaction", async () => {
    const scope = scopeOf(db, acme.live);
    await createProject(scope, {
      name: "revalidated",
      type: "segmentannotation",
      params: { labels: ["road"] },
    });
    const url = `${images.base}/counted.png?revalidated`;
    const prepared = await prepareTasks(db.prisma, scope, [
      {
        index: 0,
        input: { type: "segmentannotation", project: "revalidated", params: { attachment: url } },
      },
    ]);
    // A new project version makes the write validate the chunk again (see writePreparedTasks).
    await setProjectParams(scope, {
      name: "revalidated",
      patch: true,
      params: { labels: ["lane"] },
    });
    const [result] = await db.prisma.$transaction((tx) => writePreparedTasks(tx, scope, prepared));
    if (!result?.ok) throw new Error(`not created: ${JSON.stringify(result)}`);
    expect(result.task).toMatchObject({ project_param_version: 1, params: { labels: ["lane"] } });
    expect(sizeOf(result.task.params)).toEqual(png);
    expect(images.hitsOf("/counted.png?revalidated")).toBe(1);
  });

  it("with an Idempotency-Key, reads once and answers a retry with the first task", async () => {
    const scale = scaleClient(server.baseUrl, acme.live.key);
    const body = scaleParams(`${images.base}/counted.png?idempotent`);
    const headers = { "idempotency-key": "segment-once" };
    const first = await scale.post("/task/segmentannotation", body, headers);
    const retry = await scale.post("/task/segmentannotation", body, headers);
    expect(first.status).toBe(200);
    expect(sizeOf(first.body.params)).toEqual(png);
    expect(retry.body.task_id).toBe(first.body.task_id);
    expect(images.hitsOf("/counted.png?idempotent")).toBe(1);
  });

  it("POST /v1/imports reads the size of each line's attachment", async () => {
    const lines = [
      { ...scaleParams(`${images.base}/street.png`), unique_id: "seg-1" },
      { ...scaleParams(`${images.base}/photo.jpg`), unique_id: "seg-2" },
      { ...scaleParams(`${images.base}/page`), unique_id: "seg-3" },
    ].map((line) => JSON.stringify(line));
    const response = await fetch(`${server.baseUrl}/imports?format=jsonl&type=segmentannotation`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${acme.live.key}:`).toString("base64")}` },
      body: lines.join("\n"),
    });
    expect(response.status).toBe(200);
    const job = (await response.json()) as Record<string, any>;
    expect(job).toMatchObject({ status: "completed", created_count: 2, failed_count: 1 });
    const stored = await db.prisma.task.findMany({
      where: { organizationId: acme.organizationId, uniqueId: { in: ["seg-1", "seg-2"] } },
      orderBy: { uniqueId: "asc" },
    });
    expect(stored.map((t) => sizeOf(t.params))).toEqual([png, jpeg]);
    const errors = await scaleClient(server.baseUrl, acme.live.key).get(
      `/imports/${job.id}/errors`,
    );
    expect(JSON.stringify(errors.body)).toContain(
      `could not read the image size of ${images.base}/page`,
    );
  });
});
