import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";

import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { AppError } from "../../errors";
import { createDiskStorage, createS3Storage } from "./storage";
import type { FileStorage } from "./storage";

const listAll = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));

let root: string;
let s3: S3rver;
let storages: { name: string; storage: FileStorage; spool: string }[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "taskforge-storage-"));
  // A real S3-compatible server on the loopback, speaking the S3 REST protocol to the AWS SDK.
  s3 = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: join(root, "s3rver"),
    configureBuckets: [{ name: "attachments" }],
  });
  const { port } = await s3.run();
  storages = [
    { name: "disk", storage: createDiskStorage(join(root, "disk")), spool: join(root, "disk") },
    {
      name: "s3",
      storage: createS3Storage({
        bucket: "attachments",
        endpoint: `http://127.0.0.1:${port}`,
        region: "us-east-1",
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
        forcePathStyle: true,
        spoolDir: join(root, "spool"),
      }),
      spool: join(root, "spool"),
    },
  ];
});
afterAll(async () => {
  await s3.close();
  await rm(root, { recursive: true, force: true });
});

describe.each(["disk", "s3"])("%s storage", (name) => {
  const pick = () => {
    const found = storages.find((s) => s.name === name);
    if (!found) throw new Error(name);
    return found;
  };

  it("stores a stream, reads it back whole and by range, and removes it", async () => {
    const { storage } = pick();
    const bytes = randomBytes(200_000);
    const key = `org-1/${name}-round-trip`;
    const stored = await storage.put(
      key,
      Readable.from([bytes.subarray(0, 70_000), bytes.subarray(70_000)]),
      {
        contentType: "application/octet-stream",
        maxBytes: 1_000_000,
      },
    );
    expect(stored.size).toBe(bytes.length);
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await buffer(await storage.open(key))).equals(bytes)).toBe(true);
    const part = await buffer(await storage.open(key, { start: 1000, end: 1999 }));
    expect(part.equals(bytes.subarray(1000, 2000))).toBe(true);
    await storage.remove(key);
    await expect(storage.open(key).then(buffer)).rejects.toThrow();
    await storage.remove(key); // removing twice is fine
  });

  it("refuses a stream past the limit with 413 and keeps nothing", async () => {
    const { storage, spool } = pick();
    const key = `org-1/${name}-too-large`;
    const error = await storage
      .put(key, Readable.from([randomBytes(600), randomBytes(600)]), {
        contentType: "image/png",
        maxBytes: 1000,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).statusCode).toBe(413);
    await expect(storage.open(key).then(buffer)).rejects.toThrow();
    expect(
      (await listAll(spool).catch(() => [])).filter(
        (f) => f.includes("too-large") || f.includes("partial"),
      ),
    ).toEqual([]);
  });
});
