import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { claimExportJob, runExportJob } from "../services/exports";
import {
  callerFor,
  createMember,
  createTenant,
  createTestDatabase,
  createWorker,
  workerCaller,
} from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";

// Two organizations, each with its own annotating and reviewing member, a platform worker who is a
// member of it (viewer) and granted the whole task type, and projects with and without the opt-in
// into the platform workforce. No claim, draft, review, history entry or export crosses an
// organization unless the project opted in, and then only for granted platform workers, whom the
// customer sees as "Annotator <n>" / "Reviewer <n>".

let db: TestDatabase;
let exportsDir: string;

type Org = Awaited<ReturnType<typeof makeOrganization>>;
let acme: Org;
let globex: Org;

const makeOrganization = async (name: string) => {
  const tenant: TestTenant = await createTenant(db, name);
  const customer = callerFor(db, tenant.live);
  const tasks: Record<string, string[]> = { closed: [], open: [], none: [] };
  for (const kind of ["closed", "open"] as const) {
    await customer.projects.create({
      type: "categorization",
      name: `${name} ${kind}`,
      params: { attachment_type: "text", categories: ["cat", "dog"] },
      work_settings: { requires_review: true },
    });
    if (kind === "open")
      await db.prisma.project.updateMany({
        where: { organizationId: tenant.organizationId, name: `${name} open` },
        data: { platformWorkforce: true },
      });
  }
  for (let i = 0; i < 3; i++) {
    for (const kind of ["closed", "open"] as const) {
      const task = await customer.tasks.create({
        type: "categorization",
        project: `${name} ${kind}`,
        params: { attachment: `${name} ${kind} ${i}` },
      });
      tasks[kind]?.push(task.task_id);
    }
    const loose = await customer.tasks.create({
      type: "categorization",
      params: {
        attachment_type: "text",
        attachment: `${name} none ${i}`,
        categories: ["cat", "dog"],
      },
    });
    tasks.none?.push(loose.task_id);
  }
  const memberUser = await createMember(db, tenant.organizationId, ["annotator", "reviewer"]);
  // Colleagues see each other's names: this member has one; the platform worker below has none.
  await db.prisma.user.update({
    where: { id: memberUser.userId },
    data: { name: `${name} Member` },
  });
  // A platform worker who is also a (viewer) member here: the platform path must not widen to
  // this organization's closed projects, nor the member path let them label.
  const platformUser = await createMember(
    db,
    tenant.organizationId,
    ["viewer"],
    ["tasker", "reviewer"],
  );
  for (const role of ["annotate", "review"] as const)
    await db.prisma.workGrant.create({
      data: { userId: platformUser.userId, role, taskType: "categorization" },
    });
  return {
    name,
    tenant,
    customer,
    tasks,
    member: workerCaller(db, memberUser),
    memberUser,
    platform: workerCaller(db, platformUser),
    platformUser,
  };
};

beforeAll(async () => {
  db = await createTestDatabase();
  exportsDir = mkdtempSync(join(tmpdir(), "taskforge-workforce-exports-"));
  acme = await makeOrganization("Acme");
  globex = await makeOrganization("Globex");
});
afterAll(async () => {
  await db.close();
  rmSync(exportsDir, { recursive: true, force: true });
});

type Api = ReturnType<typeof workerCaller>;
/** Claims until the queue gives nothing; submits each (or reviews it, accepting), returns task ids. */
const drain = async (api: Api, kind: "annotate" | "review") => {
  const taken: string[] = [];
  for (let item = await api.work.next({ kind }); item; item = await api.work.next({ kind })) {
    taken.push(item.task_id);
    if (kind === "annotate") {
      await api.work.saveDraft({ assignment_id: item.assignment_id, draft: { category: "dog" } });
      await api.work.submit({ assignment_id: item.assignment_id, response: { category: "cat" } });
    } else {
      await api.work.review({ assignment_id: item.assignment_id, action: "accept" });
    }
  }
  return taken.sort();
};

const sorted = (...lists: (string[] | undefined)[]) => lists.flatMap((l) => l ?? []).sort();

/** The organization's whole export (JSON lines), run to the end. */
const exportOf = async (org: Org) => {
  const job = await org.customer.exports.create({ format: "jsonl", filters: {} });
  for (
    let claimed = await claimExportJob(db.sql, 60_000);
    claimed;
    claimed = await claimExportJob(db.sql, 60_000)
  )
    await runExportJob(db, claimed, { exportsDir });
  return readFileSync(join(exportsDir, org.tenant.organizationId, `${job.id}.jsonl`), "utf8");
};

const taskIdsOf = (jsonl: string) =>
  jsonl
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { task_id: string }).task_id)
    .sort();

describe("the organization's own workforce and the platform workforce", () => {
  it("never crosses organizations without the opt-in", async () => {
    // A platform worker with no organization and no grant gets nothing at all.
    const stranger = workerCaller(db, await createWorker(db, ["tasker", "reviewer"]));
    expect(await stranger.work.next({})).toBeNull();

    // Acme's platform worker (granted the whole type) takes exactly the opted-in projects' tasks,
    // of both organizations, and nothing without a project or of a closed project.
    const platformAnnotated = await drain(acme.platform, "annotate");
    expect(platformAnnotated).toEqual(sorted(acme.tasks.open, globex.tasks.open));
    expect(await globex.platform.work.next({})).toBeNull();

    // Members take their own organization's remaining tasks only.
    expect(await drain(acme.member, "annotate")).toEqual(
      sorted(acme.tasks.closed, acme.tasks.none),
    );
    expect(await drain(globex.member, "annotate")).toEqual(
      sorted(globex.tasks.closed, globex.tasks.none),
    );

    // Reviews: Globex's platform worker reviews what the opt-in allows, members the rest of their own.
    expect(await drain(globex.platform, "review")).toEqual(
      sorted(acme.tasks.open, globex.tasks.open),
    );
    expect(await drain(acme.member, "review")).toEqual(sorted(acme.tasks.closed));
    expect(await drain(globex.member, "review")).toEqual(sorted(globex.tasks.closed));
    expect(await acme.platform.work.next({ kind: "review" })).toBeNull();

    // Every assignment on an organization's closed project or loose task is its own member's.
    const crossing = await db.sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM task_assignments a
       JOIN tasks t ON t.id = a.task_id JOIN users u ON u.id = a.user_id
       LEFT JOIN projects p ON p.id = t.project_id
       WHERE NOT COALESCE(p.platform_workforce, false)
         AND (u.organization_id IS DISTINCT FROM t.organization_id OR u.id IN ($1, $2))`,
      [acme.platformUser.userId, globex.platformUser.userId],
    );
    expect(crossing[0]?.n).toBe(0);
  });

  it("never lets another organization's worker touch a draft or an assignment", async () => {
    const extra = await acme.customer.tasks.create({
      type: "categorization",
      params: { attachment_type: "text", attachment: "acme extra", categories: ["cat", "dog"] },
    });
    const item = await acme.member.work.next({});
    expect(item?.task_id).toBe(extra.task_id);
    const assignment_id = item?.assignment_id ?? "";
    for (const other of [globex.member, globex.platform, acme.platform]) {
      await expect(other.work.saveDraft({ assignment_id, draft: {} })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(
        other.work.submit({ assignment_id, response: { category: "cat" } }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await acme.member.work.submit({ assignment_id, response: { category: "cat" } });
  });

  it("shows platform workers as Annotator/Reviewer <n> in history, audits, exports and callbacks", async () => {
    const [acmeWorker, globexWorker, acmeMember] = await Promise.all(
      [acme.platformUser, globex.platformUser, acme.memberUser].map((u) =>
        db.prisma.user.findUniqueOrThrow({ where: { id: u.userId } }),
      ),
    );
    // Acme's opted-in task: annotated by Acme's own platform worker (a member of Acme without a
    // name: by email),
    // reviewed by Globex's (a stranger to Acme: "Reviewer <n>").
    const openTask = acme.tasks.open?.[0] ?? "";
    const history = await acme.customer.tasks.history({ task_id: openTask });
    const actors = history.map((e) => e.actor);
    expect(actors).toContain(acmeWorker?.email);
    expect(actors).toContain(`Reviewer ${globexWorker?.workerNumber}`);
    const task = await acme.customer.tasks.get({ task_id: openTask });
    expect(task.audits.map((a) => a.audited_by)).toEqual([
      `Reviewer ${globexWorker?.workerNumber}`,
    ]);
    // Globex's opted-in task, annotated by Acme's platform worker: "Annotator <n>" to Globex.
    const globexHistory = await globex.customer.tasks.history({
      task_id: globex.tasks.open?.[0] ?? "",
    });
    expect(globexHistory.map((e) => e.actor)).toContain(`Annotator ${acmeWorker?.workerNumber}`);
    // A member of Acme appears by name on Acme's own tasks (claim, submit and review), never by email.
    const closedTask = acme.tasks.closed?.[0] ?? "";
    const closedHistory = await acme.customer.tasks.history({ task_id: closedTask });
    const memberEvents = closedHistory.filter((e) => e.actor === "Acme Member").map((e) => e.type);
    expect(memberEvents).toEqual(expect.arrayContaining(["claimed", "submitted", "reviewed"]));
    expect(JSON.stringify(closedHistory)).not.toContain(acmeMember?.email);
    expect(
      (await acme.customer.tasks.get({ task_id: closedTask })).audits.map((a) => a.audited_by),
    ).toEqual(["Acme Member"]);

    // Exports and callback payloads carry the same labels, never a stranger's email, and each
    // organization's export holds its own tasks and none of the other's.
    const exported = await exportOf(acme);
    const globexExported = await exportOf(globex);
    expect(exported).toContain(`Reviewer ${globexWorker?.workerNumber}`);
    const ownTasks = async (org: Org) =>
      (
        await db.prisma.task.findMany({
          where: { organizationId: org.tenant.organizationId, isTest: false },
          select: { id: true },
        })
      )
        .map((t) => t.id)
        .sort();
    const [acmeTasks, globexTasks] = [await ownTasks(acme), await ownTasks(globex)];
    expect(acmeTasks).toEqual(expect.arrayContaining(sorted(acme.tasks.open, acme.tasks.closed)));
    expect(taskIdsOf(exported)).toEqual(acmeTasks);
    expect(taskIdsOf(globexExported)).toEqual(globexTasks);
    for (const id of globexTasks) expect(exported).not.toContain(id);
    for (const id of acmeTasks) expect(globexExported).not.toContain(id);
    const bodies = async (organizationId: string) =>
      (
        await db.prisma.callbackDelivery.findMany({
          where: { organizationId },
          select: { body: true },
        })
      ).map((d) => d.body);
    for (const text of [
      exported,
      JSON.stringify(history),
      JSON.stringify(task),
      ...(await bodies(acme.tenant.organizationId)),
    ])
      expect(text).not.toContain(globexWorker?.email);
    for (const text of [
      globexExported,
      JSON.stringify(globexHistory),
      ...(await bodies(globex.tenant.organizationId)),
    ])
      expect(text).not.toContain(acmeWorker?.email);
    // Globex sees nothing of Acme's tasks at all.
    await expect(globex.customer.tasks.history({ task_id: openTask })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("lets only granted platform workers in once a project opts in", async () => {
    const late = await globex.customer.tasks.create({
      type: "categorization",
      project: "Globex closed",
      params: { attachment: "late" },
    });
    const granted = workerCaller(
      db,
      await createWorker(db, ["tasker"], [{ taskType: "categorization" }]),
    );
    const ungranted = workerCaller(db, await createWorker(db, ["tasker"]));
    expect(await granted.work.next({})).toBeNull();
    await db.prisma.project.updateMany({
      where: { name: "Globex closed" },
      data: { platformWorkforce: true },
    });
    expect(await ungranted.work.next({})).toBeNull();
    expect((await granted.work.next({}))?.task_id).toBe(late.task_id);
  });
});
