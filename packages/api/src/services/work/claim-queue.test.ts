import type { ProjectWorkSettings } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  callerFor,
  createTenant,
  createTestDatabase,
  createMember,
  workerCaller,
} from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { createWorkProject } from "../../test/work-project";

// Which tasks the claim's queue holds: a task leaves it once every slot is taken (a consensus
// review has one slot however many annotations it had), test-world tasks are never in it; and the
// work item the claim returns is the one the worker later reads back.

let db: TestDatabase;
let acme: TestTenant;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
});
afterAll(async () => {
  await db.close();
});

let projectCount = 0;
const setup = (work_settings: Partial<ProjectWorkSettings> = {}, tasks = 1) =>
  createWorkProject(db, acme, { name: `queue-${++projectCount}`, work_settings, tasks });

/** Two Taskers disagree on each task, which sends it to review (agreement below the threshold). */
const annotateInDisagreement = async (tasker: () => Promise<ReturnType<typeof workerCaller>>) => {
  for (const category of ["cat", "dog"]) {
    const w = await tasker();
    const item = await w.work.next({});
    await w.work.submit({ assignment_id: item?.assignment_id ?? "", response: { category } });
  }
};

describe("the claim queue", () => {
  // First in the file: any live task of the organization would be claimable by its annotator.
  it("never holds a test-world task, even for an annotator of the task's organization", async () => {
    const testTask = await callerFor(db, acme.test).tasks.create({
      type: "categorization",
      params: { attachment_type: "text", attachment: "test world", categories: ["a", "b"] },
    });
    const liveTask = await callerFor(db, acme.live).tasks.create({
      type: "categorization",
      params: { attachment_type: "text", attachment: "live world", categories: ["a", "b"] },
    });
    const w = workerCaller(db, await createMember(db, acme.organizationId, ["annotator"]));
    const item = await w.work.next({});
    expect(item?.task_id).toBe(liveTask.task_id);
    await w.work.release({ assignment_id: item?.assignment_id ?? "" });
    expect(await w.work.next({})).toBeNull();
    expect(await db.prisma.taskAssignment.count({ where: { taskId: testTask.task_id } })).toBe(0);
  });

  it("hands a task to as many Taskers as it needs annotations, then moves on to the next", async () => {
    const { ids, tasker } = await setup({ annotations_per_task: 2 }, 2);
    const claimed = [];
    for (let i = 0; i < 3; i++) claimed.push((await (await tasker()).work.next({}))?.task_id);
    expect(claimed).toEqual([ids[0], ids[0], ids[1]]);
  });

  it("hands a consensus task's review to one reviewer at a time", async () => {
    const { ids, tasker, reviewer } = await setup(
      { annotations_per_task: 2, agreement_threshold: 0.9 },
      1,
    );
    await annotateInDisagreement(tasker);
    const first = await reviewer();
    const item = await first.work.next({ kind: "review" });
    expect(item?.task_id).toBe(ids[0]);
    const second = await reviewer();
    expect(await second.work.next({ kind: "review" })).toBeNull();
    await first.work.release({ assignment_id: item?.assignment_id ?? "", kind: "review" });
    expect((await second.work.next({ kind: "review" }))?.task_id).toBe(ids[0]);
  });
});

describe("the work item a claim returns", () => {
  it("is the one the worker reads back, for an annotation", async () => {
    const { tasker } = await setup({ lease_seconds: 120 });
    const w = await tasker();
    const claimed = await w.work.next({});
    expect(claimed).toMatchObject({ kind: "annotate", lease_seconds: 120, draft: null });
    expect(await w.work.current({})).toEqual(claimed);
    expect(await w.work.next({})).toEqual(claimed);
  });

  it("is the one the reviewer reads back, for a consensus review", async () => {
    const { tasker, reviewer } = await setup(
      { annotations_per_task: 2, agreement_threshold: 0.9 },
      1,
    );
    await annotateInDisagreement(tasker);
    const r = await reviewer();
    const claimed = await r.work.next({ kind: "review" });
    expect(claimed?.annotations).toHaveLength(2);
    expect(await r.work.current({ kind: "review" })).toEqual(claimed);
  });
});
