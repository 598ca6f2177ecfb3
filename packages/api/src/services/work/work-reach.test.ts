import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { expectTRPCError } from "../../test/expect-error";
import {
  callerFor,
  createMember,
  createTenant,
  createTestDatabase,
  createWorker,
  workerCaller,
} from "../../test/harness";
import type { TestDatabase } from "../../test/harness";

// Work someone holds stops with their access: a member removed or demoted, unpicked from a project,
// or a platform worker whose project stopped sharing work can no longer keep, save or submit it,
// and what they held goes back to the queue for someone who may do it.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

let count = 0;
const team = async () => {
  const tenant = await createTenant(db, `Reach ${++count}`);
  const customer = callerFor(db, tenant.live);
  const name = `reach-${count}`;
  await customer.projects.create({
    type: "categorization",
    name,
    params: { attachment_type: "text", categories: ["cat", "dog"] },
  });
  const project = await db.prisma.project.findFirstOrThrow({
    where: { organizationId: tenant.organizationId, name },
  });
  const task = await customer.tasks.create({
    type: "categorization",
    project: name,
    params: { attachment: "a cat" },
  });
  const ownerMember = await createMember(db, tenant.organizationId, ["owner"]);
  const owner = workerCaller(db, ownerMember);
  const member = async (roles: Parameters<typeof createMember>[2]) => {
    const made = await createMember(db, tenant.organizationId, roles);
    return { id: made.userId, api: workerCaller(db, made) };
  };
  return { tenant, customer, owner, project, taskId: task.task_id, member };
};

type Api = ReturnType<typeof workerCaller>;

/** Every action on held work but giving it back is refused with the same 403. */
const expectHeldWorkRefused = async (api: Api, assignmentId: string) => {
  // One call at a time: a call made before the previous one is awaited would reject unwatched.
  const actions = [
    () => api.work.heartbeat({ assignment_id: assignmentId, kind: "annotate" }),
    () => api.work.saveDraft({ assignment_id: assignmentId, draft: { category: "cat" } }),
    () => api.work.submit({ assignment_id: assignmentId, response: { category: "cat" } }),
  ];
  for (const action of actions) {
    const error = await expectTRPCError(action(), "FORBIDDEN");
    expect(error.message).toMatch(/no longer work on this task/);
  }
};

const assignmentOf = (id: string) =>
  db.prisma.taskAssignment.findUniqueOrThrow({
    where: { id },
    select: { status: true, reason: true },
  });

describe("work held when access ends", () => {
  it("a removed member's held task goes back to the queue at once and their submit is refused", async () => {
    const { owner, member, taskId, customer } = await team();
    const alice = await member(["annotator"]);
    const held = await alice.api.work.next({});
    expect(held?.task_id).toBe(taskId);
    const assignmentId = held?.assignment_id ?? "";

    await owner.members.remove({ id: alice.id });

    expect(await assignmentOf(assignmentId)).toEqual({
      status: "released",
      reason: "access_removed",
    });
    // Even a page opened before the removal (its session as it was) cannot finish the work.
    const late = await expectTRPCError(
      alice.api.work.submit({ assignment_id: assignmentId, response: { category: "dog" } }),
      "CONFLICT",
    );
    expect(late.message).toMatch(/released/);
    // The task is claimable by someone who may do it, and its history says why it came back.
    const bob = await member(["annotator"]);
    expect((await bob.api.work.next({}))?.task_id).toBe(taskId);
    const history = await customer.tasks.history({ task_id: taskId });
    expect(history).toContainEqual(
      expect.objectContaining({
        type: "released",
        actor: "system",
        data: { reason: "access_removed" },
      }),
    );
    expect((await customer.tasks.get({ task_id: taskId })).status).toBe("pending");
  });

  it("a member who loses the annotator role can no longer keep, save or submit what they hold", async () => {
    const { owner, member, taskId } = await team();
    const alice = await member(["annotator", "reviewer"]);
    const held = await alice.api.work.next({});
    expect(held?.task_id).toBe(taskId);

    await owner.members.setRoles({ id: alice.id, roles: ["reviewer"] });

    expect(await assignmentOf(held?.assignment_id ?? "")).toMatchObject({ status: "released" });
    await expectTRPCError(
      alice.api.work.submit({
        assignment_id: held?.assignment_id ?? "",
        response: { category: "cat" },
      }),
      "CONFLICT",
    );
    expect(await db.prisma.taskAssignment.count({ where: { taskId, status: "submitted" } })).toBe(
      0,
    );
  });

  it("an active assignment whose task left the worker's reach is refused before anything is written", async () => {
    // The reach check itself, on an assignment still active: the member is unpicked from a project
    // that works with selected members, behind the release's back (a direct update), so only the
    // check in front of every action stands between them and the task.
    const { member, project, taskId } = await team();
    await db.prisma.project.update({
      where: { id: project.id },
      data: { memberAccess: "selected" },
    });
    const alice = await member(["annotator"]);
    await db.prisma.workGrant.create({
      data: { userId: alice.id, projectId: project.id, role: "annotate" },
    });
    const held = await alice.api.work.next({});
    expect(held?.task_id).toBe(taskId);
    const assignmentId = held?.assignment_id ?? "";
    await db.prisma.workGrant.deleteMany({ where: { userId: alice.id, projectId: project.id } });

    await expectHeldWorkRefused(alice.api, assignmentId);
    const assignment = await db.prisma.taskAssignment.findUniqueOrThrow({
      where: { id: assignmentId },
      select: { status: true, draft: true },
    });
    expect(assignment).toEqual({ status: "active", draft: null });
    // Giving it back is still allowed, and frees the task at once.
    await alice.api.work.release({ assignment_id: assignmentId, kind: "annotate" });
    expect(await assignmentOf(assignmentId)).toMatchObject({ status: "released" });
  });

  it("a manager's unpick releases the member's held task of that project", async () => {
    const { owner, member, project, taskId } = await team();
    await db.prisma.project.update({
      where: { id: project.id },
      data: { memberAccess: "selected" },
    });
    const alice = await member(["annotator"]);
    await owner.staffing.pick({ project: project.name, user_id: alice.id, role: "annotate" });
    const held = await alice.api.work.next({});
    expect(held?.task_id).toBe(taskId);

    await owner.staffing.unpick({ project: project.name, user_id: alice.id, role: "annotate" });

    expect(await assignmentOf(held?.assignment_id ?? "")).toMatchObject({
      status: "released",
      reason: "access_removed",
    });
  });

  it("a platform worker cannot finish work of a project that stopped sharing it", async () => {
    const { project, taskId } = await team();
    await db.prisma.project.update({
      where: { id: project.id },
      data: { platformWorkforce: true },
    });
    const tasker = await createWorker(db, ["tasker"], [{ projectId: project.id }]);
    const api = workerCaller(db, tasker);
    const held = await api.work.next({});
    expect(held?.task_id).toBe(taskId);

    await db.prisma.project.update({
      where: { id: project.id },
      data: { platformWorkforce: false },
    });

    await expectHeldWorkRefused(api, held?.assignment_id ?? "");
  });

  it("members who keep their access work on undisturbed", async () => {
    const { owner, member, taskId, customer } = await team();
    const alice = await member(["annotator"]);
    const held = await alice.api.work.next({});
    await owner.members.setRoles({ id: alice.id, roles: ["annotator", "reviewer"] });
    await alice.api.work.heartbeat({ assignment_id: held?.assignment_id ?? "", kind: "annotate" });
    await alice.api.work.submit({
      assignment_id: held?.assignment_id ?? "",
      response: { category: "cat" },
    });
    expect(await customer.tasks.get({ task_id: taskId })).toMatchObject({
      status: "completed",
      response: { category: "cat" },
    });
  });
});
