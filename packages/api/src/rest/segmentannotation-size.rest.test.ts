import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { decodeMask } from "@taskforge/schema";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { parseAllowlist } from "../services/callbacks/ssrf";
import { configureFiles, createDiskStorage } from "../services/files";
import type { FilesConfig } from "../services/files";
import {
  HOSTED,
  refusedUrl,
  scaleSegmentationParams,
  startImageHost,
  uploadAttachment,
} from "../test/attachments";
import { createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";
import { pngBytes } from "../test/image-bytes";
import { scaleClient, startRestServer } from "../test/rest-server";

// Scale's documented segmentannotation params, exactly: no image size.
const scaleParams = scaleSegmentationParams;

let db: TestDatabase;
let acme: TestTenant;
let globex: TestTenant;
let dir: string;
let config: FilesConfig;
let server: Awaited<ReturnType<typeof startRestServer>>;
let images: Awaited<ReturnType<typeof startImageHost>>;

const upload = (tenantKey: string, bytes: Buffer, type = "image/png") =>
  uploadAttachment(server.baseUrl, tenantKey, { bytes, type, name: "attachment" });

const allowLoopback = () =>
  configureFiles({ ...config, importPolicy: parseAllowlist(["127.0.0.1"]) });

const createSegmentation = (key: string, body: Record<string, unknown>) =>
  scaleClient(server.baseUrl, key).post("/task/segmentannotation", body);

const storedParams = async (taskId: string) =>
  (await db.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).params;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  globex = await createTenant(db, "Globex");
  dir = await mkdtemp(join(tmpdir(), "taskforge-segment-files-"));
  config = {
    storage: createDiskStorage(dir),
    maxBytes: 1024 * 1024,
    urlTtlSeconds: 600,
    importTimeoutMs: 5_000,
    importPolicy: parseAllowlist([]),
  };
  server = await startRestServer({ db });
  images = await startImageHost();
});
beforeEach(() => configureFiles(config));
afterAll(async () => {
  configureFiles(undefined);
  await images.close();
  await server.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe("POST /v1/task/segmentannotation with Scale's params (no image size)", () => {
  it("reads the size of an uploaded PNG (live mode) and stores it in the task's params", async () => {
    const attachment = await upload(acme.live.key, pngBytes(37, 21));
    const created = await createSegmentation(acme.live.key, scaleParams(attachment));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      type: "segmentannotation",
      status: "pending",
      params: { ...scaleParams(attachment), image_width: 37, image_height: 21 },
    });
    expect(await storedParams(created.body.task_id)).toMatchObject({
      image_width: 37,
      image_height: 21,
    });
    const fetched = await scaleClient(server.baseUrl, acme.live.key).get(
      `/task/${created.body.task_id}`,
    );
    expect(fetched.body.params).toEqual(created.body.params);
  });

  it("completes a test-mode task at once with a mask of the uploaded image's size", async () => {
    const attachment = await upload(acme.test.key, pngBytes(12, 9));
    const created = await createSegmentation(acme.test.key, scaleParams(attachment));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: "completed",
      params: { image_width: 12, image_height: 9 },
      response: { mask: { width: 12, height: 9, encoding: "rle" } },
    });
    expect(decodeMask(created.body.response.mask)).toHaveLength(12 * 9);
  });

  it("reads the size of an http image, in live and in test mode, through the allowlist", async () => {
    allowLoopback();
    const live = await createSegmentation(acme.live.key, scaleParams(`${images.base}/street.png`));
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({
      status: "pending",
      params: { image_width: HOSTED.png.width, image_height: HOSTED.png.height },
    });
    expect(await storedParams(live.body.task_id)).toMatchObject({
      image_width: HOSTED.png.width,
      image_height: HOSTED.png.height,
    });

    const { width, height } = HOSTED.jpeg;
    const test = await createSegmentation(acme.test.key, scaleParams(`${images.base}/photo.jpg`));
    expect(test.status).toBe(200);
    expect(test.body).toMatchObject({
      status: "completed",
      params: { image_width: width, image_height: height },
      response: { mask: { width, height } },
    });
    expect(decodeMask(test.body.response.mask)).toHaveLength(width * height);
  });

  it("reads only the header of an http image: a body that never ends still answers", async () => {
    allowLoopback();
    const created = await createSegmentation(
      acme.live.key,
      scaleParams(`${images.base}/endless.png`),
    );
    expect(created.status).toBe(200);
    expect(created.body.params).toMatchObject({
      image_width: HOSTED.endless.width,
      image_height: HOSTED.endless.height,
    });
  });

  it("fetches nothing when both dimensions are given", async () => {
    allowLoopback();
    const created = await createSegmentation(acme.live.key, {
      ...scaleParams(`${images.base}/counted.png?given`),
      image_width: 5,
      image_height: 4,
    });
    expect(created.status).toBe(200);
    expect(created.body.params).toMatchObject({ image_width: 5, image_height: 4 });
    expect(images.hitsOf("/counted.png?given")).toBe(0);
  });
});

describe("POST /v1/task/segmentannotation when the size cannot be read", () => {
  /** Answers the 400's message, checking that nothing was stored. */
  const refused = async (params: Record<string, unknown>) => {
    const before = await db.prisma.task.count({ where: { organizationId: acme.organizationId } });
    const answer = await createSegmentation(acme.live.key, params);
    expect(answer.status).toBe(400);
    expect(answer.body.status_code).toBe(400);
    expect(await db.prisma.task.count({ where: { organizationId: acme.organizationId } })).toBe(
      before,
    );
    return answer.body.error as string;
  };
  const cannotRead = (url: string, reason: string) =>
    `params.attachment: could not read the image size of ${url}: ${reason}; pass image_width and image_height`;

  it("names the attachment when it is not an image", async () => {
    allowLoopback();
    expect(await refused(scaleParams(`${images.base}/page`))).toBe(
      cannotRead(`${images.base}/page`, "it is not a PNG, JPEG or WebP image"),
    );
    const csv = await upload(acme.live.key, Buffer.from("a,b\n1,2\n"), "text/csv");
    expect(await refused(scaleParams(csv))).toBe(
      cannotRead(csv, "it is not a PNG, JPEG or WebP image"),
    );
  });

  it("names the attachment when the download fails", async () => {
    allowLoopback();
    const gone = `${images.base}/gone.png`;
    expect(await refused(scaleParams(gone))).toBe(
      cannotRead(gone, `could not download ${gone}: the server answered 404`),
    );
    const unreachable = await refusedUrl("/street.png");
    expect(await refused(scaleParams(unreachable))).toMatch(
      new RegExp(
        `^params\\.attachment: could not read the image size of ${unreachable}: could not download ${unreachable}: .*ECONNREFUSED.*; pass image_width and image_height$`,
      ),
    );
  });

  it("refuses a private address unless the allowlist names it", async () => {
    const url = `${images.base}/counted.png?private`;
    expect(await refused(scaleParams(url))).toBe(
      cannotRead(
        url,
        `could not download ${url}: refused to connect: 127.0.0.1 is a loopback (127.0.0.0/8) address; an operator can allow it with TASKFORGE_CALLBACK_ALLOWLIST`,
      ),
    );
    expect(images.hitsOf("/counted.png?private")).toBe(0);
  });

  it("names the bucket URLs the server cannot read", async () => {
    expect(await refused(scaleParams("s3://bucket/street.png"))).toBe(
      cannotRead("s3://bucket/street.png", "the server cannot read s3: URLs"),
    );
  });

  it("refuses another organization's or world's file without reading it", async () => {
    const foreign = (url: string) => `params.attachment: ${url} is not a file of this organization`;
    const theirs = await upload(globex.live.key, pngBytes(8, 8));
    expect(await refused(scaleParams(theirs))).toBe(foreign(theirs));
    // Were it read, this one would fail as "not an image": it is refused before that.
    const theirText = await upload(globex.live.key, Buffer.from("a,b\n"), "text/csv");
    expect(await refused(scaleParams(theirText))).toBe(foreign(theirText));
    const testWorld = await upload(acme.test.key, pngBytes(8, 8));
    expect(await refused(scaleParams(testWorld))).toBe(foreign(testWorld));
  });

  it("names the missing dimension when only one is given", async () => {
    const url = `${images.base}/counted.png?one`;
    expect(await refused({ ...scaleParams(url), image_width: 40 })).toBe(
      "params.image_height: is required when image_width is given (or leave both out to have the image size read from attachment)",
    );
    expect(await refused({ ...scaleParams(url), image_height: 30 })).toBe(
      "params.image_width: is required when image_height is given (or leave both out to have the image size read from attachment)",
    );
  });

  it("reports the other params' problems without fetching anything", async () => {
    allowLoopback();
    const url = `${images.base}/counted.png?invalid`;
    expect(await refused({ ...scaleParams(url), labels: [] })).toBe(
      "params.labels: must list at least one label",
    );
    expect(images.hitsOf("/counted.png?invalid")).toBe(0);
  });
});

describe("GET /v1/openapi.json", () => {
  it("documents the image size as optional on create", async () => {
    const document = (await (await fetch(`${server.baseUrl}/openapi.json`)).json()) as any;
    const body =
      document.paths["/task/segmentannotation"].post.requestBody.content["application/json"].schema;
    // An intersection is one merged object, or an allOf of its parts.
    const parts = [body, ...((body.allOf as object[] | undefined) ?? [])] as {
      required?: string[];
    }[];
    const required = parts.flatMap((part) => part.required ?? []);
    expect(required).toEqual(expect.arrayContaining(["attachment", "labels"]));
    expect(required).not.toContain("image_width");
    expect(required).not.toContain("image_height");
  });
});
