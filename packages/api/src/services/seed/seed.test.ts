import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { parseTaskParams } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, workerCaller } from "../../test/harness";
import type { TestDatabase } from "../../test/harness";
import { verifyCredentials } from "../accounts";
import { configureFiles, createDiskStorage, filesConfig, filesConfigFromEnv } from "../files";
import { DEMO_PROJECTS } from "./content";
import { DEMO_WORKER_EMAIL, seedDemo } from "./seed";

let db: TestDatabase;
let filesDir: string;

beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), "taskforge-seed-files-"));
  configureFiles({ ...filesConfigFromEnv({}), storage: createDiskStorage(filesDir) });
  db = await createTestDatabase();
});
afterAll(async () => {
  configureFiles(undefined);
  await db.close();
  await rm(filesDir, { recursive: true, force: true });
});

const TYPES = [
  "categorization",
  "imageannotation",
  "videoannotation",
  "documenttranscription",
  "textcollection",
  "namedentityrecognition",
  "comparison",
  "audiotranscription",
  "lidarsegmentation",
  "segmentannotation",
];

const readAll = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
};

describe("seedDemo", () => {
  it("creates a demo organization, a project per type with tasks and files, and a demo worker", async () => {
    const result = await seedDemo(db);
    const taskCount = DEMO_PROJECTS.reduce((n, p) => n + p.tasks.length, 0);
    expect(result).toMatchObject({ projectsCreated: TYPES.length, tasksCreated: taskCount });
    expect(result.keys?.liveKey).toMatch(/^live_/);
    expect(result.worker.email).toBe(DEMO_WORKER_EMAIL);
    expect(result.worker.password).toEqual(expect.any(String));

    const projects = await db.prisma.project.findMany({
      where: { organizationId: result.organizationId },
      select: { name: true, type: true },
      orderBy: { name: "asc" },
    });
    expect(projects.map((p) => p.type).sort()).toEqual([...TYPES].sort());

    const tasks = await db.prisma.task.findMany({
      where: { organizationId: result.organizationId },
      select: { type: true, params: true, status: true, uniqueId: true },
    });
    expect(tasks).toHaveLength(taskCount);
    for (const type of TYPES)
      expect(tasks.filter((t) => t.type === type).length).toBeGreaterThanOrEqual(1);
    for (const task of tasks) {
      expect(task.status).toBe("pending");
      expect(parseTaskParams(task.type, task.params)).toMatchObject({ success: true });
    }

    // Attachments are stored files of the organization, referenced as taskforge:// URLs.
    const files = await db.prisma.file.findMany({
      where: { organizationId: result.organizationId },
      select: { id: true, storageKey: true, mimeType: true },
    });
    const referenced = JSON.stringify(tasks.map((t) => t.params));
    for (const file of files) expect(referenced).toContain(`taskforge://files/${file.id}`);
    const wav = files.find((f) => f.mimeType === "audio/wav");
    const bytes = await readAll(await filesConfig().storage.open(wav?.storageKey ?? ""));
    expect(bytes.subarray(0, 4).toString()).toBe("RIFF");
    expect(bytes.subarray(8, 12).toString()).toBe("WAVE");
    expect(files.filter((f) => f.mimeType === "image/svg+xml").length).toBeGreaterThan(10);

    // The demo worker signs in with the printed password and gets demo tasks with fetchable files.
    const verified = await verifyCredentials(db, {
      email: DEMO_WORKER_EMAIL,
      password: result.worker.password,
    });
    expect(verified).toBeTruthy();
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_WORKER_EMAIL } });
    const worker = workerCaller(db, {
      userId: user.id,
      email: user.email,
      roles: ["tasker", "reviewer"],
    });
    const item = await worker.work.next({});
    expect(TYPES).toContain(item?.type);
    expect(JSON.stringify(item?.params)).not.toContain("taskforge://");
  });

  it("adds nothing when run again, and never shows the password twice", async () => {
    const counts = async () => ({
      organizations: await db.prisma.organization.count(),
      projects: await db.prisma.project.count(),
      tasks: await db.prisma.task.count(),
      files: await db.prisma.file.count(),
      users: await db.prisma.user.count(),
      grants: await db.prisma.workGrant.count(),
    });
    const before = await counts();
    const again = await seedDemo(db);
    expect(again).toMatchObject({
      keys: null,
      worker: { email: DEMO_WORKER_EMAIL, password: null },
      projectsCreated: 0,
      tasksCreated: 0,
    });
    expect(await counts()).toEqual(before);
  });

  it("fills a given organization (the embedded first start's) and tops up a missing task", async () => {
    const organization = await db.prisma.organization.create({ data: { name: "First start" } });
    const first = await seedDemo(db, { organizationId: organization.id });
    expect(first).toMatchObject({
      organizationId: organization.id,
      keys: null,
      projectsCreated: TYPES.length,
    });
    await db.prisma.task.deleteMany({
      where: { organizationId: organization.id, uniqueId: "demo-comparison-2" },
    });
    const topUp = await seedDemo(db, { organizationId: organization.id });
    expect(topUp).toMatchObject({ projectsCreated: 0, tasksCreated: 1 });
  });
});
