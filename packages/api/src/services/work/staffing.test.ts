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
import type { TestDatabase, TestTenant } from "../../test/harness";

// An organization's own workforce: members label and review its tasks by default, a redo may come
// back to its annotator (or never, with redo_to 'someone_else'), managers pick members per project,
// and every pending task nobody can take is listed with why, with a way back to the queue.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
});

let count = 0;
/** A fresh organization with a manager, and a project of `tasks` categorization tasks. */
const organization = async (
  settings: { requires_review?: boolean; tasks?: number; project?: boolean } = {},
) => {
  const tenant: TestTenant = await createTenant(db, `Org ${++count}`);
  const customer = callerFor(db, tenant.live);
  const name = `team-${count}`;
  if (settings.project !== false)
    await customer.projects.create({
      type: "categorization",
      name,
      params: { attachment_type: "text", categories: ["cat", "dog"] },
      work_settings: { requires_review: settings.requires_review ?? false },
    });
  const project =
    settings.project === false
      ? null
      : await db.prisma.project.findFirstOrThrow({
          where: { organizationId: tenant.organizationId, name },
        });
  const ids: string[] = [];
  for (let i = 0; i < (settings.tasks ?? 1); i++) {
    const task = await customer.tasks.create({
      type: "categorization",
      ...(project ? { project: name } : {}),
      params: project
        ? { attachment: `item ${i}` }
        : { attachment_type: "text", attachment: `item ${i}`, categories: ["cat", "dog"] },
    } as Parameters<typeof customer.tasks.create>[0]);
    ids.push(task.task_id);
  }
  const manager = workerCaller(db, await createMember(db, tenant.organizationId, ["manager"]));
  const member = async (roles: Parameters<typeof createMember>[2]) =>
    workerCaller(db, await createMember(db, tenant.organizationId, roles));
  const setProject = (data: {
    memberAccess?: string;
    platformWorkforce?: boolean;
    redoTo?: string;
    problemReportThreshold?: number;
  }) => db.prisma.project.update({ where: { id: project?.id ?? "" }, data });
  return { tenant, customer, project, ids, manager, member, setProject };
};

const submit = async (api: ReturnType<typeof workerCaller>, category = "cat") => {
  const item = await api.work.next({});
  if (!item) throw new Error("nothing to claim");
  await api.work.submit({ assignment_id: item.assignment_id, response: { category } });
  return item.task_id;
};

describe("a team of one", () => {
  it("labels, rejects its own work as reviewer, gets it back in a new round and finishes", async () => {
    const { customer, ids, member } = await organization({ requires_review: true });
    const owner = await member(["owner", "annotator", "reviewer"]);
    expect(await submit(owner, "dog")).toBe(ids[0]);
    const review = await owner.work.next({ kind: "review" });
    expect(review).toMatchObject({ task_id: ids[0], response: { category: "dog" } });
    await owner.work.review({ assignment_id: review?.assignment_id ?? "", action: "reject" });

    // redo_to 'anyone' (the default): the redo comes back to its annotator, as a new round.
    const redo = await owner.work.next({});
    expect(redo?.task_id).toBe(ids[0]);
    await owner.work.submit({
      assignment_id: redo?.assignment_id ?? "",
      response: { category: "cat" },
    });
    const again = await owner.work.next({ kind: "review" });
    await owner.work.review({ assignment_id: again?.assignment_id ?? "", action: "accept" });
    expect(await customer.tasks.get({ task_id: ids[0] ?? "" })).toMatchObject({
      status: "completed",
      response: { category: "cat" },
      times_redone: 1,
    });
    const rounds = await db.prisma.taskAssignment.findMany({
      where: { taskId: ids[0] ?? "" },
      select: { kind: true, round: true, status: true },
      orderBy: { claimedAt: "asc" },
    });
    expect(rounds).toEqual([
      { kind: "annotate", round: 0, status: "submitted" },
      { kind: "review", round: 0, status: "submitted" },
      { kind: "annotate", round: 1, status: "submitted" },
      { kind: "review", round: 1, status: "submitted" },
    ]);
  });

  it("with redo_to 'someone_else', never hands the redo back to its annotator", async () => {
    const { ids, member, setProject, customer } = await organization({ requires_review: true });
    await setProject({ redoTo: "someone_else" });
    const alice = await member(["annotator", "reviewer"]);
    await submit(alice);
    const review = await alice.work.next({ kind: "review" });
    await alice.work.review({ assignment_id: review?.assignment_id ?? "", action: "reject" });
    expect(await alice.work.next({})).toBeNull();
    const stuck = await customer.staffing.stuck({});
    expect(stuck.tasks).toMatchObject([{ task_id: ids[0], reason: "everyone_worked", round: 1 }]);
    const bob = await member(["annotator"]);
    expect(await submit(bob)).toBe(ids[0]);
  });
});

describe("who may claim", () => {
  it("serves members their own organization's tasks, with or without a project, and nobody else's", async () => {
    const acme = await organization({ project: false, tasks: 1 });
    const globex = await organization({ tasks: 1 });
    const acmeAnnotator = await acme.member(["annotator"]);
    const globexAnnotator = await globex.member(["annotator"]);
    expect((await acmeAnnotator.work.next({}))?.task_id).toBe(acme.ids[0]);
    expect((await globexAnnotator.work.next({}))?.task_id).toBe(globex.ids[0]);
    // A manager is no annotator; a viewer neither.
    await expectTRPCError(acme.manager.work.next({}), "FORBIDDEN");
  });

  it("lets platform workers in only where the project opted in, and never to tasks without a project", async () => {
    const org = await organization({ tasks: 1 });
    const loose = await organization({ project: false, tasks: 1 });
    const tasker = workerCaller(
      db,
      await createWorker(
        db,
        ["tasker"],
        [{ projectId: org.project?.id ?? "" }, { taskType: "categorization" }],
      ),
    );
    expect(await tasker.work.next({})).toBeNull();
    expect((await org.customer.staffing.stuck({})).tasks).toMatchObject([
      { task_id: org.ids[0], reason: "platform_not_opted_in" },
    ]);
    await org.setProject({ platformWorkforce: true });
    expect((await tasker.work.next({}))?.task_id).toBe(org.ids[0]);
    expect((await loose.customer.staffing.stuck({})).tasks).toMatchObject([
      { task_id: loose.ids[0], reason: "no_member_with_role" },
    ]);
  });

  it("serves a 'selected' project to the members a manager picks, and only those", async () => {
    const { project, ids, manager, setProject, customer } = await organization();
    await setProject({ memberAccess: "selected" });
    const annotator = await createMember(db, project?.organizationId ?? "", ["annotator"]);
    const annId = annotator.userId;
    const ann = workerCaller(db, annotator);
    expect(await ann.work.next({})).toBeNull();
    expect((await customer.staffing.stuck({})).tasks).toMatchObject([
      { task_id: ids[0], reason: "no_member_picked", stage: "annotate" },
    ]);

    const pick = { project: project?.name ?? "", user_id: annId, role: "annotate" as const };
    expect(await manager.staffing.pick(pick)).toMatchObject({ picked: true });
    expect(await manager.staffing.pick(pick)).toMatchObject({ picked: true }); // idempotent
    const listed = await manager.staffing.project({ project: project?.name ?? "" });
    expect(listed).toMatchObject({ member_access: "selected", platform_workforce: false });
    expect(listed.members).toEqual([
      expect.objectContaining({ user_id: annId, picked: { annotate: true, review: false } }),
    ]);
    expect((await customer.staffing.stuck({})).tasks).toEqual([]);
    const item = await ann.work.next({});
    expect(item?.task_id).toBe(ids[0]);
    await ann.work.release({ assignment_id: item?.assignment_id ?? "" });

    // A pick without the role is refused at its field; another organization's member is not found.
    const viewer = await createMember(db, project?.organizationId ?? "", ["viewer"]);
    const refused = await expectTRPCError(
      manager.staffing.pick({ ...pick, user_id: viewer.userId }),
      "BAD_REQUEST",
    );
    expect(refused.message).toContain("annotator");
    const other = await organization({ project: false, tasks: 0 });
    const stranger = await createMember(db, other.tenant.organizationId, ["annotator"]);
    await expectTRPCError(
      manager.staffing.pick({ ...pick, user_id: stranger.userId }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      other.manager.staffing.pick({ ...pick, user_id: stranger.userId }),
      "NOT_FOUND",
    );
    // Annotators cannot pick; unpicking takes the project away again.
    await expectTRPCError(ann.staffing.pick(pick), "FORBIDDEN");
    expect(await manager.staffing.unpick(pick)).toMatchObject({ picked: false });
    await expect(ann.work.next({})).resolves.toBeNull();
  });
});

describe("needs attention", () => {
  it("lists a reported task nobody else may take, and a manager returns it to the queue", async () => {
    const { ids, manager, member, customer, setProject } = await organization();
    await setProject({ problemReportThreshold: 3 });
    const alice = await member(["annotator"]);
    const item = await alice.work.next({});
    await alice.work.report({
      assignment_id: item?.assignment_id ?? "",
      reason: "attachment_unloadable",
      details: "blank",
    });
    expect(await alice.work.next({})).toBeNull();
    const stuck = await customer.staffing.stuck({});
    expect(stuck).toMatchObject({
      needs_attention: 1,
      tasks: [
        {
          task_id: ids[0],
          reason: "reported",
          eligible_workers: 1,
          reports: ["attachment_unloadable: blank"],
          can_requeue: true,
        },
      ],
    });
    await expectTRPCError(alice.staffing.requeue({ task_id: ids[0] ?? "" }), "FORBIDDEN");
    expect(await manager.staffing.requeue({ task_id: ids[0] ?? "" })).toEqual({
      task_id: ids[0],
      round: 1,
    });
    expect((await customer.staffing.stuck({})).tasks).toEqual([]);
    expect(await submit(alice)).toBe(ids[0]);
    expect((await customer.tasks.history({ task_id: ids[0] ?? "" })).map((e) => e.type)).toEqual([
      "created",
      "claimed",
      "reported",
      "requeued",
      "claimed",
      "submitted",
      "completed",
    ]);
    await expectTRPCError(manager.staffing.requeue({ task_id: ids[0] ?? "" }), "CONFLICT");
    await expectTRPCError(manager.staffing.requeue({ task_id: "0".repeat(24) }), "NOT_FOUND");
  });
});
