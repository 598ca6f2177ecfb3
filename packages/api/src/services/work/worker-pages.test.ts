import { SYSTEM_ROLES } from "../../scope";
import type { ProjectWorkSettings } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { expectTRPCError } from "../../test/expect-error";
import {
  callerFor,
  createTenant,
  createTestDatabase,
  createWorker,
  workerCaller,
} from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { createWorkProject } from "../../test/work-project";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";

import { configureFiles, createDiskStorage, filesConfigFromEnv, storeFile } from "../files";

// What the workspace, review and queue pages read: the held task, consensus review items with
// every annotator's response, signed attachments, and a worker's own figures.

let db: TestDatabase;
let filesDir: string;
let acme: TestTenant;
let customer: ReturnType<typeof callerFor>;

beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), "taskforge-work-files-"));
  configureFiles({ ...filesConfigFromEnv({}), storage: createDiskStorage(filesDir) });
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  customer = callerFor(db, acme.live);
});
afterAll(async () => {
  configureFiles(undefined);
  await db.close();
  await rm(filesDir, { recursive: true, force: true });
});

let projectCount = 0;
const setup = async (work_settings: Partial<ProjectWorkSettings> = {}, tasks = 1) => {
  const made = await createWorkProject(db, acme, {
    name: `pages-${++projectCount}`,
    work_settings,
    tasks,
  });
  const tasker = async () => {
    const worker = await made.newTasker();
    return { worker, caller: workerCaller(db, worker) };
  };
  return { ...made, tasker };
};

describe("work.current", () => {
  it("gives back the held task with its draft and claims nothing when none is held", async () => {
    const { ids, tasker } = await setup({}, 2);
    const { caller } = await tasker();
    expect(await caller.work.current({})).toBeNull();
    const item = await caller.work.next({});
    expect(item?.task_id).toBe(ids[0]);
    expect(item?.lease_seconds).toBe(600);
    await caller.work.saveDraft({
      assignment_id: item?.assignment_id ?? "",
      draft: { category: "dog" },
    });
    const held = await caller.work.current({});
    expect(held).toMatchObject({
      assignment_id: item?.assignment_id,
      task_id: ids[0],
      draft: { category: "dog" },
    });
    expect(Date.parse(held?.draft_saved_at ?? "")).not.toBeNaN();
    expect(await db.prisma.taskAssignment.count({ where: { taskId: ids[1] ?? "" } })).toBe(0);
  });

  it("is refused to an account that is not a Tasker", async () => {
    const member = workerCaller(db, await createWorker(db, []));
    await expectTRPCError(member.work.current({}), "FORBIDDEN");
  });
});

describe("review items of consensus tasks", () => {
  it("list every annotator's response, anonymised, with the agreement", async () => {
    const { ids, tasker, reviewer } = await setup(
      { annotations_per_task: 2, agreement_threshold: 0.9 },
      1,
    );
    for (const category of ["cat", "dog"]) {
      const { caller } = await tasker();
      const item = await caller.work.next({});
      await caller.work.submit({
        assignment_id: item?.assignment_id ?? "",
        response: { category },
      });
    }
    const item = await (await reviewer()).work.next({ kind: "review" });
    expect(item).toMatchObject({
      task_id: ids[0],
      kind: "review",
      annotations: [
        { annotator: "Annotator 1", response: { category: "cat" } },
        { annotator: "Annotator 2", response: { category: "dog" } },
      ],
    });
    expect(item?.agreement).toBeGreaterThanOrEqual(0);
    expect(item?.agreement).toBeLessThan(0.9);
    expect(JSON.stringify(item)).not.toContain("@example.com");
  });

  it("have no annotations for a single-annotator task", async () => {
    const { tasker, reviewer } = await setup({ requires_review: true }, 1);
    const { caller } = await tasker();
    const item = await caller.work.next({});
    await caller.work.submit({
      assignment_id: item?.assignment_id ?? "",
      response: { category: "cat" },
    });
    const review = await (await reviewer()).work.next({ kind: "review" });
    expect(review).toMatchObject({
      response: { category: "cat" },
      annotations: [],
      agreement: null,
    });
  });
});

describe("attachments of a claimed task", () => {
  it("are signed URLs the worker can fetch, though the worker is no member of the organization", async () => {
    const scope = {
      db,
      organizationId: acme.organizationId,
      isTest: false,
      actor: "test",
      roles: SYSTEM_ROLES,
    };
    const file = await storeFile(
      scope,
      {
        body: Readable.from([Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>")]),
        filename: "page.svg",
        mediaType: "image/svg+xml",
      },
      {},
    );
    const { name, tasker } = await setup({}, 0);
    const created = await customer.tasks.create({
      type: "categorization",
      project: name,
      params: { attachment_type: "image", attachment: file.attachment_url },
    });
    const { caller } = await tasker();
    const item = await caller.work.next({});
    expect(item?.task_id).toBe(created.task_id);
    expect(item?.params.attachment).toMatch(/^\/files\/[^?]+\?expires=\d+&signature=/);
    const stored = await customer.tasks.get({ task_id: created.task_id });
    expect(stored.params.attachment).toBe(file.attachment_url);
  });
});

describe("work.stats", () => {
  it("counts a Tasker's submissions, queue, reviews and gold accuracy, and lists recent work", async () => {
    const { name, ids, tasker, reviewer } = await setup({ requires_review: true, gold_rate: 0 }, 4);
    const { caller, worker } = await tasker();
    const empty = await caller.work.stats({});
    expect(empty).toMatchObject({
      submitted_today: 0,
      submitted_total: 0,
      pending_in_queue: 4,
      reviewed: { accepted: 0, fixed: 0, rejected: 0 },
      gold: [],
      recent: [],
    });

    for (const category of ["cat", "dog", "cat"]) {
      const item = await caller.work.next({});
      await caller.work.submit({
        assignment_id: item?.assignment_id ?? "",
        response: { category },
      });
    }
    const r = await reviewer();
    for (const action of ["accept", "reject", "fix"] as const) {
      const item = await r.work.next({ kind: "review" });
      await r.work.review(
        action === "fix"
          ? { assignment_id: item?.assignment_id ?? "", action, response: { category: "dog" } }
          : { assignment_id: item?.assignment_id ?? "", action },
      );
    }
    // One gold task, answered right: accuracy 1 in this project.
    const gold = await customer.tasks.create({
      type: "categorization",
      project: name,
      params: { attachment: "gold" },
      expected_response: { category: "cat" },
    });
    await db.prisma.project.update({
      where: {
        organizationId_isTest_name: { organizationId: acme.organizationId, isTest: false, name },
      },
      data: { goldRate: 1 },
    });
    const goldItem = await caller.work.next({});
    expect(goldItem?.task_id).toBe(gold.task_id);
    await caller.work.submit({
      assignment_id: goldItem?.assignment_id ?? "",
      response: { category: "cat" },
    });

    const stats = await caller.work.stats({});
    expect(stats).toMatchObject({
      submitted_today: 4,
      submitted_total: 4,
      // The rejected task came back for redo (to anyone: this Tasker too, in a new round) and one
      // was never claimed.
      pending_in_queue: 2,
      reviewed: { accepted: 1, fixed: 1, rejected: 1 },
      gold: [{ project: name, gold_count: 1, accuracy: 1 }],
    });
    expect(stats.recent.map((r) => r.task_id)).toEqual([gold.task_id, ids[2], ids[1], ids[0]]);
    expect(stats.recent[0]).toMatchObject({
      type: "categorization",
      kind: "annotate",
      status: "submitted",
      project: name,
    });
    expect(stats.recent[0]?.work_seconds).toBeGreaterThanOrEqual(0);

    // "Today" starts where the worker says: from tomorrow on, nothing was submitted today.
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    expect((await caller.work.stats({ today_start: tomorrow })).submitted_today).toBe(0);
    await expectTRPCError(caller.work.stats({ today_start: "yesterday" }), "BAD_REQUEST");
    expect(worker.roles).toEqual(["tasker"]);
  });

  it("is refused to an account that is neither Tasker nor reviewer", async () => {
    const member = workerCaller(db, await createWorker(db, []));
    await expectTRPCError(member.work.stats({}), "FORBIDDEN");
  });
});
