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
import { expireLeases } from "./sweep";

let db: TestDatabase;
let acme: TestTenant;
let customer: ReturnType<typeof callerFor>;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  customer = callerFor(db, acme.live);
});
afterAll(async () => {
  await db.close();
});

let projectCount = 0;
/** A fresh project (so tests do not see each other's tasks) with tasks and settings. */
const setup = async (work_settings: Partial<ProjectWorkSettings> = {}, tasks = 1) => {
  const made = await createWorkProject(db, acme, {
    name: `work-${++projectCount}`,
    work_settings,
    tasks,
  });
  expect(made.settings).toMatchObject(work_settings);
  return made;
};

const answer = (category: string) => ({ category });

describe("claim and submit", () => {
  it("hands a task to one Tasker, completes it on submit, and logs every step", async () => {
    const { ids, tasker } = await setup();
    const alice = await tasker();
    const item = await alice.work.next({});
    expect(item).toMatchObject({
      task_id: ids[0],
      type: "categorization",
      kind: "annotate",
      draft: null,
    });
    expect(item).not.toHaveProperty("metadata");
    expect(await (await tasker()).work.next({})).toBeNull();
    await alice.work.saveDraft({
      assignment_id: item?.assignment_id ?? "",
      draft: { category: "dog" },
    });
    expect((await alice.work.next({}))?.draft).toEqual({ category: "dog" });

    const invalid = await expectTRPCError(
      alice.work.submit({ assignment_id: item?.assignment_id ?? "", response: answer("bird") }),
      "BAD_REQUEST",
    );
    expect(invalid.message).toContain("category");
    await alice.work.submit({ assignment_id: item?.assignment_id ?? "", response: answer("dog") });
    const task = await customer.tasks.get({ task_id: ids[0] ?? "" });
    expect(task).toMatchObject({ status: "completed", response: { category: "dog" } });
    expect((await customer.tasks.history({ task_id: ids[0] ?? "" })).map((e) => e.type)).toEqual([
      "created",
      "claimed",
      "submitted",
      "completed",
    ]);
    await expectTRPCError(
      alice.work.submit({ assignment_id: item?.assignment_id ?? "", response: answer("cat") }),
      "CONFLICT",
    );
  });

  it("serves batch priority first, then task priority, then the oldest, and never a staging batch", async () => {
    const { name, project, tasker } = await setup({}, 0);
    const make = async (extra: Record<string, unknown>) =>
      (
        await customer.tasks.create({
          type: "categorization",
          project: name,
          params: { attachment: "x" },
          ...extra,
        })
      ).task_id;
    await customer.batches.create({ project: name, name: `${name}-urgent` });
    await db.prisma.batch.update({
      where: {
        organizationId_isTest_name: {
          organizationId: acme.organizationId,
          isTest: false,
          name: `${name}-urgent`,
        },
      },
      data: { priority: 10 },
    });
    await db.prisma.project.update({ where: { id: project.id }, data: { rapid: true } });
    await customer.batches.create({ project: name, name: `${name}-staged` });
    const old = await make({});
    const high = await make({ priority: 5 });
    const urgent = await make({ batch: `${name}-urgent` });
    await make({ batch: `${name}-staged`, priority: 100 });
    // One Tasker releasing each task in turn sees the queue in order (a released task never comes
    // back to the same person); the staging batch's task never shows up.
    const w = await tasker();
    const order: string[] = [];
    for (let next = await w.work.next({}); next; next = await w.work.next({})) {
      order.push(next.task_id);
      await w.work.release({ assignment_id: next.assignment_id });
    }
    expect(order).toEqual([urgent, high, old]);
  });

  it("refuses workers without the role or a grant", async () => {
    const { project } = await setup();
    const customerUser = workerCaller(db, await createWorker(db, [], [{ projectId: project.id }]));
    await expectTRPCError(customerUser.work.next({}), "FORBIDDEN");
    const ungranted = workerCaller(db, await createWorker(db, ["tasker"]));
    expect(await ungranted.work.next({})).toBeNull();
    await expectTRPCError(callerFor(db, acme.live).work.next({}), "UNAUTHORIZED");
  });
});

describe("leases", () => {
  it("returns an expired task to the queue, refuses the late submit, and the sweep logs it", async () => {
    const { ids, tasker } = await setup({ lease_seconds: 30 });
    const slow = await tasker();
    const item = await slow.work.next({});
    const lease = await slow.work.heartbeat({ assignment_id: item?.assignment_id ?? "" });
    expect(new Date(lease.lease_expires_at).getTime()).toBeGreaterThan(Date.now());
    await db.prisma.taskAssignment.update({
      where: { id: item?.assignment_id ?? "" },
      data: { leaseExpiresAt: new Date(Date.now() - 1000) },
    });
    const late = await expectTRPCError(
      slow.work.submit({ assignment_id: item?.assignment_id ?? "", response: answer("cat") }),
      "CONFLICT",
    );
    expect(late.message).toContain("lease on this task expired");
    const other = await tasker();
    expect(await other.work.next({})).toBeNull();
    expect(await expireLeases(db)).toBe(1);
    expect((await other.work.next({}))?.task_id).toBe(ids[0]);
    expect((await customer.tasks.history({ task_id: ids[0] ?? "" })).map((e) => e.type)).toContain(
      "lease_expired",
    );
  });

  it("drains a backlog of expired leases in batches, each lease once", async () => {
    const { ids, project, tasker } = await setup({ lease_seconds: 30 }, 5);
    const holders = await Promise.all(ids.map(() => tasker()));
    const held: string[] = [];
    for (const holder of holders) held.push((await holder.work.next({}))?.assignment_id ?? "");
    expect(new Set(held).size).toBe(5);
    await db.prisma.taskAssignment.updateMany({
      where: { id: { in: held } },
      data: { leaseExpiresAt: new Date(Date.now() - 1000) },
    });
    // Two sweeps at once (two server processes): each lease is closed by one of them.
    const closed = await Promise.all([
      expireLeases(db, { batchSize: 2 }),
      expireLeases(db, { batchSize: 2 }),
    ]);
    expect(closed[0] + closed[1]).toBe(5);
    expect(await expireLeases(db, { batchSize: 2 })).toBe(0);
    const assignments = await db.prisma.taskAssignment.findMany({ where: { id: { in: held } } });
    expect(assignments.map((a) => a.status)).toEqual(Array(5).fill("expired"));
    const tasks = await db.prisma.task.findMany({ where: { projectId: project.id } });
    expect(tasks.map((t) => t.claimsOpen)).toEqual(Array(5).fill(0));
    const events = await db.prisma.taskEvent.findMany({
      where: { taskId: { in: ids }, type: "lease_expired" },
    });
    expect(events.map((e) => e.taskId).sort()).toEqual([...ids].sort());
    expect(events.map((e) => (e.data as { user_id: string }).user_id).sort()).toEqual(
      assignments.map((a) => a.userId).sort(),
    );
    expect((await (await tasker()).work.next({}))?.kind).toBe("annotate");
  });
});

describe("skip, release and report", () => {
  it("gives skipped tasks to someone else and errors a task after enough reports", async () => {
    const { ids, tasker } = await setup({ problem_report_threshold: 2 });
    const first = await tasker();
    const skipped = await first.work.next({});
    await first.work.skip({
      assignment_id: skipped?.assignment_id ?? "",
      reason: "not my language",
    });
    expect(await first.work.next({})).toBeNull();
    const second = await tasker();
    const reported = await second.work.next({});
    expect(
      await second.work.report({
        assignment_id: reported?.assignment_id ?? "",
        reason: "attachment_unloadable",
      }),
    ).toEqual({ task_status: "pending" });
    const third = await tasker();
    const again = await third.work.next({});
    expect(
      await third.work.report({
        assignment_id: again?.assignment_id ?? "",
        reason: "attachment_unloadable",
      }),
    ).toEqual({ task_status: "error" });
    const task = await customer.tasks.get({ task_id: ids[0] ?? "" });
    expect(task).toMatchObject({
      status: "error",
      response: { error: "The attachment cannot be loaded." },
    });
  });
});

describe("consensus and review", () => {
  it("consolidates agreeing responses into the task's response", async () => {
    const { ids, tasker } = await setup({ annotations_per_task: 3 });
    for (const category of ["cat", "cat", "cat"]) {
      const w = await tasker();
      const item = await w.work.next({});
      expect(item?.task_id).toBe(ids[0]);
      await w.work.submit({ assignment_id: item?.assignment_id ?? "", response: answer(category) });
    }
    const task = await db.prisma.task.findUniqueOrThrow({ where: { id: ids[0] ?? "" } });
    expect(task).toMatchObject({
      status: "completed",
      response: { category: "cat" },
      agreement: 1,
    });
  });

  it("routes low agreement to review, where accept, fix and reject behave as documented", async () => {
    const { ids, tasker, reviewer } = await setup(
      { annotations_per_task: 2, agreement_threshold: 0.9 },
      3,
    );
    for (const id of ids) {
      for (const category of ["cat", "dog"]) {
        const w = await tasker();
        const item = await w.work.next({});
        expect(item?.task_id).toBe(id);
        await w.work.submit({
          assignment_id: item?.assignment_id ?? "",
          response: answer(category),
        });
      }
    }
    for (const id of ids)
      expect((await db.prisma.task.findUniqueOrThrow({ where: { id } })).stage).toBe("review");
    const [accepted, fixed, rejected] = ids as [string, string, string];
    const r = await reviewer();
    const decide = async (action: "accept" | "fix" | "reject") => {
      const item = await r.work.next({ kind: "review" });
      expect(item?.response).toHaveProperty("category");
      return r.work.review(
        action === "fix"
          ? {
              assignment_id: item?.assignment_id ?? "",
              action,
              response: answer("dog"),
              comments: "it is a dog",
            }
          : { assignment_id: item?.assignment_id ?? "", action, comments: `${action}ed` },
      );
    };
    expect(await decide("accept")).toEqual({ task_status: "completed" });
    expect(await decide("fix")).toEqual({ task_status: "completed" });
    expect(await decide("reject")).toEqual({ task_status: "pending" });

    const a = await customer.tasks.get({ task_id: accepted });
    expect(a.audits).toMatchObject([
      { audit_result: "accepted", audit_source: "scale", comments: "accepted" },
    ]);
    expect(a.audits[0]?.audit_time_secs).toBeGreaterThanOrEqual(0);
    const f = await customer.tasks.get({ task_id: fixed });
    expect(f).toMatchObject({
      status: "completed",
      response: { category: "dog" },
      audits: [{ audit_result: "fixed" }],
    });
    expect(f.prior_responses).toHaveLength(1);
    const j = await customer.tasks.get({ task_id: rejected });
    expect(j).toMatchObject({
      status: "pending",
      times_redone: 1,
      audits: [{ audit_result: "rejected" }],
    });
    expect(j).not.toHaveProperty("response");
    expect(j.prior_responses).toHaveLength(1);
    // The redo round needs two new Taskers.
    const redo = await tasker();
    expect((await redo.work.next({}))?.task_id).toBe(rejected);
  });

  it("asks for more annotations on low agreement when the project says so, then a reviewer at the cap", async () => {
    const { ids, tasker } = await setup({
      annotations_per_task: 2,
      max_annotations_per_task: 3,
      agreement_threshold: 0.9,
      low_agreement_action: "extra_annotation",
    });
    for (const category of ["cat", "dog", "dog"]) {
      const w = await tasker();
      const item = await w.work.next({});
      await w.work.submit({ assignment_id: item?.assignment_id ?? "", response: answer(category) });
    }
    const task = await db.prisma.task.findUniqueOrThrow({ where: { id: ids[0] ?? "" } });
    expect(task.annotationsRequired).toBe(3);
    expect(task).toMatchObject({
      status: "pending",
      stage: "review",
      response: { category: "dog" },
    });
  });
});

describe("customer redo", () => {
  it("sends a rejected task back with times_redone, audits and prior_responses exact", async () => {
    const { ids, tasker } = await setup();
    const w = await tasker();
    const item = await w.work.next({});
    await w.work.submit({ assignment_id: item?.assignment_id ?? "", response: answer("cat") });
    const redone = await customer.tasks.audit({
      task_id: ids[0] ?? "",
      accepted: false,
      comments: "wrong animal",
    });
    expect(redone).toMatchObject({
      status: "pending",
      times_redone: 1,
      customer_review_status: "rejected",
      prior_responses: [{ category: "cat" }],
      audits: [{ audit_result: "rejected", audit_source: "customer", comments: "wrong animal" }],
    });
    expect(redone).not.toHaveProperty("response");
    const second = await tasker();
    const again = await second.work.next({});
    await second.work.submit({
      assignment_id: again?.assignment_id ?? "",
      response: answer("dog"),
    });
    expect(await customer.tasks.get({ task_id: ids[0] ?? "" })).toMatchObject({
      status: "completed",
      response: { category: "dog" },
      times_redone: 1,
    });
    expect((await customer.tasks.history({ task_id: ids[0] ?? "" })).map((e) => e.type)).toEqual([
      "created",
      "claimed",
      "submitted",
      "completed",
      "audited",
      "redo",
      "claimed",
      "submitted",
      "completed",
    ]);
  });
});

describe("gold tasks", () => {
  it("scores gold submissions and removes a Tasker below the bar, leaving gold tasks pending", async () => {
    const { name, project, ids, tasker } = await setup(
      { gold_rate: 1, gold_min_count: 2, gold_min_accuracy: 0.75 },
      1,
    );
    const gold = [];
    for (let i = 0; i < 3; i++) {
      gold.push(
        (
          await customer.tasks.create({
            type: "categorization",
            project: name,
            params: { attachment: `gold ${i}` },
            expected_response: { category: "cat" },
          })
        ).task_id,
      );
    }
    const careless = await tasker();
    for (let i = 0; i < 2; i++) {
      const item = await careless.work.next({});
      expect(gold).toContain(item?.task_id);
      await careless.work.submit({
        assignment_id: item?.assignment_id ?? "",
        response: answer("dog"),
      });
    }
    expect(await careless.work.next({})).toBeNull();
    const grant = await db.prisma.workGrant.findFirstOrThrow({
      where: { projectId: project.id, removedAt: { not: null } },
    });
    expect(grant.removedReason).toContain("gold accuracy 0.00 below 0.75 after 2 gold tasks");

    const careful = await tasker();
    const first = await careful.work.next({});
    expect(gold).toContain(first?.task_id);
    await careful.work.submit({
      assignment_id: first?.assignment_id ?? "",
      response: answer("cat"),
    });
    const stats = await db.prisma.taskerProjectStats.findFirstOrThrow({
      where: { projectId: project.id, goldCount: 1 },
    });
    expect(stats.goldScoreSum).toBe(1);
    for (const id of gold)
      expect((await customer.tasks.get({ task_id: id })).status).toBe("pending");
    expect(
      await expectTRPCError(
        customer.tasks.create({
          type: "categorization",
          project: name,
          params: { attachment: "x" },
          expected_response: { category: "fish" },
        }),
        "BAD_REQUEST",
      ),
    ).toHaveProperty("message", expect.stringContaining("expected_response"));
    expect(ids).toHaveLength(1);
  });
});
