import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { MAX_JSON_DEPTH } from "@taskforge/schema";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { restRoutes } from "../rest/handler";
import type { DeclaredRestRoute as RestRoute } from "../rest/routes";
import { parseAllowlist } from "../services/callbacks/ssrf";
import { configureFiles, createDiskStorage } from "../services/files";
import { fuzzArbitrary, hostileSegment } from "../test/fuzz/arbitraries";
import { fillPath, pathParams, sendRaw, toQueryString, unnamedIssuePaths } from "../test/fuzz/http";
import type { RawResponse } from "../test/fuzz/http";
import { createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";
import { scaleClient, startRestServer } from "../test/rest-server";

/**
 * Bad input against every `/v1` endpoint: generated requests (fast-check, shaped by each route's zod
 * schemas with hostile values swapped in) and hand-written hostile ones. Every answer is JSON; a
 * refusal is a 4xx naming the fields, never a 500; a refused request leaves every table as it was;
 * the server keeps answering. TASKFORGE_LONG_TESTS=1 runs many more generated cases.
 */

const LONG = process.env.TASKFORGE_LONG_TESTS === "1";
const RUNS_PER_ROUTE = LONG ? 300 : 12;

let db: TestDatabase;
let acme: TestTenant;
let server: Awaited<ReturnType<typeof startRestServer>>;
let scale: ReturnType<typeof scaleClient>;
let filesDir: string;
const valid: Record<string, string[]> = {};

// Tables whose rows a refused request may legitimately touch: the rate limiter's buckets.
const BOOKKEEPING = new Set(["rate_limit_buckets", "_prisma_migrations"]);
let tables: string[] = [];

const rowCounts = async (): Promise<Record<string, number>> => {
  const rows = await db.sql.query<{ name: string; count: string | number }>(
    tables.map((t) => `SELECT '${t}' AS name, count(*) AS count FROM "${t}"`).join(" UNION ALL "),
  );
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.count)]));
};

const send = (
  method: string,
  path: string,
  body?: string | Uint8Array,
  headers?: Record<string, string>,
) => sendRaw(server.baseUrl, acme.live.key, method, path, body, headers);

/** What every answer must be: JSON, never a 5xx, and a 4xx carries its own status and names its fields. */
const expectWellFormed = (response: RawResponse, what: string) => {
  const context = `${what} -> ${response.status} ${response.text.slice(0, 400)}`;
  expect(response.status, context).toBeLessThan(500);
  // Node's HTTP parser refuses an oversized URL or header block before any handler runs.
  if (response.status === 431 || response.status === 414) return;
  // A completed export's download is the file itself, and import errors asked for as CSV are CSV.
  if (response.status === 200 && (what.includes("/download") || /[?&]format=csv\b/.test(what)))
    return;
  expect(response.contentType, context).toContain("application/json");
  expect(response.json, context).toBeDefined();
  if (response.status >= 400) {
    expect(response.json, context).toMatchObject({
      status_code: response.status,
      error: expect.stringMatching(/\S/),
    });
    expect(unnamedIssuePaths(response.json), context).toEqual([]);
  }
};

/** Sends a request and checks it is answered well and, when refused, changed nothing. */
const probe = async (
  method: string,
  path: string,
  body?: string | Uint8Array,
  headers?: Record<string, string>,
): Promise<RawResponse> => {
  const before = await rowCounts();
  const response = await send(method, path, body, headers);
  const what = `${method} ${path.slice(0, 200)} ${typeof body === "string" ? body.slice(0, 300) : ""}`;
  expectWellFormed(response, what);
  if (response.status >= 400) expect(await rowCounts(), `${what} stored something`).toEqual(before);
  expect(({} as Record<string, unknown>).polluted, `${what} polluted Object.prototype`).toBe(
    undefined,
  );
  return response;
};

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  filesDir = await mkdtemp(join(tmpdir(), "taskforge-fuzz-files-"));
  configureFiles({
    storage: createDiskStorage(filesDir),
    maxBytes: 1024 * 1024,
    urlTtlSeconds: 600,
    importTimeoutMs: 1_000,
    importPolicy: parseAllowlist([]),
  });
  server = await startRestServer({ db });
  scale = scaleClient(server.baseUrl, acme.live.key);

  // Real objects, so that generated requests also reach the code behind a successful lookup.
  const project = await scale.post("/projects", { type: "categorization", name: "fuzz project" });
  const batch = await scale.post("/batches", { project: "fuzz project", name: "fuzz batch" });
  const task = await scale.post("/task/categorization", {
    project: "fuzz project",
    attachment_type: "text",
    attachment: "a car",
    categories: ["big", "small"],
    unique_id: "fuzz-1",
  });
  const exported = await scale.post("/exports", { format: "jsonl" });
  expect([project.status, batch.status, task.status, exported.status]).toEqual([
    200, 200, 200, 200,
  ]);
  const imported = await sendRaw(
    server.baseUrl,
    acme.live.key,
    "POST",
    "/imports?format=jsonl",
    '{"type":"categorization","params":{"attachment_type":"text","attachment":"x","categories":["a","b"]}}\n',
    { "content-type": "application/x-ndjson" },
  );
  const form = new FormData();
  form.append("file", new Blob([Buffer.from("hello")], { type: "text/plain" }), "hello.txt");
  const uploaded = await fetch(`${server.baseUrl}/files/upload`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${acme.live.key}:`).toString("base64")}` },
    body: form,
  });
  const file = (await uploaded.json()) as { id?: string };
  Object.assign(valid, {
    name: ["fuzz project", "fuzz batch"],
    task_id: [task.body.task_id as string],
    type: ["categorization"],
    id: [
      exported.body.id as string,
      ((imported.json ?? {}) as { id?: string }).id ?? "x",
      file.id ?? "x",
    ],
  });

  tables = (
    await db.sql.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    )
  )
    .map((r) => r.table_name)
    .filter((t) => !BOOKKEEPING.has(t))
    .sort();
});

afterAll(async () => {
  configureFiles(undefined);
  await server?.close();
  await db?.close();
  await rm(filesDir, { recursive: true, force: true });
});

const routeName = (route: RestRoute) => `${route.method} ${route.path}`;

/** A generated request for one route: its path parameters, query and body. */
const requestFor = (route: RestRoute) =>
  fc.record({
    params: fc.record(
      Object.fromEntries(
        pathParams(route).map((name) => [
          name,
          fc.oneof(fc.constantFrom(...(valid[name] ?? ["x"])), hostileSegment),
        ]),
      ),
    ),
    query: route.query ? fuzzArbitrary(route.query) : fc.constant(undefined),
    body:
      route.method === "GET"
        ? fc.constant(undefined)
        : route.rawBody
          ? fc.oneof(
              fc.string({ unit: "binary", maxLength: 200 }),
              fc.jsonValue().map((v) => JSON.stringify(v)),
            )
          : fuzzArbitrary(route.body ?? route.input).map((v) => JSON.stringify(v)),
  });

describe("generated bad input against every /v1 endpoint", () => {
  it.each(restRoutes.map((route) => [routeName(route), route] as const))(
    "%s",
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(requestFor(route), async ({ params, query, body }) => {
          await probe(
            route.method,
            `${fillPath(route, params)}${toQueryString(query)}`,
            typeof body === "string" ? body : undefined,
          );
        }),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    },
    LONG ? 600_000 : 120_000,
  );
});

const categorization = {
  project: "fuzz project",
  attachment_type: "text",
  attachment: "a car",
  categories: ["big", "small"],
};

describe("hand-written hostile input", () => {
  it("refuses bodies past 10 MB with 413 and keeps nothing", async () => {
    const huge = JSON.stringify({ ...categorization, instruction: "x".repeat(10 * 1024 * 1024) });
    const response = await probe("POST", "/task/categorization", huge);
    expect(response.status).toBe(413);
    expect(response.json).toMatchObject({ error: expect.stringContaining("10 MB") });
  });

  it("answers malformed and invalid UTF-8 JSON with 400", async () => {
    for (const body of [
      Buffer.from([0x7b, 0xff, 0xfe, 0x22, 0x7d]),
      Buffer.from([0xc3, 0x28]),
      "{",
      '{"a":1,}',
      "[".repeat(100_000),
      "\u0000",
    ]) {
      const response = await probe("POST", "/task/categorization", body);
      expect(response.status).toBe(400);
    }
  });

  it("answers wrong types with 400 naming each field", async () => {
    const response = await probe(
      "POST",
      "/task/categorization",
      JSON.stringify({
        ...categorization,
        categories: "big",
        metadata: [],
        tags: 7,
        unique_id: {},
      }),
    );
    expect(response.status).toBe(400);
    const error = (response.json as { error: string }).error;
    for (const field of ["categories", "metadata", "tags", "unique_id"])
      expect(error).toContain(field);
  });

  it("refuses NUL characters and lone surrogates in text and metadata with 400 naming the field", async () => {
    for (const [field, value] of [
      ["instruction", "before\u0000after"],
      ["unique_id", "nul\u0000"],
      ["metadata", { note: "nul\u0000" }],
      ["metadata", { "key\u0000": 1 }],
      ["metadata", { note: "\ud800" }],
      ["instruction", "lone \udfff"],
    ] as const) {
      const response = await probe(
        "POST",
        "/task/categorization",
        JSON.stringify({ ...categorization, [field]: value }),
      );
      expect(response.status, `${field}: ${JSON.stringify(value)}`).toBe(400);
      expect((response.json as { error: string }).error).toContain(field);
    }
  });

  it("refuses JSON nested past MAX_JSON_DEPTH with 400 naming the field, and keeps shallower JSON", async () => {
    // The body is level 1 and metadata level 2, so `levels` more objects inside it reach 2 + levels.
    const nested = (levels: number) =>
      `{"instruction":"deep","attachment_type":"text","attachment":"x","categories":["a","b"],"metadata":{"deep":${'{"a":'.repeat(levels)}1${"}".repeat(levels)}}}`;
    const deepest = await probe("POST", "/task/categorization", nested(MAX_JSON_DEPTH - 2));
    expect(deepest.status).toBe(200);
    const read = await send("GET", `/task/${(deepest.json as { task_id: string }).task_id}`);
    expect(read.status).toBe(200);
    for (const levels of [MAX_JSON_DEPTH - 1, 4_000, 100_000]) {
      const response = await probe("POST", "/task/categorization", nested(levels));
      expect(response.status, `${levels} levels`).toBe(400);
      const error = (response.json as { error: string }).error;
      expect(error).toContain(`at most ${MAX_JSON_DEPTH} levels`);
      expect(error).toMatch(/metadata\.deep(\.a)+/);
    }
    // Arrays count as levels too, in any field.
    const arrays = `{"instruction":"deep","attachment_type":"text","attachment":"x","categories":["a","b"],"metadata":{"list":${"[".repeat(4_000)}${"]".repeat(4_000)}}}`;
    const refused = await probe("POST", "/task/categorization", arrays);
    expect(refused.status).toBe(400);
    expect((refused.json as { error: string }).error).toMatch(
      /metadata\.list(\[0\])+: is nested too deeply/,
    );
  });

  it("stores injection attempts verbatim and reads them back unchanged", async () => {
    const hostileText = [
      "'; DROP TABLE tasks; --",
      "<script>alert(document.cookie)</script>",
      "[click](javascript:alert(1)) <img src=x onerror=alert(1)>",
      "$1 %s %n {{7*7}} ${process.env}",
    ];
    for (const text of hostileText) {
      const created = await probe(
        "POST",
        "/task/categorization",
        JSON.stringify({
          // No project: the fuzzing above may have given the project an instruction of its own.
          ...categorization,
          project: undefined,
          instruction: text,
          metadata: { [text]: text, nested: { text } },
          tags: [text.slice(0, 30)],
        }),
      );
      expect(created.status).toBe(200);
      const task = created.json as { task_id: string };
      const read = await scale.get(`/task/${task.task_id}`);
      expect(read.body).toMatchObject({
        instruction: text,
        metadata: { [text]: text, nested: { text } },
      });
    }
    const counted = await db.sql.query<{ n: string | number }>("SELECT count(*) AS n FROM tasks");
    expect(Number(counted[0]?.n)).toBeGreaterThan(hostileText.length);
  });

  it("refuses __proto__ keys naming them, and pollutes no prototype", async () => {
    const created = await probe(
      "POST",
      "/task/categorization",
      `{"instruction":"p","attachment_type":"text","attachment":"x","categories":["a","b"],"metadata":{"ok":1,"__proto__":{"polluted":true}}}`,
    );
    expect(created.status).toBe(400);
    expect((created.json as { error: string }).error).toContain("metadata.__proto__");
    const topLevel = await probe(
      "POST",
      "/task/categorization",
      `{"instruction":"p","attachment_type":"text","attachment":"x","categories":["a","b"],"__proto__":{"polluted":true}}`,
    );
    expect(topLevel.status).toBe(400);
    // Own keys named like prototype plumbing are plain data.
    const harmless = await probe(
      "POST",
      "/task/categorization",
      JSON.stringify({
        ...categorization,
        metadata: { constructor: { prototype: { polluted: true } } },
      }),
    );
    expect(harmless.status).toBe(200);
    const read = await scale.get(`/task/${(harmless.json as { task_id: string }).task_id}`);
    expect(read.body.metadata).toEqual({ constructor: { prototype: { polluted: true } } });
    const batch = await probe("POST", "/batches/fuzz%20batch/setMetadata", '{"__proto__":{"x":1}}');
    expect(batch.status).toBe(400);
  });

  it("keeps path traversal in names and file names inside their place", async () => {
    for (const name of ["../../etc/passwd", "a/../../b", "..\\..\\win.ini", "%2e%2e"]) {
      const created = await probe(
        "POST",
        "/projects",
        JSON.stringify({ type: "categorization", name }),
      );
      expect(created.status).toBe(200);
      const read = await probe("GET", `/projects/${encodeURIComponent(name)}`);
      expect(read.json).toMatchObject({ name });
    }
    // A URL cannot address a segment that is "." or "..", so no name may be one.
    for (const name of [".", ".."]) {
      const refused = await probe(
        "POST",
        "/projects",
        JSON.stringify({ type: "categorization", name }),
      );
      expect(refused.status).toBe(400);
      expect((refused.json as { error: string }).error).toContain("name");
    }
    const form = new FormData();
    form.append(
      "file",
      new Blob([Buffer.from("x")], { type: "text/plain" }),
      "../../../../tmp/escaped.txt",
    );
    const uploaded = await fetch(`${server.baseUrl}/files/upload`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${acme.live.key}:`).toString("base64")}` },
      body: form,
    });
    expect(uploaded.status).toBeLessThan(500);
    const inside = await readdir(filesDir, { recursive: true });
    expect(inside.some((entry) => entry.includes("escaped"))).toBe(false);
    const parent = await readdir(join(filesDir, ".."));
    expect(parent).not.toContain("escaped.txt");
  });

  it("keeps answering after all of it", async () => {
    const listed = await scale.get("/tasks?limit=1");
    expect(listed.status).toBe(200);
  });
});
