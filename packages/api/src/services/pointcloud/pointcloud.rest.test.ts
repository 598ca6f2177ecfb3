import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  COMPACT_FRAME_MEDIA_TYPE,
  decodeCompactFrame,
  kittiBytes,
  lasBytes,
  MAX_POINTS_PER_FRAME,
  parsePcd,
  pcdBytes,
  plyBytes,
  samplePoints,
} from "@taskforge/schema";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { parseAllowlist } from "../callbacks/ssrf";
import { configureFiles, createDiskStorage, filesConfig } from "../files";
import { createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { scaleClient, startRestServer } from "../../test/rest-server";

let db: TestDatabase;
let acme: TestTenant;
let dir: string;
let server: Awaited<ReturnType<typeof startRestServer>>;
let scale: ReturnType<typeof scaleClient>;

const authorization = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
const points = samplePoints(300, 4);

/** The dashboard's drop: the body is the file, `?filename=` its name. */
const drop = async (filename: string, bytes: Uint8Array) => {
  const response = await fetch(
    `${server.baseUrl}/projects/scans/media?filename=${encodeURIComponent(filename)}`,
    { method: "POST", headers: { authorization: authorization(acme.live.key) }, body: bytes },
  );
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

/** `POST /files/upload`, multipart. */
const upload = async (filename: string, bytes: Uint8Array) => {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type: "application/octet-stream" }), filename);
  const response = await fetch(`${server.baseUrl}/files/upload`, {
    method: "POST",
    headers: { authorization: authorization(acme.live.key) },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

/** The bytes storage holds for an attachment URL, and the type they are stored as. */
const storedBytes = async (url: string) => {
  const row = await db.prisma.file.findFirstOrThrow({ where: { id: url.split("/").pop() } });
  const chunks: Buffer[] = [];
  for await (const chunk of await filesConfig().storage.open(row.storageKey))
    chunks.push(chunk as Buffer);
  return { bytes: new Uint8Array(Buffer.concat(chunks)), mimeType: row.mimeType };
};

const snapshot = async () => ({
  files: (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile())
    .length,
  rows: await db.prisma.file.count(),
  tasks: await db.prisma.task.count(),
});

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  dir = await mkdtemp(join(tmpdir(), "taskforge-clouds-"));
  server = await startRestServer({ db });
  scale = scaleClient(server.baseUrl, acme.live.key);
  const created = await scale.post("/projects", {
    type: "lidarsegmentation",
    name: "scans",
    params: { labels: ["road", "car"] },
  });
  expect(created.status).toBe(200);
});
beforeEach(() =>
  configureFiles({
    storage: createDiskStorage(dir),
    maxBytes: 4 * 1024 * 1024,
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

describe("point clouds dropped on a lidar project", () => {
  it("stores a binary_compressed PCD converted once, and its task knows its points", async () => {
    const source = pcdBytes(points, { data: "binary_compressed", intensity: true, rgb: true });
    const { status, body } = await drop("scan 1.pcd", source);
    expect(status, JSON.stringify(body)).toBe(200);
    const { task_id, attachment_url, kind } = body.created[0];
    expect(kind).toBe("pointcloud");
    const task = (await scale.get(`/task/${task_id}`)).body;
    expect(task.params).toMatchObject({ attachments: [attachment_url], frame_point_counts: [300] });
    const stored = await storedBytes(attachment_url);
    expect(stored.mimeType).toBe(COMPACT_FRAME_MEDIA_TYPE);
    const frame = decodeCompactFrame(stored.bytes);
    const expected = parsePcd(source);
    expect(frame.positions).toEqual(expected.positions);
    expect(frame.intensities).toEqual(expected.intensities);
    expect(frame.colors).toEqual(expected.colors);
  });

  it("takes PCD ascii, PLY, LAS 1.4 and KITTI .bin, and counts a JSON frame's points", async () => {
    const other = samplePoints(120, 9);
    for (const [name, bytes] of [
      ["a.pcd", pcdBytes(other, { data: "ascii", intensity: true })],
      ["b.ply", plyBytes(other, { format: "binary_big_endian", rgb: true })],
      ["c.las", lasBytes(other, { format: 7, offset: [400_000, 5_000_000, 50] })],
      ["000001.bin", kittiBytes(other)],
    ] as const) {
      const { status, body } = await drop(name, bytes);
      expect(status, `${name}: ${JSON.stringify(body)}`).toBe(200);
      const task = (await scale.get(`/task/${body.created[0].task_id}`)).body;
      expect(task.params.frame_point_counts).toEqual([120]);
      const frame = decodeCompactFrame((await storedBytes(body.created[0].attachment_url)).bytes);
      expect(frame.count).toBe(120);
    }
    const json = await drop(
      "d.json",
      Buffer.from(
        JSON.stringify({
          points: [
            [0, 0, 0],
            [1, 2, 3, 4],
          ],
        }),
      ),
    );
    expect(json.status).toBe(200);
    const task = (await scale.get(`/task/${json.body.created[0].task_id}`)).body;
    expect(task.params.frame_point_counts).toEqual([2]);
  });

  it("refuses bad files with the file, the format and the problem, storing nothing", async () => {
    const before = await snapshot();
    const refused = async (name: string, bytes: Uint8Array) => {
      const { status, body } = await drop(name, bytes);
      expect(status, name).toBe(400);
      return body.error as string;
    };
    const pcd = pcdBytes(points, { data: "binary", intensity: true });
    expect(await refused("cut.pcd", pcd.subarray(0, pcd.length - 10))).toBe(
      '"cut.pcd" is not a readable point cloud (PCD): it is truncated: 4790 bytes of point data where the header\'s 300 points need 4800. Nothing was stored.',
    );
    expect(
      await refused("count.pcd", pcdBytes(points, { data: "binary", declaredPoints: 200 })),
    ).toContain("more than the header's 200 points");
    const nan = samplePoints(50, 1);
    nan.positions[17 * 3 + 2] = NaN;
    expect(await refused("nan.ply", plyBytes(nan, { format: "binary_little_endian" }))).toBe(
      '"nan.ply" is not a readable point cloud (PLY): point 17 has a coordinate that is not a finite number (x=' +
        `${Math.fround(nan.positions[17 * 3] ?? 0)}, y=${Math.fround(nan.positions[17 * 3 + 1] ?? 0)}, z=NaN). Nothing was stored.`,
    );
    // Past the first bytes (which must read as finite floats for a .bin to be taken for KITTI).
    const infinite = samplePoints(50, 1);
    infinite.positions[40 * 3] = Infinity;
    expect(await refused("inf.bin", kittiBytes(infinite))).toContain(
      '"inf.bin" is not a readable point cloud (KITTI .bin): point 40 has a coordinate',
    );
    expect(await refused("odd.bin", kittiBytes(points).subarray(0, 4_000 + 8))).toContain(
      "is not a multiple of 16",
    );
    expect(await refused("none.pcd", pcdBytes(samplePoints(0), { data: "ascii" }))).toBe(
      '"none.pcd" is not a readable point cloud (PCD): it has no points. Nothing was stored.',
    );
    const many = lasBytes(points, { format: 0 });
    new DataView(many.buffer).setUint32(107, MAX_POINTS_PER_FRAME + 1, true);
    expect(await refused("many.las", many)).toContain(
      `it has ${MAX_POINTS_PER_FRAME + 1} points; a frame may have at most ${MAX_POINTS_PER_FRAME}`,
    );
    const laz = lasBytes(points, { format: 1 });
    laz[104] = 0x81;
    expect(await refused("scan.laz", laz)).toContain(
      '"scan.laz" is not a readable point cloud (LAZ): it is LAZ (compressed LAS), which taskforge does not read; convert it to LAS first',
    );
    // A .bin of no point-cloud shape (its floats are NaN) is of no kind at all.
    expect(
      await refused("firmware.bin", new Uint8Array(new Float32Array(16).fill(NaN).buffer)),
    ).toContain("of no kind taskforge can label");
    expect(await snapshot()).toEqual(before);
  });
});

describe("point clouds uploaded to /files/upload", () => {
  it("stores a sensor format converted, which a lidar task then names; a bad one is refused", async () => {
    const { status, body } = await upload(
      "street.ply",
      plyBytes(points, { format: "ascii", intensity: true }),
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.mime_type).toBe(COMPACT_FRAME_MEDIA_TYPE);
    expect(decodeCompactFrame((await storedBytes(body.attachment_url)).bytes).count).toBe(300);
    // Its points are read from the stored frame's header when the task leaves them out.
    const task = await scale.post("/task/lidarsegmentation", {
      attachments: [body.attachment_url, body.attachment_url],
      labels: ["road"],
    });
    expect(task.status, JSON.stringify(task.body)).toBe(200);
    expect(task.body.params.frame_point_counts).toEqual([300, 300]);
    // Not when a frame is remote (its size is not known here), nor when the caller gave them.
    const remote = await scale.post("/task/lidarsegmentation", {
      attachments: [body.attachment_url, "https://example.com/frame.pcd"],
      labels: ["road"],
    });
    expect(remote.status, JSON.stringify(remote.body)).toBe(200);
    expect(remote.body.params.frame_point_counts).toBeUndefined();

    const before = await snapshot();
    const broken = await upload(
      "broken.pcd",
      pcdBytes(points, { data: "binary", declaredPoints: 900 }),
    );
    expect(broken.status).toBe(400);
    expect(broken.body.error).toContain(
      '"broken.pcd" is not a readable point cloud (PCD): it is truncated',
    );
    expect(await snapshot()).toEqual(before);
  });

  it("keeps a .bin that is not a scan as it came: a general store cannot refuse it by its name", async () => {
    const bytes = new Uint8Array(100).fill(1); // finite floats, but not whole 16-byte points
    const { status, body } = await upload("weights.bin", bytes);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.mime_type).toBe("application/octet-stream");
    expect((await storedBytes(body.attachment_url)).bytes).toEqual(bytes);
  });
});
