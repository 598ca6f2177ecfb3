import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createInnerContext } from "../context";
import { restRoutes } from "../rest/handler";
import { appRouter, createCaller } from "../routers/root";
import { loadUserById } from "../services/accounts";
import { callerFor, createTestDatabase, createWorker, workerCaller } from "../test/harness";
import type { TestDatabase } from "../test/harness";
import { fillPath, pathParams } from "../test/fuzz/http";
import { scaleClient, startRestServer } from "../test/rest-server";

/**
 * Cross-tenant access (OWASP API1): every REST route and tRPC procedure that takes an id or a name is
 * called by a second organization with the first one's ids and names, and must answer not-found. The
 * routes and procedures are enumerated from the router itself, so a new one without a case here fails.
 */

type Caller = ReturnType<typeof createCaller>;
type Call = (api: Caller) => Promise<unknown>;

let db: TestDatabase;
let server: Awaited<ReturnType<typeof startRestServer>>;
let acmeOwner: Caller;
let globexOwner: Caller;
let globexKey: Caller;
let acmeKey: string;
let globexRestKey: string;
const ids: Record<string, string> = {};

const anonymous = () => createCaller(createInnerContext({ db }));
const signUp = async (organization: string) => {
  const { userId } = await anonymous().account.signUp({
    email: `${organization.toLowerCase().replace(/\W/g, "")}-${Date.now()}@example.com`,
    password: "correct horse battery",
    organization_name: organization,
  });
  const user = await loadUserById(db, userId);
  return { userId, api: createCaller(createInnerContext({ db, user, mode: "live" })) };
};

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startRestServer({ db });
  const acme = await signUp("Acme");
  const globex = await signUp("Globex");
  acmeOwner = acme.api;
  globexOwner = globex.api;
  acmeKey = (await acmeOwner.apiKeys.create({ name: "acme", mode: "live" })).key;
  const globexCreated = await globexOwner.apiKeys.create({ name: "globex", mode: "live" });
  globexRestKey = globexCreated.key;
  const globexAuthenticated = await (
    await import("../api-keys")
  ).findApiKey(db.prisma, globexRestKey);
  globexKey = callerFor(db, globexAuthenticated);

  const scale = scaleClient(server.baseUrl, acmeKey);
  await scale.post("/projects", { type: "categorization", name: "acme project" });
  await scale.post("/batches", { project: "acme project", name: "acme batch" });
  const task = await scale.post("/task/categorization", {
    project: "acme project",
    batch: "acme batch",
    attachment_type: "text",
    attachment: "a car",
    categories: ["big", "small"],
    unique_id: "acme-1",
    callback_url: "https://example.com/callback",
  });
  expect(task.status).toBe(200);
  // A completed task, whose secured response file Acme can read and Globex cannot.
  const done = await scale.post("/task/categorization", {
    project: "acme project",
    attachment_type: "text",
    attachment: "done",
    categories: ["big", "small"],
  });
  const completed = await db.prisma.task.update({
    where: { id: done.body.task_id },
    data: { status: "completed", response: { category: "big" }, completedAt: new Date() },
    select: { id: true, responseUuid: true },
  });
  const exported = await scale.post("/exports", { format: "jsonl" });
  const imported = await fetch(`${server.baseUrl}/imports?format=jsonl`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${acmeKey}:`).toString("base64")}` },
    body: '{"type":"categorization","params":{"attachment_type":"text","attachment":"x","categories":["a","b"]}}\n',
  });
  const delivery = await scale.post(`/task/${task.body.task_id}/send_callback?wait_ms=0`);
  const group = await scale.post("/studio/projects/acme%20project/groups", { name: "acme group" });
  expect(group.status).toBe(200);
  const acmeMember = await signUp("Acme second");
  const invitation = await acmeOwner.members.invite({
    email: "new@example.com",
    roles: ["manager"],
  });
  const file = await db.prisma.file.create({
    data: {
      organizationId: (await db.prisma.apiKey.findFirstOrThrow({ where: { name: "acme" } }))
        .organizationId,
      isTest: false,
      storageKey: "tenancy/none",
      filename: "none.png",
      mimeType: "image/png",
      sizeBytes: 1,
      sha256: "0".repeat(64),
    },
  });
  Object.assign(ids, {
    task_id: task.body.task_id,
    completed_task_id: completed.id,
    response_uuid: completed.responseUuid,
    project: "acme project",
    batch: "acme batch",
    group: "acme group",
    export_id: exported.body.id,
    import_id: ((await imported.json()) as { id: string }).id,
    delivery_id: delivery.body.delivery_id,
    file_id: file.id,
    invitation_id: invitation.invitation.id,
    api_key_id: (await acmeOwner.apiKeys.list())[0]?.id ?? "",
    user_id: acmeMember.userId,
    owner_email: (await db.prisma.user.findUniqueOrThrow({ where: { id: acme.userId } })).email,
  });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

// REST ---------------------------------------------------------------------------------------------

/** For every route with a path parameter: the path values and body that name Acme's object. */
const restCases = (): Record<
  string,
  { params: Record<string, string>; body?: unknown; query?: string }
> => ({
  "POST /task/:type": {
    params: { type: "categorization" },
    body: {
      project: ids.project,
      attachment_type: "text",
      attachment: "x",
      categories: ["a", "b"],
    },
  },
  "POST /evaluation_tasks/:type": {
    params: { type: "categorization" },
    body: {
      project: ids.project,
      attachment_type: "text",
      attachment: "x",
      categories: ["a", "b"],
      expected_response: { category: "a" },
    },
  },
  "POST /training_tasks/:type": {
    params: { type: "categorization" },
    body: {
      project: ids.project,
      attachment_type: "text",
      attachment: "x",
      categories: ["a", "b"],
      expected_response: { category: "a" },
    },
  },
  "GET /task/:task_id/response_url/:uuid": {
    params: { task_id: ids.completed_task_id ?? "", uuid: ids.response_uuid ?? "" },
  },
  "GET /task/:task_id": { params: ids },
  "GET /task/:task_id/history": { params: ids },
  "POST /task/:task_id/cancel": { params: ids },
  "POST /task/:task_id/setMetadata": { params: ids, body: { a: 1 } },
  "POST /task/:task_id/tags": { params: ids, body: ["x"] },
  "PUT /task/:task_id/tags": { params: ids, body: ["x"] },
  "DELETE /task/:task_id/tags": { params: ids, body: ["x"] },
  "POST /task/:task_id/unique_id": { params: ids, body: { unique_id: "stolen" } },
  "DELETE /task/:task_id/unique_id": { params: ids },
  "POST /task/:task_id/audit": { params: ids, body: { accepted: true } },
  "GET /projects/:name": { params: { name: ids.project ?? "" } },
  "POST /projects/:name/media": {
    params: { name: ids.project ?? "" },
    query: "?filename=street.png",
    body: "",
  },
  "POST /projects/:name/setParams": { params: { name: ids.project ?? "" }, body: {} },
  "POST /projects/:name/setSettings": { params: { name: ids.project ?? "" }, body: {} },
  "POST /projects/:name/setOntology": {
    params: { name: ids.project ?? "" },
    body: { ontology: ["cat"] },
  },
  "GET /projects/:name/taskTemplates": { params: { name: ids.project ?? "" } },
  "GET /batches/:name": { params: { name: ids.batch ?? "" } },
  "GET /batches/:name/status": { params: { name: ids.batch ?? "" } },
  "POST /batches/:name/finalize": { params: { name: ids.batch ?? "" } },
  "POST /batches/:name/setMetadata": { params: { name: ids.batch ?? "" }, body: { a: 1 } },
  "POST /batches/:name/prioritize": { params: { name: ids.batch ?? "" }, body: { priority: 20 } },
  "GET /studio/projects/:project/groups": { params: { project: ids.project ?? "" } },
  "POST /studio/projects/:project/groups": {
    params: { project: ids.project ?? "" },
    body: { name: "stolen" },
  },
  "PUT /studio/projects/:project/groups/:group": {
    params: { project: ids.project ?? "", group: ids.group ?? "" },
    body: { add_emails: [], remove_emails: [] },
  },
  "PUT /studio/batches/:batch": { params: { batch: ids.batch ?? "" }, body: { groups: [] } },
  "POST /task/:task_id/send_callback": { params: ids },
  "GET /task/:task_id/callbacks": { params: ids },
  "GET /exports/:id": { params: { id: ids.export_id ?? "" } },
  "GET /exports/:id/download": { params: { id: ids.export_id ?? "" } },
  "GET /imports/:id": { params: { id: ids.import_id ?? "" } },
  "GET /imports/:id/errors": { params: { id: ids.import_id ?? "" } },
  "GET /files/:id": { params: { id: ids.file_id ?? "" } },
});

/** Routes taking a name in their body or query: Acme's names must be unknown to Globex. */
const restBodyCases = () => [
  { method: "POST", path: "/batches", body: { project: ids.project, name: "b" } },
  {
    method: "POST",
    path: "/task/categorization",
    body: {
      project: ids.project,
      attachment_type: "text",
      attachment: "x",
      categories: ["a", "b"],
    },
  },
  {
    method: "POST",
    path: "/task/categorization",
    body: { batch: ids.batch, attachment_type: "text", attachment: "x", categories: ["a", "b"] },
  },
  {
    method: "POST",
    path: "/studio/batches/set_priorities",
    body: { batches: [{ name: ids.batch }] },
  },
];

describe("REST: another organization's ids and names are not found", () => {
  it("has a case for every route with a path parameter", () => {
    const withParams = restRoutes
      .filter((route) => pathParams(route).length > 0)
      .map((route) => `${route.method} ${route.path}`);
    expect(withParams.filter((name) => !(name in restCases()))).toEqual([]);
  });

  it.each(
    restRoutes
      .filter((route) => pathParams(route).length > 0)
      .map((route) => [`${route.method} ${route.path}`, route] as const),
  )("%s", async (name, route) => {
    const testCase = restCases()[name];
    if (!testCase) throw new Error(`no tenancy case for ${name}`);
    const globex = scaleClient(server.baseUrl, globexRestKey);
    const acme = scaleClient(server.baseUrl, acmeKey);
    const path = fillPath(route, testCase.params) + (testCase.query ?? "");
    const body = route.method === "GET" ? undefined : (testCase.body ?? {});
    const foreign = await globex.call(route.method, path, body);
    if (
      name === "POST /task/:type" ||
      name === "POST /evaluation_tasks/:type" ||
      name === "POST /training_tasks/:type"
    ) {
      // The path's parameter is a task type; Acme's project in the body is a bad reference.
      expect(foreign.status).toBe(400);
      expect(foreign.body.error).toBe('project: Project "acme project" not found.');
    } else {
      expect(foreign, name).toMatchObject({ status: 404, body: { status_code: 404 } });
      // The same request by the owner finds it (the case is not vacuous); reads only.
      if (route.method === "GET") expect((await acme.call("GET", path)).status, name).not.toBe(404);
    }
  });

  it("answers Acme's project and batch names in bodies as if they did not exist", async () => {
    const globex = scaleClient(server.baseUrl, globexRestKey);
    for (const { method, path, body } of restBodyCases()) {
      const foreign = await globex.call(method, path, body);
      const missing = await globex.call(
        method,
        path,
        JSON.parse(JSON.stringify(body).replaceAll("acme ", "missing ")),
      );
      expect(foreign.status, `${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(foreign.status).toBe(missing.status);
      expect(foreign.body.error.replaceAll("acme ", "missing ")).toBe(missing.body.error);
    }
  });

  it("never lists Acme's objects to Globex", async () => {
    const globex = scaleClient(server.baseUrl, globexRestKey);

    const everything = JSON.stringify([
      (await globex.get("/tasks")).body,
      (await globex.get(`/tasks?project=${encodeURIComponent(ids.project ?? "")}`)).body,
      (await globex.get("/projects")).body,
      (await globex.get("/batches")).body,
      (await globex.get("/imports")).body,
      (await globex.get("/teams")).body,
      (await globex.get("/studio/assignments")).body,
      (await globex.get("/studio/batches")).body,
    ]);
    for (const value of Object.values(ids)) expect(everything).not.toContain(value);
  });
});

// tRPC ---------------------------------------------------------------------------------------------

/** Input keys that hold an id or a name of some object. */
const ID_KEYS = new Set([
  "task_id",
  "task_ids",
  "name",
  "names",
  "id",
  "delivery_id",
  "assignment_id",
  "project",
  "batch",
  "project_id",
  "user_id",
  "grant_id",
  "attachment_url",
  "params",
  "token",
  "invitation_token",
  "email",
  "filters",
]);

type Property = { properties?: Record<string, unknown>; anyOf?: Property[]; oneOf?: Property[] };
const keysOf = (schema: Property): string[] => [
  ...Object.keys(schema.properties ?? {}),
  ...(schema.anyOf ?? schema.oneOf ?? []).flatMap(keysOf),
];

const procedures = Object.entries(
  (
    appRouter as unknown as {
      _def: { procedures: Record<string, { _def: { inputs: z.ZodType[] } }> };
    }
  )._def.procedures,
);

const takesAnId = ([, procedure]: (typeof procedures)[number]) =>
  procedure._def.inputs.some((input) =>
    keysOf(z.toJSONSchema(input, { io: "input", unrepresentable: "any" })).some((key) =>
      ID_KEYS.has(key),
    ),
  );

/** Procedures with an id-like input that are not organization data, and why. */
const EXEMPT: Record<string, string> = {
  "account.signUp": "invitation tokens are single-use bearer secrets, not organization data",
  "account.describeInvitation": "same: possession of the token is the authorization",
  "account.acceptInvitation": "same: possession of the token is the authorization",
  "admin.setWorkerRoles": "platform admins manage the instance-wide workforce",
  "workforce.grant": "platform admins manage the instance-wide workforce",
  "workforce.revoke": "platform admins manage the instance-wide workforce",
  "members.invite": "the email is the new member's address, not a lookup",
  "account.createOrganization": "the name is the new organization's own",
  "apiKeys.create": "the name is the new key's own label",
  "projects.create": "the name is the new project's own; names are per organization (REST case)",
  "tasks.create": "covered by tasks.createMany: the same service, one task",
  "work.next": "takes no id; the Tasker case below covers what it can reach",
  "work.heartbeat": "covered by the Tasker case below",
  "work.saveDraft": "covered by the Tasker case below",
  "work.submit": "covered by the Tasker case below",
  "work.skip": "covered by the Tasker case below",
  "work.release": "covered by the Tasker case below",
  "work.report": "covered by the Tasker case below",
  "work.review": "covered by the Tasker case below",
};

/** A list filtered by a foreign name: empty, never Acme's rows, reported as not found. */
const notListed = async (listed: Promise<unknown>) => {
  const text = JSON.stringify(await listed);
  for (const value of Object.values(ids)) expect(text).not.toContain(value);
  throw Object.assign(new Error("nothing listed"), { code: "NOT_FOUND" });
};

/** Globex's calls with Acme's ids; `member` cases run as Globex's signed-in owner, others with its key. */
const trpcCases = (): Record<string, { as: "key" | "member"; call: Call }> => {
  const task_id = ids.task_id ?? "";
  const key = (call: Call) => ({ as: "key" as const, call });
  const member = (call: Call) => ({ as: "member" as const, call });
  return {
    "apiKeys.revoke": member((api) => api.apiKeys.revoke({ id: ids.api_key_id ?? "" })),
    "members.setRoles": member((api) =>
      api.members.setRoles({ id: ids.user_id ?? "", roles: ["owner"] }),
    ),
    "members.remove": member((api) => api.members.remove({ id: ids.user_id ?? "" })),
    "members.revokeInvitation": member((api) =>
      api.members.revokeInvitation({ id: ids.invitation_id ?? "" }),
    ),
    "batches.create": key((api) => api.batches.create({ project: ids.project ?? "", name: "b" })),
    "batches.list": key((api) => notListed(api.batches.list({ project: ids.project ?? "" }))),
    "batches.get": key((api) => api.batches.get({ name: ids.batch ?? "" })),
    "batches.status": key((api) => api.batches.status({ name: ids.batch ?? "" })),
    "batches.finalize": key((api) => api.batches.finalize({ name: ids.batch ?? "" })),
    "batches.setMetadata": key((api) =>
      api.batches.setMetadata({ name: ids.batch ?? "", metadata: {} }),
    ),
    "batches.taskCounts": key(async (api) => {
      const counts = await api.batches.taskCounts({ names: [ids.batch ?? ""] });
      if (JSON.stringify(counts).includes('"total":1')) throw new Error("leaked counts");
      throw Object.assign(new Error("not found (empty counts)"), { code: "NOT_FOUND" });
    }),
    "callbacks.list": key((api) => api.callbacks.list({ task_id })),
    "callbacks.resend": key((api) => api.callbacks.resend({ task_id, wait_ms: 0 })),
    "callbacks.retry": key((api) => api.callbacks.retry({ delivery_id: ids.delivery_id ?? "" })),
    "exports.create": key(async (api) => {
      // An export filters Globex's own tasks: Acme's project name selects nothing, like any
      // unknown name (the job is Globex's and holds none of Acme's rows).
      const job = await api.exports.create({
        format: "jsonl",
        filters: { project: ids.project },
      });
      const rows = await db.prisma.exportJob.findUniqueOrThrow({ where: { id: job.id } });
      expect(rows.organizationId).not.toBe(
        (await db.prisma.project.findFirstOrThrow({ where: { name: ids.project } })).organizationId,
      );
      throw Object.assign(new Error("own job"), { code: "NOT_FOUND" });
    }),
    "exports.get": key((api) => api.exports.get({ id: ids.export_id ?? "" })),
    "imports.get": key((api) => api.imports.get({ id: ids.import_id ?? "" })),
    "imports.errors": key((api) => api.imports.errors({ id: ids.import_id ?? "" })),
    "files.get": key((api) => api.files.get({ id: ids.file_id ?? "" })),
    "files.signedUrl": key((api) =>
      api.files.signedUrl({ attachment_url: `taskforge://files/${ids.file_id}` }),
    ),
    "files.resolve": key(async (api) => {
      const resolved = await api.files.resolve({
        params: { attachment: `taskforge://files/${ids.file_id}` },
      });
      if (JSON.stringify(resolved).includes("signature=")) throw new Error("signed a foreign file");
      throw Object.assign(new Error("not resolved"), { code: "NOT_FOUND" });
    }),
    "projects.get": key((api) => api.projects.get({ name: ids.project ?? "" })),
    "projects.setParams": key((api) =>
      api.projects.setParams({ name: ids.project ?? "", patch: true, params: {} }),
    ),
    "projects.setSettings": key((api) =>
      api.projects.setSettings({ name: ids.project ?? "", work_settings: {} }),
    ),
    "projects.setOntology": key((api) =>
      api.projects.setOntology({ name: ids.project ?? "", ontology: ["cat"] }),
    ),
    "projects.taskTemplate": key((api) => api.projects.taskTemplate({ name: ids.project ?? "" })),
    "teams.setRole": key((api) =>
      api.teams.setRole({ emails: [ids.owner_email ?? ""], team_role: "labeler" }),
    ),
    "tasks.createMany": key(async (api) => {
      const result = await api.tasks.createMany({
        tasks: [
          {
            type: "categorization",
            project: ids.project,
            params: { attachment_type: "text", attachment: "x", categories: ["a", "b"] },
          },
        ],
      });
      // Bulk creation reports each task; Acme's project is an unknown reference, as in REST.
      expect(result).toMatchObject({
        created: 0,
        results: [{ ok: false, error: { error: 'project: Project "acme project" not found.' } }],
      });
      throw Object.assign(new Error("not created"), { code: "NOT_FOUND" });
    }),
    "tasks.createManyIds": key(async (api) => {
      const result = await api.tasks.createManyIds({
        tasks: [
          {
            type: "categorization",
            batch: ids.batch,
            params: { attachment_type: "text", attachment: "x", categories: ["a", "b"] },
          },
        ],
      });
      expect(result).toMatchObject({
        created: 0,
        results: [{ ok: false, error: { error: 'batch: Batch "acme batch" not found.' } }],
      });
      throw Object.assign(new Error("not created"), { code: "NOT_FOUND" });
    }),
    "tasks.get": key((api) => api.tasks.get({ task_id })),
    "tasks.getMany": key(async (api) => {
      const found = await api.tasks.getMany({ task_ids: [task_id] });
      expect(found).toEqual({ docs: [], not_found: [task_id] });
      throw Object.assign(new Error("not found"), { code: "NOT_FOUND" });
    }),
    "tasks.list": key(async (api) => {
      const page = await api.tasks.list({ project: ids.project });
      if (JSON.stringify(page).includes(task_id)) throw new Error("leaked a task");
      throw Object.assign(new Error("not listed"), { code: "NOT_FOUND" });
    }),
    "tasks.listLimited": key(async (api) => {
      const page = await api.tasks.listLimited({ project: ids.project });
      if (JSON.stringify(page).includes(task_id)) throw new Error("leaked a task");
      throw Object.assign(new Error("not listed"), { code: "NOT_FOUND" });
    }),
    "tasks.cancel": key((api) => api.tasks.cancel({ task_id })),
    "tasks.cancelMany": key(async (api) => {
      await api.tasks.cancelMany({ task_ids: [task_id] }).catch(() => null);
      const row = await db.prisma.task.findUniqueOrThrow({ where: { id: task_id } });
      if ((row as { status: string }).status !== "pending")
        throw new Error("canceled a foreign task");
      throw Object.assign(new Error("untouched"), { code: "NOT_FOUND" });
    }),
    "tasks.setMetadata": key((api) => api.tasks.setMetadata({ task_id, metadata: {} })),
    "tasks.setTags": key((api) => api.tasks.setTags({ task_id, tags: ["x"] })),
    "tasks.addTags": key((api) => api.tasks.addTags({ task_id, tags: ["x"] })),
    "tasks.addTagsMany": key(async (api) => {
      await api.tasks.addTagsMany({ task_ids: [task_id], tags: ["stolen"] }).catch(() => null);
      const row = await db.prisma.task.findFirstOrThrow({ where: { uniqueId: "acme-1" } });
      if (JSON.stringify(row).includes("stolen")) throw new Error("tagged a foreign task");
      throw Object.assign(new Error("untouched"), { code: "NOT_FOUND" });
    }),
    "tasks.removeTags": key((api) => api.tasks.removeTags({ task_id, tags: ["x"] })),
    "tasks.setUniqueId": key((api) => api.tasks.setUniqueId({ task_id, unique_id: "u" })),
    "tasks.clearUniqueId": key((api) => api.tasks.clearUniqueId({ task_id })),
    "tasks.audit": key((api) => api.tasks.audit({ task_id, accepted: true })),
    "tasks.fix": key((api) => api.tasks.fix({ task_id, response: {} })),
    "tasks.history": key((api) => api.tasks.history({ task_id })),
    "tasks.responseFile": key((api) =>
      api.tasks.responseFile({
        task_id: ids.completed_task_id ?? "",
        uuid: ids.response_uuid ?? "",
      }),
    ),
    "staffing.project": key((api) => api.staffing.project({ project: ids.project ?? "" })),
    "staffing.pick": key((api) =>
      api.staffing.pick({
        project: ids.project ?? "",
        user_id: ids.user_id ?? "",
        role: "annotate",
      }),
    ),
    "staffing.unpick": key((api) =>
      api.staffing.unpick({
        project: ids.project ?? "",
        user_id: ids.user_id ?? "",
        role: "annotate",
      }),
    ),
    "staffing.stuck": key((api) => api.staffing.stuck({ project: ids.project ?? "" })),
    "staffing.requeue": key((api) => api.staffing.requeue({ task_id })),
    "batches.prioritize": key((api) =>
      api.batches.prioritize({ name: ids.batch ?? "", priority: 20 }),
    ),
    "studio.addAssignments": key((api) =>
      api.studio.addAssignments({ emails: [ids.owner_email ?? ""], projects: [ids.project ?? ""] }),
    ),
    "studio.removeAssignments": key((api) =>
      api.studio.removeAssignments({
        emails: [ids.owner_email ?? ""],
        projects: [ids.project ?? ""],
      }),
    ),
    "studio.groups": key((api) => api.studio.groups({ project: ids.project ?? "" })),
    "studio.createGroup": key((api) =>
      api.studio.createGroup({ project: ids.project ?? "", name: "stolen" }),
    ),
    "studio.updateGroup": key((api) =>
      api.studio.updateGroup({ project: ids.project ?? "", group: ids.group ?? "" }),
    ),
    "studio.assignBatch": key((api) =>
      api.studio.assignBatch({ batch: ids.batch ?? "", groups: [] }),
    ),
    "studio.setPriorities": key((api) =>
      api.studio.setPriorities({ batches: [{ name: ids.batch ?? "" }] }),
    ),
  };
};

describe("tRPC: another organization's ids and names are not found", () => {
  it("has a case or a stated exemption for every procedure taking an id or name", () => {
    const missing = procedures
      .filter(takesAnId)
      .map(([name]) => name)
      .filter((name) => !(name in trpcCases()) && !(name in EXEMPT));
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(trpcCases()))("%s", async (name) => {
    const testCase = trpcCases()[name];
    if (!testCase) throw new Error(name);
    const api = testCase.as === "member" ? globexOwner : globexKey;
    await expect(testCase.call(api)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("a Tasker reaches only the projects they are allowed", () => {
  it("claims only from granted projects and cannot touch another Tasker's assignment", async () => {
    const scale = scaleClient(server.baseUrl, acmeKey);
    const allowed = await scale.post("/projects", { type: "categorization", name: "allowed" });
    const other = await scale.post("/projects", { type: "categorization", name: "not allowed" });
    const task = (project: string) =>
      scale.post("/task/categorization", {
        project,
        attachment_type: "text",
        attachment: project,
        categories: ["a", "b"],
      });
    for (let i = 0; i < 3; i++) await task("not allowed");
    const allowedTask = await task("allowed");
    const projectId = async (name: string) =>
      (await db.prisma.project.findFirstOrThrow({ where: { name } })).id;
    expect([allowed.status, other.status]).toEqual([200, 200]);
    // Both projects let the platform workforce in; only a grant decides which one a Tasker reaches.
    await db.prisma.project.updateMany({
      where: { name: { in: ["allowed", "not allowed"] } },
      data: { platformWorkforce: true },
    });
    const alice = await createWorker(db, ["tasker"], [{ projectId: await projectId("allowed") }]);
    const bob = await createWorker(
      db,
      ["tasker", "reviewer"],
      [{ projectId: await projectId("not allowed") }],
    );
    const aliceApi = workerCaller(db, alice);
    const bobApi = workerCaller(db, bob);

    const claimed = await aliceApi.work.next({ kind: "annotate" });
    expect(claimed?.task_id).toBe(allowedTask.body.task_id);
    const assignment_id = claimed?.assignment_id ?? "";
    await aliceApi.work.release({ assignment_id, kind: "annotate" }).catch(() => null);
    // Nothing else is reachable for Alice: the other project's tasks stay out of her queue.
    const again = await aliceApi.work.next({ kind: "annotate" });
    expect(again === null || again.task_id === allowedTask.body.task_id).toBe(true);
    const current = again?.assignment_id ?? assignment_id;

    for (const call of [
      () => bobApi.work.heartbeat({ assignment_id: current }),
      () => bobApi.work.saveDraft({ assignment_id: current, draft: {} }),
      () => bobApi.work.submit({ assignment_id: current, response: { category: "a" } }),
      () => bobApi.work.skip({ assignment_id: current, kind: "annotate" }),
      () => bobApi.work.release({ assignment_id: current, kind: "annotate" }),
      () => bobApi.work.report({ assignment_id: current, kind: "annotate", reason: "other" }),
      () => bobApi.work.review({ assignment_id: current, action: "accept" }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    // A Tasker is not an organization member: no organization data through the org procedures.
    await expect(aliceApi.tasks.get({ task_id: allowedTask.body.task_id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

// Last, since it gives Globex a project of the same name.
describe("names are per organization", () => {
  it("lets Globex create a project with Acme's project name, which stays Acme's own", async () => {
    const globex = scaleClient(server.baseUrl, globexRestKey);
    const created = await globex.post("/projects", {
      type: "categorization",
      name: "acme project",
    });
    expect(created.status).toBe(200);
    const acmeTasks = await scaleClient(server.baseUrl, acmeKey).get(
      `/tasks?project=${encodeURIComponent("acme project")}`,
    );
    expect(acmeTasks.body.docs.map((t: { task_id: string }) => t.task_id)).toContain(ids.task_id);
    expect((await globex.get("/tasks?project=acme%20project")).body.docs).toEqual([]);
  });
});
