import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createInnerContext } from "../../context";
import { createCaller } from "../../routers/root";
import { expectTRPCError } from "../../test/expect-error";
import {
  callerFor,
  categorizationTask,
  createTenant,
  createTestDatabase,
  createWorker,
} from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";

let db: TestDatabase;
let acme: TestTenant;
let globex: TestTenant;
let admin: ReturnType<typeof createCaller>["admin"];
let acmeProjectId: string;
let acmeTaskIds: string[];

const HOUR = 3600_000;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  globex = await createTenant(db, "Globex");
  const adminUser = await createWorker(db, ["admin"]);
  admin = createCaller(createInnerContext({ db, user: adminUser })).admin;

  // Acme: two members (one owner), 3 live tasks in a project (one canceled, one completed),
  // 1 live task without a project, 1 test task (test mode completes it at once). Globex: one owner,
  // 2 live tasks.
  await db.prisma.user.create({
    data: { email: "owner@acme.test", organizationId: acme.organizationId, orgRoles: ["owner"] },
  });
  await db.prisma.user.create({
    data: { email: "member@acme.test", organizationId: acme.organizationId, orgRoles: ["manager"] },
  });
  await db.prisma.user.create({
    data: {
      email: "owner@globex.test",
      organizationId: globex.organizationId,
      orgRoles: ["owner"],
    },
  });
  const acmeLive = callerFor(db, acme.live);
  const project = await acmeLive.projects.create({
    type: "categorization",
    name: "animals",
    params: { attachment_type: "text", categories: ["cat", "dog"] },
  });
  acmeProjectId = (
    await db.prisma.project.findFirstOrThrow({
      where: { organizationId: acme.organizationId, name: project.name },
    })
  ).id;
  acmeTaskIds = [];
  for (let i = 0; i < 3; i++)
    acmeTaskIds.push(
      (await acmeLive.tasks.create({ ...categorizationTask(), project: "animals" })).task_id,
    );
  await acmeLive.tasks.cancel({ task_id: acmeTaskIds[0] ?? "" });
  await db.prisma.task.update({
    where: { id: acmeTaskIds[1] ?? "" },
    data: { status: "completed", completedAt: new Date() },
  });
  await acmeLive.tasks.create(categorizationTask());
  await callerFor(db, acme.test).tasks.create(categorizationTask());
  const globexLive = callerFor(db, globex.live);
  for (let i = 0; i < 2; i++) await globexLive.tasks.create(categorizationTask());
});
afterAll(async () => {
  await db.close();
});

describe("admin.organizations", () => {
  it("lists every organization with member and task counts by status and world", async () => {
    const organizations = await admin.organizations();
    const byName = new Map(organizations.map((o) => [o.name, o]));
    expect(byName.get("Acme")).toMatchObject({
      id: acme.organizationId,
      member_count: 2,
      owner_count: 1,
      live_tasks: { pending: 2, completed: 1, canceled: 1, error: 0, total: 4 },
      test_tasks: { pending: 0, completed: 1, canceled: 0, error: 0, total: 1 },
    });
    expect(byName.get("Globex")).toMatchObject({
      id: globex.organizationId,
      member_count: 1,
      owner_count: 1,
      live_tasks: { pending: 2, total: 2 },
      test_tasks: { total: 0 },
    });
    expect(Date.parse(byName.get("Acme")?.created_at ?? "")).not.toBeNaN();
  });
});

describe("admin.queueHealth", () => {
  it("counts pending work by project and type, leases and the callback backlog", async () => {
    const before = await admin.queueHealth();
    expect(before.pending_total).toBe(2 + 2);
    const animals = before.pending_by_project.find((row) => row.project_id === acmeProjectId);
    expect(animals).toMatchObject({
      project_name: "animals",
      platform_workforce: false,
      organization_name: "Acme",
      is_test: false,
      type: "categorization",
      pending: 1,
      annotate: 1,
      review: 0,
    });
    const noProject = before.pending_by_project.filter((row) => row.project_id === null);
    expect(
      noProject.map((row) => [row.organization_name, row.is_test, row.pending]).sort(),
    ).toEqual([
      ["Acme", false, 1],
      ["Globex", false, 2],
    ]);
    expect(before.oldest_pending_age_seconds).toBeGreaterThanOrEqual(0);
    expect(before.active_leases).toBe(0);
    expect(before.callbacks).toMatchObject({ pending: 0, retrying: 0, failed: 0 });
    expect(before.callbacks.oldest_pending_at).toBeNull();

    // One live lease, one that ran out (the sweep has not expired it yet), one submitted.
    const pendingTask = acmeTaskIds[2] ?? "";
    const [a, b, c] = await Promise.all([
      createWorker(db, ["tasker"]),
      createWorker(db, ["tasker"]),
      createWorker(db, ["tasker"]),
    ]);
    const now = Date.now();
    await db.prisma.taskAssignment.createMany({
      data: [
        {
          taskId: pendingTask,
          userId: a.userId,
          kind: "annotate",
          leaseExpiresAt: new Date(now + HOUR),
        },
        {
          taskId: pendingTask,
          userId: b.userId,
          kind: "annotate",
          leaseExpiresAt: new Date(now - HOUR),
        },
        {
          taskId: pendingTask,
          userId: c.userId,
          kind: "annotate",
          status: "submitted",
          leaseExpiresAt: new Date(now - HOUR),
        },
      ],
    });
    const oldest = new Date(now - 2 * HOUR);
    const delivery = (
      status: "pending" | "succeeded" | "failed",
      attempts: number,
      createdAt = new Date(),
    ) => ({
      organizationId: globex.organizationId,
      isTest: false,
      event: "task.completed",
      url: "https://example.com/hook",
      destination: "https://example.com",
      body: "{}",
      status,
      attempts,
      createdAt,
    });
    await db.prisma.callbackDelivery.createMany({
      data: [
        delivery("pending", 0),
        delivery("pending", 3, oldest),
        delivery("failed", 10),
        delivery("succeeded", 1),
      ],
    });

    const after = await admin.queueHealth();
    expect(after.active_leases).toBe(1);
    expect(after.expired_leases_awaiting_sweep).toBe(1);
    expect(after.callbacks).toMatchObject({
      pending: 2,
      retrying: 1,
      failed: 1,
      oldest_pending_at: oldest.toISOString(),
    });
    expect(after.callbacks.oldest_pending_age_seconds).toBeGreaterThanOrEqual(2 * 3600 - 5);
  });
});

describe("admin workforce helpers", () => {
  it("lists every organization's projects", async () => {
    await callerFor(db, globex.test).projects.create({
      type: "categorization",
      name: "globex-test",
      params: { attachment_type: "text", categories: ["a", "b"] },
    });
    const projects = await admin.projects();
    expect(projects.map((p) => [p.organization_name, p.name, p.is_test])).toEqual([
      ["Acme", "animals", false],
      ["Globex", "globex-test", true],
    ]);
  });

  it("makes an account a Tasker or reviewer, keeping the admin role, and names an unknown email", async () => {
    const person = await createWorker(db, ["admin"]);
    await admin.setWorkerRoles({ email: person.email, tasker: true, reviewer: false });
    expect(
      (await db.prisma.user.findUniqueOrThrow({ where: { id: person.userId } })).platformRoles,
    ).toEqual(["admin", "tasker"]);
    const workforce = await createCaller(
      createInnerContext({ db, user: { ...person, roles: ["admin"] } }),
    ).workforce.list();
    expect(workforce.find((w) => w.user_id === person.userId)?.roles).toEqual(["admin", "tasker"]);

    const error = await expectTRPCError(
      admin.setWorkerRoles({ email: "nobody@example.com", tasker: true, reviewer: true }),
      "BAD_REQUEST",
    );
    expect(JSON.stringify(error.cause)).toContain("email");
  });
});

describe("workforce.list (the workforce page's data)", () => {
  it("lists Taskers and reviewers with grants, submissions and gold accuracy per project", async () => {
    const tasker = await createWorker(db, ["tasker"]);
    await createWorker(db, []); // not in the workforce
    const root = createCaller(createInnerContext({ db, user: await createWorker(db, ["admin"]) }));
    const { id: grantId } = await root.workforce.grant({
      user_id: tasker.userId,
      role: "annotate",
      project_id: acmeProjectId,
    });
    await db.prisma.taskerProjectStats.create({
      data: {
        userId: tasker.userId,
        projectId: acmeProjectId,
        submissions: 7,
        goldCount: 4,
        goldScoreSum: 3,
      },
    });
    const listed = (await root.workforce.list()).find((w) => w.user_id === tasker.userId);
    expect(listed).toMatchObject({
      email: tasker.email,
      roles: ["tasker"],
      grants: [
        { grant_id: grantId, role: "annotate", project_id: acmeProjectId, removed_at: null },
      ],
      projects: [{ project_id: acmeProjectId, submissions: 7, gold_count: 4, accuracy: 0.75 }],
    });
    await root.workforce.revoke({ grant_id: grantId, reason: "left the team" });
    const revoked = (await root.workforce.list()).find((w) => w.user_id === tasker.userId);
    expect(revoked?.grants[0]).toMatchObject({ removed_reason: "left the team" });
    expect(revoked?.grants[0]?.removed_at).not.toBeNull();
  });
});

describe("who may call admin procedures", () => {
  it("refuses members, Taskers and API keys", async () => {
    const owner = await db.prisma.user.findUniqueOrThrow({ where: { email: "owner@acme.test" } });
    const member = createCaller(
      createInnerContext({
        db,
        user: {
          userId: owner.id,
          email: owner.email,
          roles: [],
          organization: { id: acme.organizationId, name: "Acme", roles: ["owner"] },
        },
      }),
    ).admin;
    const tasker = createCaller(
      createInnerContext({ db, user: await createWorker(db, ["tasker", "reviewer"]) }),
    ).admin;
    const apiKey = callerFor(db, acme.live).admin;
    for (const caller of [member, tasker]) {
      await expectTRPCError(caller.organizations(), "FORBIDDEN");
      await expectTRPCError(caller.queueHealth(), "FORBIDDEN");
      await expectTRPCError(caller.projects(), "FORBIDDEN");
      await expectTRPCError(
        caller.setWorkerRoles({ email: owner.email, tasker: true, reviewer: true }),
        "FORBIDDEN",
      );
    }
    await expectTRPCError(apiKey.organizations(), "UNAUTHORIZED");
    await expectTRPCError(apiKey.queueHealth(), "UNAUTHORIZED");
    expect(
      (await db.prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).platformRoles,
    ).toEqual([]);
  });
});
