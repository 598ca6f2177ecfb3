import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { expectTRPCError } from "../test/expect-error";
import { callerFor, createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";

let db: TestDatabase;
let acme: TestTenant;
let api: ReturnType<typeof callerFor>;
beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  api = callerFor(db, acme.live);
});
afterAll(async () => {
  await db.close();
});

describe("projects and batches over tRPC", () => {
  it("runs the same operations as the REST API", async () => {
    const project = await api.projects.create({
      type: "categorization",
      name: "trpc-project",
      params: { attachment_type: "text", categories: ["a", "b"] },
    });
    expect(project.param_history).toHaveLength(1);
    const v1 = await api.projects.setParams({
      name: "trpc-project",
      patch: true,
      instruction: "Be careful.",
      params: {},
    });
    expect(v1.param_history[1]).toMatchObject({
      version: 1,
      instruction: "Be careful.",
      categories: ["a", "b"],
    });
    expect((await api.projects.list({})).map((p) => p.name)).toEqual(["trpc-project"]);
    expect((await api.projects.get({ name: "trpc-project" })).name).toBe("trpc-project");

    const batch = await api.batches.create({ project: "trpc-project", name: "b1" });
    expect(batch.status).toBe("in_progress");
    const task = await api.tasks.create({
      type: "categorization",
      batch: "b1",
      params: { attachment: "x" },
    });
    expect(task).toMatchObject({
      project: "trpc-project",
      batch: "b1",
      instruction: "Be careful.",
      project_param_version: 1,
    });
    expect(await api.batches.status({ name: "b1" })).toEqual({ status: "in_progress", pending: 1 });
    expect((await api.batches.list({ project: "trpc-project" })).totalDocs).toBe(1);
    expect((await api.batches.setMetadata({ name: "b1", metadata: { k: 1 } })).metadata).toEqual({
      k: 1,
    });
    expect((await api.batches.finalize({ name: "b1" })).status).toBe("in_progress");

    await db.prisma.task.update({
      where: { id: task.task_id },
      data: { status: "completed", response: { category: "a" } },
    });
    const fixed = await api.tasks.fix({ task_id: task.task_id, response: { category: "b" } });
    expect(fixed).toMatchObject({
      customer_review_status: "fixed",
      prior_responses: [{ category: "a" }],
    });
    const rejected = await api.tasks.audit({ task_id: task.task_id, accepted: false });
    expect(rejected).toMatchObject({ status: "pending", times_redone: 1 });
    expect((await api.batches.get({ name: "b1" })).status).toBe("in_progress");
  });

  it("keeps projects and batches inside their organization", async () => {
    const globex = callerFor(db, (await createTenant(db, "Globex")).live);
    await expectTRPCError(globex.projects.get({ name: "trpc-project" }), "NOT_FOUND");
    await expectTRPCError(globex.batches.status({ name: "b1" }), "NOT_FOUND");
    await expectTRPCError(
      globex.tasks.create({
        type: "categorization",
        project: "trpc-project",
        params: { attachment: "x" },
      }),
      "BAD_REQUEST",
    );
    expect(await globex.projects.list({})).toEqual([]);
    await expectTRPCError(
      api.projects.create({ type: "categorization", name: "trpc-project" }),
      "CONFLICT",
    );
  });
});

describe("project work settings over tRPC", () => {
  it("starts with the defaults: all members, no platform workforce, redo by anyone", async () => {
    const project = await api.projects.create({ type: "categorization", name: "defaults" });
    expect(project.work_settings).toMatchObject({
      member_access: "all",
      platform_workforce: false,
      redo_to: "anyone",
    });
  });

  it("changes every setting at once and keeps those left out", async () => {
    await api.projects.create({ type: "categorization", name: "settings-all" });
    const every = {
      annotations_per_task: 3,
      max_annotations_per_task: 6,
      lease_seconds: 900,
      requires_review: true,
      agreement_threshold: 0.8,
      low_agreement_action: "extra_annotation",
      gold_rate: 0.1,
      gold_min_count: 4,
      gold_min_accuracy: 0.9,
      problem_report_threshold: 3,
      redo_to: "someone_else",
      member_access: "selected",
      platform_workforce: true,
    } as const;
    const saved = await api.projects.setSettings({ name: "settings-all", work_settings: every });
    expect(saved.work_settings).toEqual(every);
    const partly = await api.projects.setSettings({
      name: "settings-all",
      work_settings: { platform_workforce: false },
    });
    expect(partly.work_settings).toEqual({ ...every, platform_workforce: false });
    expect((await api.projects.get({ name: "settings-all" })).work_settings).toEqual(
      partly.work_settings,
    );
  });

  it("refuses unknown values and broken rules naming the field, changing nothing", async () => {
    await api.projects.create({ type: "categorization", name: "settings-bad" });
    const before = (await api.projects.get({ name: "settings-bad" })).work_settings;
    const unknownValue = await expectTRPCError(
      api.projects.setSettings({
        name: "settings-bad",
        // @ts-expect-error: a value the schema does not know
        work_settings: { member_access: "some", redo_to: "anyone" },
      }),
      "BAD_REQUEST",
    );
    expect(unknownValue.message).toContain("work_settings.member_access");
    // The rule is checked against the saved settings: max 2 is below the 3 annotations asked for.
    const belowSaved = await expectTRPCError(
      api.projects.setSettings({
        name: "settings-bad",
        work_settings: { annotations_per_task: 3, max_annotations_per_task: 2, redo_to: "anyone" },
      }),
      "BAD_REQUEST",
    );
    expect(belowSaved.message).toBe(
      "work_settings.max_annotations_per_task: must be at least annotations_per_task (3)",
    );
    await expectTRPCError(
      api.projects.setSettings({
        name: "settings-bad",
        work_settings: { annotations_per_task: before.max_annotations_per_task + 1 },
      }),
      "BAD_REQUEST",
    );
    expect((await api.projects.get({ name: "settings-bad" })).work_settings).toEqual(before);
  });

  it("lets viewers read the settings but not change them", async () => {
    const viewer = callerFor(db, { ...acme.live, roles: ["viewer"] });
    expect((await viewer.projects.get({ name: "settings-all" })).work_settings.redo_to).toBe(
      "someone_else",
    );
    await expectTRPCError(
      viewer.projects.setSettings({ name: "settings-all", work_settings: { redo_to: "anyone" } }),
      "FORBIDDEN",
    );
  });
});
