import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseAllowlist } from "../services/callbacks/ssrf";
import { claimExportJob, runExportJob } from "../services/exports";
import { configureFiles, createDiskStorage } from "../services/files";
import { createMember, createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";
import { pngBytes } from "../test/image-bytes";
import { scaleClient, startRestServer } from "../test/rest-server";
import { restRoutes } from "./handler";
import { operationDef } from "./operations";
import type { RestRoute } from "./route";

const routeName = (route: RestRoute) => `${route.method} ${route.path}`;

/** The operations a route can call: its own, and its alternate's. */
const operationsOf = (route: RestRoute) => [
  route.operation,
  ...(route.alternate ? [route.alternate.operation] : []),
];

describe("the operation table", () => {
  it("maps every REST route onto a procedure that declares its access, input and output", () => {
    const broken = restRoutes.flatMap((route) =>
      operationsOf(route).flatMap((operation) => {
        const def = operationDef(operation);
        if (!def) return [`${routeName(route)}: ${operation} is no procedure`];
        return [
          ...(def.meta?.access ? [] : [`${routeName(route)}: ${operation} declares no access`]),
          ...(def.inputs.length ? [] : [`${routeName(route)}: ${operation} has no input schema`]),
          ...(def.output ? [] : [`${routeName(route)}: ${operation} has no output schema`]),
        ];
      }),
    );
    expect(broken).toEqual([]);
  });

  it("knows no procedure by a name that is not one", () => {
    expect(operationDef("tasks.nope")).toBeNull();
    expect(operationDef("tasks")).toBeNull();
  });
});

// Every documented call, made as Scale's clients make it, must answer 200: the procedure's output
// schema is checked on every call, so an output that breaks its contract would answer 500 here.

const PNG = pngBytes(2, 2);

let db: TestDatabase;
let acme: TestTenant;
let dir: string;
let exportsDir: string;
let files: Server;
let filesBase: string;
let server: Awaited<ReturnType<typeof startRestServer>>;
let scale: ReturnType<typeof scaleClient>;
const ids: Record<string, string> = {};

const authorization = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

const send = (path: string, init: RequestInit, key = acme.live.key) =>
  fetch(`${server.baseUrl}${path}`, {
    ...init,
    headers: { authorization: authorization(key), ...init.headers },
  });

const categorization = {
  attachment_type: "text",
  attachment: "Is this public?",
  categories: ["public", "private"],
};

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  dir = await mkdtemp(join(tmpdir(), "taskforge-operations-"));
  exportsDir = await mkdtemp(join(tmpdir(), "taskforge-operations-exports-"));
  files = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "image/png" });
    res.end(PNG);
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  filesBase = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  configureFiles({
    storage: createDiskStorage(dir),
    maxBytes: 1024 * 1024,
    urlTtlSeconds: 600,
    importTimeoutMs: 5_000,
    importPolicy: parseAllowlist(["127.0.0.1"]),
  });
  server = await startRestServer({ db });
  scale = scaleClient(server.baseUrl, acme.live.key);

  const project = await scale.post("/projects", { type: "categorization", name: "contract" });
  expect(project.status).toBe(200);
  const images = await scale.post("/projects", {
    type: "imageannotation",
    name: "images",
    params: { geometries: { box: { objects_to_annotate: ["car"] } } },
  });
  expect(images.status).toBe(200);
  const batch = await scale.post("/batches", { project: "contract", name: "first" });
  expect(batch.status).toBe(200);
  const task = await scale.post("/task/categorization", {
    ...categorization,
    callback_url: "https://example.com/hook",
  });
  ids.task = task.body.task_id;
  // A test key's task completes at once: one to audit.
  const completed = await scaleClient(server.baseUrl, acme.test.key).post(
    "/task/categorization",
    categorization,
  );
  ids.completed = completed.body.task_id;
  ids.responseFile = String(completed.body.response_url).replace(/^\/v1/, "");
  const exported = await scale.post("/exports", { format: "jsonl" });
  ids.export = exported.body.id;
  const job = await claimExportJob(db.sql, 60_000);
  if (job) await runExportJob(db, job, { exportsDir });
  const imported = await send("/imports?format=jsonl&type=categorization", {
    method: "POST",
    body: `${JSON.stringify(categorization)}\n{oops\n`,
  });
  ids.import = ((await imported.json()) as { id: string }).id;
  const file = await scale.post("/files/import", { file_url: `${filesBase}/dot.png` });
  ids.file = file.body.id;
  ids.member = (await createMember(db, acme.organizationId, ["annotator"])).email;
  ids.labeler = (await createMember(db, acme.organizationId, ["annotator"])).email;
  expect((await scale.post("/studio/projects/contract/groups", { name: "crew" })).status).toBe(200);
});

afterAll(async () => {
  configureFiles(undefined);
  await server.close();
  await new Promise<void>((resolve) => files.close(() => resolve()));
  await db.close();
  await rm(dir, { recursive: true, force: true });
  await rm(exportsDir, { recursive: true, force: true });
});

/** A call with the live key, or the test key where the object lives in the test world. */
type Call = { path: string; body?: unknown; raw?: () => RequestInit; key?: "test" };

/** One call per route, keyed by method and path; a route without one fails the first test. */
const calls = (): Record<string, Call> => ({
  "GET /task/:task_id": { path: `/task/${ids.task}` },
  "GET /task/:task_id/history": { path: `/task/${ids.task}/history` },
  "GET /tasks": { path: "/tasks?limit=2&status=pending" },
  "POST /task/:task_id/setMetadata": { path: `/task/${ids.task}/setMetadata`, body: { k: 1 } },
  "POST /task/:task_id/tags": { path: `/task/${ids.task}/tags`, body: ["a", "b"] },
  "PUT /task/:task_id/tags": { path: `/task/${ids.task}/tags`, body: ["c"] },
  "DELETE /task/:task_id/tags": { path: `/task/${ids.task}/tags`, body: ["a"] },
  "POST /task/:task_id/unique_id": {
    path: `/task/${ids.task}/unique_id`,
    body: { unique_id: "u" },
  },
  "DELETE /task/:task_id/unique_id": { path: `/task/${ids.task}/unique_id` },
  "POST /task/:task_id/audit": {
    path: `/task/${ids.completed}/audit`,
    body: { accepted: true, comments: "fine" },
    key: "test",
  },
  "GET /task/:task_id/response_url/:uuid": { path: ids.responseFile ?? "", key: "test" },
  "POST /evaluation_tasks/:type": {
    path: "/evaluation_tasks/categorization",
    body: { ...categorization, project: "contract", expected_response: { category: "public" } },
  },
  "POST /training_tasks/:type": {
    path: "/training_tasks/categorization",
    body: { ...categorization, project: "contract", expected_response: { category: "private" } },
  },
  "POST /task/:task_id/send_callback": { path: `/task/${ids.task}/send_callback?wait_ms=0` },
  "GET /task/:task_id/callbacks": { path: `/task/${ids.task}/callbacks` },
  "POST /callbacks/replay": {
    path: "/callbacks/replay",
    body: { from: "2020-01-01", to: "2030-01-01" },
  },
  "POST /task/:task_id/cancel": { path: `/task/${ids.task}/cancel?clear_unique_id=true` },
  "POST /projects": {
    path: "/projects",
    body: { type: "categorization", name: "another", params: { categories: ["a", "b"] } },
  },
  "GET /projects": { path: "/projects" },
  "GET /projects/:name": { path: "/projects/contract" },
  "POST /projects/:name/media": {
    path: "/projects/images/media?filename=dot.png",
    raw: () => ({ body: PNG }),
  },
  "POST /projects/:name/setParams": {
    path: "/projects/contract/setParams",
    body: { patch: true, instruction: "Read it", categories: ["a", "b"] },
  },
  "POST /projects/:name/setSettings": {
    path: "/projects/contract/setSettings",
    body: { lease_seconds: 600 },
  },
  "POST /batches": { path: "/batches", body: { project: "contract", name: "second" } },
  "GET /batches": { path: "/batches" },
  "GET /batches/:name": { path: "/batches/first" },
  "GET /batches/:name/status": { path: "/batches/first/status" },
  "POST /batches/:name/finalize": { path: "/batches/first/finalize" },
  "POST /batches/:name/setMetadata": { path: "/batches/first/setMetadata", body: { k: 1 } },
  "POST /exports": { path: "/exports", body: { format: "csv", status: "completed" } },
  "GET /exports/:id": { path: `/exports/${ids.export}` },
  "GET /exports/:id/download": { path: `/exports/${ids.export}/download` },
  "POST /imports": {
    path: "/imports?format=jsonl&type=categorization",
    raw: () => ({ body: JSON.stringify(categorization) }),
  },
  "GET /imports": { path: "/imports" },
  "GET /imports/:id": { path: `/imports/${ids.import}` },
  "GET /imports/:id/errors": { path: `/imports/${ids.import}/errors?limit=10` },
  "POST /files/upload": {
    path: "/files/upload",
    raw: () => {
      const form = new FormData();
      form.append("file", new Blob([PNG], { type: "image/png" }), "dot.png");
      return { body: form };
    },
  },
  "POST /files/import": { path: "/files/import", body: { file_url: `${filesBase}/again.png` } },
  "GET /files/:id": { path: `/files/${ids.file}` },
  "POST /projects/:name/setOntology": {
    path: "/projects/contract/setOntology",
    body: { ontology: ["cat", { choice: "dog", subchoices: ["puppy"] }], name: "pets" },
  },
  "GET /projects/:name/taskTemplates": { path: "/projects/contract/taskTemplates" },
  "GET /teams": { path: "/teams" },
  "POST /teams/invite": {
    path: "/teams/invite",
    body: { emails: ["new@example.com"], team_role: "labeler" },
  },
  "POST /teams/set_role": {
    path: "/teams/set_role",
    body: { emails: [ids.member ?? ""], team_role: "manager" },
  },
  "POST /batches/:name/prioritize": { path: "/batches/first/prioritize", body: { priority: 20 } },
  "GET /studio/assignments": { path: "/studio/assignments" },
  "POST /studio/assignments/add": {
    path: "/studio/assignments/add",
    body: { emails: [ids.labeler ?? ""], projects: ["contract"] },
  },
  "POST /studio/assignments/remove": {
    path: "/studio/assignments/remove",
    body: { emails: [ids.labeler ?? ""], projects: ["contract"] },
  },
  "GET /studio/projects/:project/groups": { path: "/studio/projects/contract/groups" },
  "POST /studio/projects/:project/groups": {
    path: "/studio/projects/contract/groups",
    body: { emails: [ids.labeler ?? ""], name: "second crew" },
  },
  "PUT /studio/projects/:project/groups/:group": {
    path: "/studio/projects/contract/groups/crew",
    body: { add_emails: [ids.labeler ?? ""], remove_emails: [] },
  },
  "GET /studio/batches": { path: "/studio/batches" },
  "PUT /studio/batches/:batch": { path: "/studio/batches/first", body: { groups: ["crew"] } },
  "POST /studio/batches/set_priorities": {
    path: "/studio/batches/set_priorities",
    body: { batches: [{ name: "first" }] },
  },
  "POST /studio/batches/reset_priorities": { path: "/studio/batches/reset_priorities" },
});

/** Routes whose documented call is not a success: the catch-all for unsupported task types. */
const REFUSING = new Set(["POST /task/:type"]);

// The per-type create routes share one operation; one of them is called here for all.
const isCreateOfType = (route: RestRoute) =>
  route.method === "POST" && /^\/task\/[a-z]+$/.test(route.path);

describe("every documented call answers 200 with a body its output schema accepts", () => {
  it("has a call for every route", () => {
    const missing = restRoutes
      .filter((route) => !isCreateOfType(route) && !REFUSING.has(routeName(route)))
      .map(routeName)
      .filter((name) => !(name in calls()));
    expect(missing).toEqual([]);
  });

  it("creates a task (every per-type create route calls tasks.create)", async () => {
    const created = await scale.post("/task/categorization", categorization);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
  });

  it.each(Object.keys(calls()))("%s", async (name) => {
    const call = calls()[name] as Call;
    const method = name.split(" ")[0] as string;
    const response = await send(
      call.path,
      {
        method,
        ...(call.raw
          ? call.raw()
          : call.body !== undefined
            ? { body: JSON.stringify(call.body), headers: { "content-type": "application/json" } }
            : {}),
      },
      call.key === "test" ? acme.test.key : acme.live.key,
    );
    const text = await response.text();
    expect(response.status, text).toBe(200);
  });

  it("serves the CSV alternate of an import's errors", async () => {
    const response = await send(`/imports/${ids.import}/errors?format=csv`, { method: "GET" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("csv");
  });
});
