import type { MemberRole } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { displayPrefixOf, generateApiKey, hashApiKey } from "../api-keys";
import {
  callerFor,
  createMember,
  createTenant,
  createTestDatabase,
  workerCaller,
} from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";
import { scaleClient, startRestServer } from "../test/rest-server";

// Scale's Studio endpoints and batch priority, over HTTP in the shapes Scale's Python SDK reads
// (`scaleapi/studio.py`: StudioProjectGroup reads id, name, numWorkers, isSingleton, workers[].id
// and .email; StudioBatch reads id, name, projectId, projectName, batchType, total, completed,
// groups and optionally studioPriority; assignments are a map of email to project names), and the
// claims they steer.

let db: TestDatabase;
let acme: TestTenant;
let globex: TestTenant;
let server: Awaited<ReturnType<typeof startRestServer>>;
let scale: ReturnType<typeof scaleClient>;
let foreign: ReturnType<typeof scaleClient>;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  globex = await createTenant(db, "Globex");
  server = await startRestServer({ db });
  scale = scaleClient(server.baseUrl, acme.live.key);
  foreign = scaleClient(server.baseUrl, globex.live.key);
});
afterAll(async () => {
  await server.close();
  await db.close();
});

/** A client with a live key made by a new member of `organizationId` holding `roles`. */
const keyClient = async (organizationId: string, roles: MemberRole[]) => {
  const member = await createMember(db, organizationId, roles);
  const key = generateApiKey("live");
  await db.prisma.apiKey.create({
    data: {
      organizationId,
      mode: "live",
      keyHash: hashApiKey(key),
      displayPrefix: displayPrefixOf(key),
      createdById: member.userId,
      roles,
    },
  });
  return scaleClient(server.baseUrl, key);
};

let projectCount = 0;
/** A categorization project created over REST by `client`; its name. */
const newProject = async (client = scale, prefix = "studio") => {
  const name = `${prefix} ${++projectCount}/x`;
  const response = await client.post("/projects", {
    type: "categorization",
    name,
    params: { categories: ["cat", "dog"] },
  });
  expect(response.status).toBe(200);
  return name;
};

const path = (name: string) => encodeURIComponent(name);

/** A 4xx whose message names `field`, the way every input error of the API does. */
const expectError = (
  response: { status: number; body: Record<string, any> },
  status: number,
  field: string,
) => {
  expect({ status: response.status, error: response.body.error }).toEqual({
    status,
    error: expect.stringContaining(field),
  });
};

describe("studio assignments", () => {
  it("assigns members to projects as picks, and answers every assignment as {email: [projects]}", async () => {
    const labeler = await createMember(db, acme.organizationId, ["annotator"]);
    const both = await createMember(db, acme.organizationId, ["annotator", "reviewer"]);
    const reviewer = await createMember(db, acme.organizationId, ["reviewer"]);
    const viewer = await createMember(db, acme.organizationId, ["viewer"]);
    const [p1, p2] = [await newProject(), await newProject()];

    const listed = await scale.get("/studio/assignments");
    expect(listed.status).toBe(200);
    expect(listed.body[labeler.email]).toEqual([]);
    expect(listed.body[reviewer.email]).toEqual([]);
    expect(listed.body).not.toHaveProperty([viewer.email]);

    // add_studio_assignments(emails, projects)
    const added = await scale.post("/studio/assignments/add", {
      emails: [labeler.email, both.email],
      projects: [p2, p1],
    });
    expect(added.status).toBe(200);
    expect(added.body[labeler.email]).toEqual([p1, p2].sort());
    expect(added.body[both.email]).toEqual([p1, p2].sort());
    expect(added.body[reviewer.email]).toEqual([]);
    // The picks of the project's staffing: each kind of work the member's roles allow.
    const grants = await db.prisma.workGrant.findMany({
      where: { userId: both.userId, removedAt: null },
      select: { role: true, project: { select: { name: true } } },
    });
    expect(grants.map((g) => `${g.project?.name} ${g.role}`).sort()).toEqual(
      [`${p1} annotate`, `${p1} review`, `${p2} annotate`, `${p2} review`].sort(),
    );
    const projects = await db.prisma.project.findMany({
      where: { organizationId: acme.organizationId, name: { in: [p1, p2] } },
    });
    expect(projects.map((p) => p.memberAccess)).toEqual(["selected", "selected"]);
    // Assigning again changes nothing.
    const again = await scale.post("/studio/assignments/add", {
      emails: [both.email],
      projects: [p1],
    });
    expect(again.body[both.email]).toEqual([p1, p2].sort());
    expect(await db.prisma.workGrant.count({ where: { userId: both.userId } })).toBe(4);

    // remove_studio_assignments(emails, projects)
    const removed = await scale.post("/studio/assignments/remove", {
      emails: [labeler.email],
      projects: [p2],
    });
    expect(removed.status).toBe(200);
    expect(removed.body[labeler.email]).toEqual([p1]);
    expect(removed.body[both.email]).toEqual([p1, p2].sort());
    expect((await scale.get("/studio/assignments")).body).toEqual(removed.body);
  });

  it("writes nothing when an email or project is unknown, and names its field path", async () => {
    const labeler = await createMember(db, acme.organizationId, ["annotator"]);
    const viewer = await createMember(db, acme.organizationId, ["viewer"]);
    const stranger = await createMember(db, globex.organizationId, ["annotator"]);
    const project = await newProject();
    const globexProject = await newProject(foreign, "globex");
    const before = await db.prisma.workGrant.count();
    const add = (body: unknown) => scale.post("/studio/assignments/add", body);

    expectError(
      await add({ emails: [labeler.email, "nobody@example.com"], projects: [project] }),
      404,
      "emails[1]",
    );
    expectError(await add({ emails: [stranger.email], projects: [project] }), 404, "emails[0]");
    expectError(
      await add({ emails: [labeler.email], projects: [project, "no such project"] }),
      404,
      "projects[1]",
    );
    expectError(
      await add({ emails: [labeler.email], projects: [globexProject] }),
      404,
      "projects[0]",
    );
    expectError(await add({ emails: [viewer.email], projects: [project] }), 400, "emails[0]");
    expectError(await add({ emails: [], projects: [project] }), 400, "emails");
    expectError(await add({ emails: ["not an email"], projects: [project] }), 400, "emails[0]");
    expectError(await add({ emails: [labeler.email] }), 400, "projects");
    expectError(
      await scale.post("/studio/assignments/remove", {
        emails: [labeler.email],
        projects: ["no such project"],
      }),
      404,
      "projects[0]",
    );
    expect(await db.prisma.workGrant.count()).toBe(before);
    const row = await db.prisma.project.findFirstOrThrow({
      where: { organizationId: acme.organizationId, name: project },
    });
    expect(row.memberAccess).toBe("all");
  });

  it("lists only the caller's organization, and is the managers'", async () => {
    const labeler = await createMember(db, acme.organizationId, ["annotator"]);
    expect((await foreign.get("/studio/assignments")).body).not.toHaveProperty([labeler.email]);
    const manager = await keyClient(acme.organizationId, ["manager"]);
    expect((await manager.get("/studio/assignments")).status).toBe(200);
    const annotator = await keyClient(acme.organizationId, ["annotator"]);
    expect((await annotator.get("/studio/assignments")).status).toBe(403);
    const project = await newProject();
    const denied = await annotator.post("/studio/assignments/add", {
      emails: [labeler.email],
      projects: [project],
    });
    expect(denied.status).toBe(403);
  });
});

describe("studio project groups", () => {
  it("creates, lists and updates a project's groups in Scale's ProjectGroup shape", async () => {
    const a = await createMember(db, acme.organizationId, ["annotator"]);
    const b = await createMember(db, acme.organizationId, ["annotator", "reviewer"]);
    const c = await createMember(db, acme.organizationId, ["reviewer"]);
    const project = await newProject();

    // create_project_group(project, emails, project_group)
    const created = await scale.post(`/studio/projects/${path(project)}/groups`, {
      emails: [b.email, a.email],
      name: "night shift",
    });
    expect(created.status).toBe(200);
    const workers = [a, b]
      .map((m) => ({ id: m.userId, email: m.email }))
      .sort((x, y) => x.email.localeCompare(y.email));
    expect(created.body).toEqual({
      id: expect.any(String),
      name: "night shift",
      numWorkers: 2,
      isSingleton: false,
      workers,
    });

    // list_project_groups(project)
    const listed = await scale.get(`/studio/projects/${path(project)}/groups`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([created.body]);

    // update_project_group(project, project_group, add_emails, remove_emails)
    const updated = await scale.put(`/studio/projects/${path(project)}/groups/night%20shift`, {
      add_emails: [c.email],
      remove_emails: [a.email],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.id).toBe(created.body.id);
    expect(updated.body.numWorkers).toBe(2);
    expect(updated.body.workers.map((w: { email: string }) => w.email).sort()).toEqual(
      [b.email, c.email].sort(),
    );
    // Both lists may be left out, and a group name may hold a slash (sent as %2F).
    const slashed = await scale.post(`/studio/projects/${path(project)}/groups`, { name: "a/b" });
    expect(slashed.body).toMatchObject({ name: "a/b", numWorkers: 0, workers: [] });
    const unchanged = await scale.put(
      `/studio/projects/${path(project)}/groups/${path("a/b")}`,
      {},
    );
    expect(unchanged.status).toBe(200);
    expect(unchanged.body.numWorkers).toBe(0);
  });

  it("refuses bad input with field paths, a taken name with 409, and writes nothing", async () => {
    const a = await createMember(db, acme.organizationId, ["annotator"]);
    const viewer = await createMember(db, acme.organizationId, ["viewer"]);
    const project = await newProject();
    const groups = `/studio/projects/${path(project)}/groups`;
    expect((await scale.post(groups, { emails: [a.email], name: "day" })).status).toBe(200);

    expectError(await scale.post(groups, { emails: [a.email], name: "day" }), 409, "day");
    expectError(
      await scale.post(groups, { emails: [a.email, "nobody@example.com"], name: "other" }),
      404,
      "emails[1]",
    );
    expectError(
      await scale.post(groups, { emails: [viewer.email], name: "other" }),
      400,
      "emails[0]",
    );
    expectError(await scale.post(groups, { emails: [a.email] }), 400, "name");
    expectError(await scale.post(groups, { emails: "x", name: "other" }), 400, "emails");
    expectError(
      await scale.put(`${groups}/day`, { add_emails: ["nobody@example.com"] }),
      404,
      "add_emails[0]",
    );
    expectError(await scale.put(`${groups}/day`, { remove_emails: [3] }), 400, "remove_emails[0]");
    expectError(
      await scale.put(`${groups}/day`, { add_emails: [a.email], remove_emails: [a.email] }),
      400,
      "remove_emails[0]",
    );
    expect((await scale.put(`${groups}/night`, { add_emails: [a.email] })).status).toBe(404);
    expect((await scale.get(`/studio/projects/no%20such/groups`)).status).toBe(404);
    const listed = (await scale.get(groups)).body;
    expect(listed.map((g: { name: string; numWorkers: number }) => [g.name, g.numWorkers])).toEqual(
      [["day", 1]],
    );
  });

  it("answers 404 for another organization's project and group", async () => {
    const project = await newProject();
    const groups = `/studio/projects/${path(project)}/groups`;
    expect((await scale.post(groups, { name: "ours" })).status).toBe(200);
    expect((await foreign.get(groups)).status).toBe(404);
    expect((await foreign.post(groups, { name: "theirs" })).status).toBe(404);
    expect((await foreign.put(`${groups}/ours`, {})).status).toBe(404);
    // Another organization's member cannot be put in a group.
    const stranger = await createMember(db, globex.organizationId, ["annotator"]);
    expectError(
      await scale.put(`${groups}/ours`, { add_emails: [stranger.email] }),
      404,
      "add_emails[0]",
    );
    expect(await db.prisma.projectGroup.count({ where: { name: "theirs" } })).toBe(0);
  });
});

/** A tenant of its own, so its pending batches and claims are only the test's. */
const isolatedTenant = async (name: string) => {
  const tenant = await createTenant(db, name);
  return { tenant, client: scaleClient(server.baseUrl, tenant.live.key) };
};

const batchOrder = (body: { name: string; studioPriority?: number }[]) =>
  body.map((b) => (b.studioPriority === undefined ? b.name : `${b.name}:${b.studioPriority}`));

/** Creates `count` tasks in a batch through the typed client; their ids, oldest first. */
const tasksIn = async (tenant: TestTenant, project: string, batch: string, count: number) => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const task = await callerFor(db, tenant.live).tasks.create({
      type: "categorization",
      project,
      batch,
      params: { attachment_type: "text", attachment: `${batch} ${i}` },
    });
    ids.push(task.task_id);
  }
  return ids;
};

const taskPriorities = async (batch: string, organizationId: string) =>
  (
    await db.prisma.task.findMany({
      where: { organizationId, batch: { name: batch } },
      select: { batchPriority: true },
    })
  ).map((t) => t.batchPriority);

describe("studio batches and batch priority", () => {
  it("lists pending batches in priority order as Scale's StudioBatch, and orders them", async () => {
    const { tenant, client } = await isolatedTenant("Queue");
    const project = await newProject(client, "queue");
    for (const name of ["q1", "q2", "q3"])
      expect((await client.post("/batches", { project, name })).status).toBe(200);
    await tasksIn(tenant, project, "q1", 2);
    await tasksIn(tenant, project, "q3", 1);
    const projectRow = await db.prisma.project.findFirstOrThrow({
      where: { organizationId: tenant.organizationId, name: project },
    });

    // list_studio_batches()
    const listed = await client.get("/studio/batches");
    expect(listed.status).toBe(200);
    expect(listed.body[0]).toEqual({
      id: expect.any(String),
      name: "q1",
      projectId: projectRow.id,
      projectName: project,
      batchType: "Production",
      total: 2,
      completed: 0,
      groups: [],
    });
    expect(batchOrder(listed.body)).toEqual(["q1", "q2", "q3"]);

    // set_studio_batches_priorities(["q3", "q1"]): q2, left out, comes after.
    const set = await client.post("/studio/batches/set_priorities", {
      batches: [{ name: "q3" }, { name: "q1" }],
    });
    expect(set.status).toBe(200);
    expect(batchOrder(set.body)).toEqual(["q3:2", "q1:1", "q2"]);
    expect(batchOrder((await client.get("/studio/batches")).body)).toEqual(["q3:2", "q1:1", "q2"]);
    // The queue's copy on the tasks follows, in the same transaction.
    expect(await taskPriorities("q3", tenant.organizationId)).toEqual([2]);
    expect(await taskPriorities("q1", tenant.organizationId)).toEqual([1, 1]);

    // reset_studio_batches_priorities(): a bodiless POST, as the SDK sends it.
    const reset = await client.post("/studio/batches/reset_priorities");
    expect(reset.status).toBe(200);
    expect(batchOrder(reset.body)).toEqual(["q1", "q2", "q3"]);
    expect(await taskPriorities("q3", tenant.organizationId)).toEqual([0]);

    // POST /batches/{name}/prioritize
    const prioritized = await client.post("/batches/q2/prioritize", { priority: 25 });
    expect(prioritized.status).toBe(200);
    expect(prioritized.body).toMatchObject({ result: expect.any(String) });
    expect(batchOrder((await client.get("/studio/batches")).body)).toEqual(["q2:25", "q1", "q3"]);

    // A completed batch leaves the Studio queue.
    await db.prisma.batch.updateMany({
      where: { organizationId: tenant.organizationId, name: "q3" },
      data: { status: "completed" },
    });
    expect(batchOrder((await client.get("/studio/batches")).body)).toEqual(["q2:25", "q1"]);
    expectError(
      await client.post("/studio/batches/set_priorities", { batches: [{ name: "q3" }] }),
      400,
      "batches[0].name",
    );
  });

  it("refuses bad priorities with field paths and changes nothing", async () => {
    const { tenant, client } = await isolatedTenant("Queue errors");
    const project = await newProject(client, "queue errors");
    for (const name of ["e1", "e2"]) await client.post("/batches", { project, name });
    await tasksIn(tenant, project, "e1", 1);
    const setPriorities = (body: unknown) => client.post("/studio/batches/set_priorities", body);

    expectError(
      await setPriorities({ batches: [{ name: "e1" }, { name: "nope" }] }),
      404,
      "batches[1].name",
    );
    expectError(
      await setPriorities({ batches: [{ name: "e2" }, { name: "e1" }, { name: "e2" }] }),
      400,
      "batches[2].name",
    );
    expectError(await setPriorities({ batches: [] }), 400, "batches");
    expectError(await setPriorities({ batches: ["e1"] }), 400, "batches[0]");
    expectError(await client.post("/batches/e1/prioritize", { priority: 5 }), 400, "priority");
    expectError(await client.post("/batches/e1/prioritize", { priority: 31 }), 400, "priority");
    expectError(await client.post("/batches/e1/prioritize", { priority: "high" }), 400, "priority");
    expectError(await client.post("/batches/e1/prioritize", {}), 400, "priority");
    expect((await client.post("/batches/nope/prioritize", { priority: 20 })).status).toBe(404);
    expect(batchOrder((await client.get("/studio/batches")).body)).toEqual(["e1", "e2"]);
    expect(await taskPriorities("e1", tenant.organizationId)).toEqual([0]);
  });

  it("assigns a batch to groups of its project, and refuses unknown groups with their path", async () => {
    const { client } = await isolatedTenant("Batch groups");
    const project = await newProject(client, "batch groups");
    const other = await newProject(client, "batch groups other");
    await client.post("/batches", { project, name: "g-batch" });
    await client.post(`/studio/projects/${path(project)}/groups`, { name: "alpha" });
    await client.post(`/studio/projects/${path(project)}/groups`, { name: "beta" });
    await client.post(`/studio/projects/${path(other)}/groups`, { name: "gamma" });

    // assign_studio_batches(batch_name, project_groups)
    const assigned = await client.put("/studio/batches/g-batch", { groups: ["beta", "alpha"] });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({
      name: "g-batch",
      projectName: project,
      groups: ["alpha", "beta"],
    });
    expect((await client.get("/studio/batches")).body[0].groups).toEqual(["alpha", "beta"]);

    expectError(
      await client.put("/studio/batches/g-batch", { groups: ["alpha", "gamma"] }),
      404,
      "groups[1]",
    );
    expectError(await client.put("/studio/batches/g-batch", { groups: "alpha" }), 400, "groups");
    expect((await client.put("/studio/batches/nope", { groups: [] })).status).toBe(404);
    expect((await client.get("/studio/batches")).body[0].groups).toEqual(["alpha", "beta"]);

    const cleared = await client.put("/studio/batches/g-batch", { groups: [] });
    expect(cleared.body.groups).toEqual([]);
    const row = await db.prisma.batch.findFirstOrThrow({ where: { name: "g-batch" } });
    expect(row.groupRestricted).toBe(false);
  });

  it("answers 404 for another organization's batches and lists only the caller's", async () => {
    const project = await newProject();
    await scale.post("/batches", { project, name: "acme-only" });
    expect((await foreign.post("/batches/acme-only/prioritize", { priority: 20 })).status).toBe(
      404,
    );
    expect((await foreign.put("/studio/batches/acme-only", { groups: [] })).status).toBe(404);
    expectError(
      await foreign.post("/studio/batches/set_priorities", { batches: [{ name: "acme-only" }] }),
      404,
      "batches[0].name",
    );
    expect(batchOrder((await foreign.get("/studio/batches")).body)).not.toContain("acme-only");
    expect(batchOrder((await scale.get("/studio/batches")).body)).toContain("acme-only");
    const row = await db.prisma.batch.findFirstOrThrow({ where: { name: "acme-only" } });
    expect(row.priority).toBe(0);
    // Viewers read the queue; only managers change it.
    const viewer = await keyClient(acme.organizationId, ["viewer"]);
    expect((await viewer.get("/studio/batches")).status).toBe(200);
    expect((await viewer.post("/batches/acme-only/prioritize", { priority: 20 })).status).toBe(403);
    expect((await viewer.post("/studio/batches/reset_priorities")).status).toBe(403);
  });
});

describe("claims follow batch priority and batch groups", () => {
  it("serves the higher-priority batch first, whatever the age of its tasks", async () => {
    const { tenant, client } = await isolatedTenant("Claims priority");
    const project = await newProject(client, "claims priority");
    for (const name of ["older", "newer"]) await client.post("/batches", { project, name });
    const older = await tasksIn(tenant, project, "older", 2);
    const newer = await tasksIn(tenant, project, "newer", 2);
    // A new annotator each time: whoever released a task has had their turn at it this round.
    const newWorker = async () =>
      workerCaller(db, await createMember(db, tenant.organizationId, ["annotator"]));
    const claimAndRelease = async () => {
      const worker = await newWorker();
      const item = await worker.work.next({});
      if (item) await worker.work.release({ assignment_id: item.assignment_id });
      return item?.task_id;
    };

    expect(await claimAndRelease()).toBe(older[0]);
    await client.post("/batches/newer/prioritize", { priority: 20 });
    expect(await claimAndRelease()).toBe(newer[0]);
    await client.post("/studio/batches/set_priorities", {
      batches: [{ name: "older" }, { name: "newer" }],
    });
    expect(await claimAndRelease()).toBe(older[0]);
    await client.post("/batches/newer/prioritize", { priority: 30 });
    expect(await claimAndRelease()).toBe(newer[0]);
    await client.post("/studio/batches/reset_priorities");
    expect(await claimAndRelease()).toBe(older[0]);

    // The Studio list counts what the workers complete.
    await client.post("/batches/newer/prioritize", { priority: 10 });
    const worker = await newWorker();
    const item = await worker.work.next({});
    expect(item?.task_id).toBe(newer[0]);
    await worker.work.submit({
      assignment_id: item?.assignment_id ?? "",
      response: { category: "cat" },
    });
    const listed = (await client.get("/studio/batches")).body;
    expect(
      listed.map((b: { name: string; total: number; completed: number }) => [
        b.name,
        b.total,
        b.completed,
      ]),
    ).toEqual([
      ["newer", 2, 1],
      ["older", 2, 0],
    ]);
  });

  it("serves a batch given groups only to their members, before and after the others' work", async () => {
    const { tenant, client } = await isolatedTenant("Claims groups");
    const project = await newProject(client, "claims groups");
    for (const name of ["open", "vip"]) await client.post("/batches", { project, name });
    const open = await tasksIn(tenant, project, "open", 2);
    const vip = await tasksIn(tenant, project, "vip", 2);
    const insider = await createMember(db, tenant.organizationId, ["annotator"]);
    const outsider = await createMember(db, tenant.organizationId, ["annotator"]);
    await client.post(`/studio/projects/${path(project)}/groups`, {
      name: "vip team",
      emails: [insider.email],
    });
    await client.put("/studio/batches/vip", { groups: ["vip team"] });
    await client.post("/batches/vip/prioritize", { priority: 30 });

    // The outsider gets every open task and then nothing, never a vip task, first in line or not.
    const asOutsider = workerCaller(db, outsider);
    const outsiderGot: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const item = await asOutsider.work.next({});
      outsiderGot.push(item?.task_id);
      if (item)
        await asOutsider.work.submit({
          assignment_id: item.assignment_id,
          response: { category: "dog" },
        });
    }
    expect(outsiderGot).toEqual([open[0], open[1], undefined]);
    expect((await asOutsider.work.stats({})).pending_in_queue).toBe(0);

    // The group's member gets the vip tasks, highest priority first.
    const asInsider = workerCaller(db, insider);
    expect((await asInsider.work.stats({})).pending_in_queue).toBe(2);
    const first = await asInsider.work.next({});
    expect(first?.task_id).toBe(vip[0]);

    // Taking the batch out of its groups opens it to everyone eligible again.
    await client.put("/studio/batches/vip", { groups: [] });
    expect((await asOutsider.work.next({}))?.task_id).toBe(vip[1]);
  });

  it("keeps the organization's tenancy: a platform worker on an opted-in project gets no group batch", async () => {
    const { tenant, client } = await isolatedTenant("Claims platform");
    const project = await newProject(client, "claims platform");
    const row = await db.prisma.project.update({
      where: {
        organizationId_isTest_name: {
          organizationId: tenant.organizationId,
          isTest: false,
          name: project,
        },
      },
      data: { platformWorkforce: true },
    });
    await client.post("/batches", { project, name: "kept" });
    const [kept] = await tasksIn(tenant, project, "kept", 1);
    const member = await createMember(db, tenant.organizationId, ["annotator"]);
    await client.post(`/studio/projects/${path(project)}/groups`, {
      name: "ours",
      emails: [member.email],
    });
    await client.put("/studio/batches/kept", { groups: ["ours"] });
    const platformUser = await db.prisma.user.create({
      data: { email: `platform-${Date.now()}@example.com`, platformRoles: ["tasker"] },
    });
    await db.prisma.workGrant.create({
      data: { userId: platformUser.id, role: "annotate", projectId: row.id },
    });
    const platform = workerCaller(db, {
      userId: platformUser.id,
      email: platformUser.email,
      roles: ["tasker"],
    });
    expect(await platform.work.next({})).toBeNull();
    // Even were they put in the group's table, they are no member of the organization.
    const group = await db.prisma.projectGroup.findFirstOrThrow({ where: { projectId: row.id } });
    await db.prisma.projectGroupMember.create({
      data: { groupId: group.id, userId: platformUser.id },
    });
    expect(await platform.work.next({})).toBeNull();
    expect((await workerCaller(db, member).work.next({}))?.task_id).toBe(kept);
  });

  it("lists a group batch's task that no member of its groups may take as stuck, saying why", async () => {
    const { tenant, client } = await isolatedTenant("Stuck groups");
    const project = await newProject(client, "stuck groups");
    await client.post("/batches", { project, name: "lonely" });
    const [task] = await tasksIn(tenant, project, "lonely", 1);
    await createMember(db, tenant.organizationId, ["annotator"]);
    const manager = callerFor(db, tenant.live);
    expect((await manager.staffing.stuck({ project })).tasks).toEqual([]);
    await client.post(`/studio/projects/${path(project)}/groups`, { name: "empty" });
    await client.put("/studio/batches/lonely", { groups: ["empty"] });
    expect((await manager.staffing.stuck({ project })).tasks).toEqual([
      expect.objectContaining({ task_id: task, reason: "no_group_member", eligible_workers: 0 }),
    ]);
  });
});
