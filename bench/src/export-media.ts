// Export with media: a COCO archive of N image tasks whose images are uploads without a size in
// params (so each image's header is read, then the image streamed into the zip), run by the export
// runner as a worker would. Baseline, in the same run on the same files: copying them raw into a
// zip with the same zip library (fflate), one stream at a time, the least any export has to do.
// Figures: images/s and the process's peak RSS during each (it must not grow with N).
import { randomBytes, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";

import {
  claimExportJob,
  configureFiles,
  createDiskStorage,
  ensureBootstrapOrganization,
  filesConfigFromEnv,
  runExportJob,
} from "@taskforge/api";
import { createTestDatabase } from "@taskforge/db/testing";
import { Zip, ZipPassThrough } from "fflate";

import { peakRssMb, rateResult, resetPeakRss, round, rssResult } from "./measure";
import type { Result } from "./measure";

const IMAGES = Number(process.env.BENCH_EXPORT_IMAGES ?? 5_000);
const IMAGE_BYTES = Number(process.env.BENCH_EXPORT_IMAGE_BYTES ?? 64 * 1024);

/** A PNG signature and IHDR chunk: all the export reads of an image before copying it. */
const pngHead = (width: number, height: number) => {
  const head = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(head, 0);
  head.writeUInt32BE(13, 8);
  head.write("IHDR", 12, "ascii");
  head.writeUInt32BE(width, 16);
  head.writeUInt32BE(height, 20);
  head.set([8, 2, 0, 0, 0], 24);
  return head;
};

/** The baseline: each file streamed raw into one zip (fflate), with the file's backpressure. */
const rawZip = async (paths: readonly string[], out: string) => {
  const file = createWriteStream(out);
  const zip = new Zip((error, chunk, final) => {
    if (error) throw error;
    file.write(chunk);
    if (final) file.end();
  });
  for (const [index, path] of paths.entries()) {
    const entry = new ZipPassThrough(`images/${index}.png`);
    zip.add(entry);
    for await (const chunk of createReadStream(path)) {
      entry.push(chunk as Buffer, false);
      if (file.writableNeedDrain)
        await new Promise<void>((resolve) => file.once("drain", () => resolve()));
    }
    entry.push(new Uint8Array(0), true);
  }
  const closed = new Promise<void>((resolve) => file.once("close", () => resolve()));
  zip.end();
  await closed;
};

export const benchExportMedia = async (): Promise<Result[]> => {
  const dir = mkdtempSync(join(tmpdir(), "taskforge-bench-export-"));
  const db = await createTestDatabase("postgres", { poolSize: 4 });
  try {
    const { organizationId } = await ensureBootstrapOrganization(db, [
      "live_bench_export_0123456789abcdef",
    ]);
    const storage = createDiskStorage(join(dir, "files"));
    configureFiles({ ...filesConfigFromEnv({}), storage });
    const paths: string[] = [];
    const files = [];
    // One header and one block of noise for every file: generating the files holds no memory
    // that would hide the export's own peak.
    const head = pngHead(640, 480);
    const noise = randomBytes(Math.max(0, IMAGE_BYTES - head.length));
    for (let i = 0; i < IMAGES; i++) {
      const id = randomUUID();
      const key = `${organizationId}/${id}`;
      await storage.put(key, Readable.from([head, noise]), {
        contentType: "image/png",
        maxBytes: IMAGE_BYTES,
      });
      paths.push(join(dir, "files", key));
      files.push({
        id,
        organizationId,
        storageKey: key,
        filename: `${i}.png`,
        mimeType: "image/png",
        sizeBytes: BigInt(head.length + noise.length),
        sha256: "0".repeat(64),
      });
    }
    await db.prisma.file.createMany({ data: files });
    const start = Date.UTC(2026, 0, 1);
    await db.prisma.task.createMany({
      data: files.map((file, i) => ({
        id:
          (Math.floor(start / 1000) + i).toString(16).padStart(8, "0") +
          randomBytes(8).toString("hex"),
        organizationId,
        isTest: false,
        type: "imageannotation",
        status: "completed" as const,
        params: {
          attachment: `taskforge://files/${file.id}`,
          geometries: { box: { objects_to_annotate: ["car", "person"] } },
        },
        response: {
          annotations: [
            { type: "box", label: "car", left: 10, top: 20, width: 100, height: 50 },
            { type: "box", label: "person", left: 300, top: 100, width: 40, height: 120 },
          ],
        },
        completedAt: new Date(start + i * 1000),
        createdAt: new Date(start + i * 1000),
        updatedAt: new Date(start + i * 1000),
      })),
    });

    resetPeakRss("self");
    const rawStart = performance.now();
    await rawZip(paths, join(dir, "raw.zip"));
    const rawSeconds = (performance.now() - rawStart) / 1000;
    const rawRss = peakRssMb("self");

    await db.prisma.exportJob.create({
      data: { organizationId, isTest: false, format: "coco", options: { media: "include" } },
    });
    const job = await claimExportJob(db.sql, 600_000);
    if (!job) throw new Error("the export was not queued");
    resetPeakRss("self");
    const oursStart = performance.now();
    const outcome = await runExportJob(db, job, { exportsDir: join(dir, "exports") });
    const oursSeconds = (performance.now() - oursStart) / 1000;
    const oursRss = peakRssMb("self");
    const done = await db.prisma.exportJob.findUniqueOrThrow({ where: { id: job.id } });
    if (outcome !== "completed" || done.skipped !== 0 || !done.filePath) {
      throw new Error(`export ${outcome}: ${done.error ?? `${done.skipped} skipped`}`);
    }
    const megabytes = round(statSync(done.filePath).size / 1024 / 1024, 0);
    console.log(`export: ${IMAGES} images, ${megabytes} MB archive in ${round(oursSeconds, 1)} s`);
    const scenario = `export coco with media (${IMAGES} × ${round(IMAGE_BYTES / 1024, 0)} KB images)`;
    return [
      rateResult(scenario, "images/s", IMAGES / oursSeconds, IMAGES / rawSeconds),
      rssResult(scenario, oursRss, rawRss, "process"),
    ];
  } finally {
    configureFiles(undefined);
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
