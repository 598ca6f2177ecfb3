import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { config, useConfig } from "../../config";
import { callerFor, createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { scaleClient, startRestServer } from "../../test/rest-server";

let db: TestDatabase;
let acme: TestTenant;
let globex: TestTenant;
let server: Awaited<ReturnType<typeof startRestServer>>;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  globex = await createTenant(db, "Globex");
  server = await startRestServer({ db });
});
afterAll(async () => {
  await server.close();
  await db.close();
});

const authorization = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

/** POSTs a raw body to /v1/imports and returns the status and parsed JSON answer. */
const postImport = async (query: string, body: string, key = acme.live.key) => {
  const response = await fetch(`${server.baseUrl}/imports?${query}`, {
    method: "POST",
    headers: { authorization: authorization(key), "content-type": "application/x-ndjson" },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

const nested = (attachment: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: "categorization",
    instruction: "Big or small?",
    params: { attachment_type: "text", attachment, categories: ["big", "small"] },
    ...extra,
  });
// Scale's flat REST body: params at the top level, the type from the line or `?type=`.
const flat = (attachment: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    attachment_type: "text",
    attachment,
    categories: ["big", "small"],
    ...extra,
  });

const countTasks = (tenant: TestTenant, where: Record<string, unknown> = {}) =>
  db.prisma.task.count({ where: { organizationId: tenant.organizationId, ...where } });

describe("POST /v1/imports (JSONL)", () => {
  it("creates tasks from nested and flat lines, reporting bad lines by line number and field path", async () => {
    const file = [
      nested("car", { unique_id: "j-1" }),
      flat("bus", { type: "categorization", unique_id: "j-2", tags: ["flat"] }),
      "",
      flat("ant", { unique_id: "j-3" }), // type from ?type=
      "{not json",
      nested("whale", {
        params: { attachment_type: "text", attachment: "w", categories: ["one"] },
      }),
      "[1, 2]",
      flat("no type anywhere", { type: 7 }),
    ].join("\n");
    const { status, body } = await postImport(
      "format=jsonl&type=categorization&filename=a.jsonl",
      file,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      format: "jsonl",
      filename: "a.jsonl",
      default_type: "categorization",
      status: "completed",
      lines_read: 8,
      created_count: 3,
      duplicate_count: 0,
      failed_count: 4,
      bytes_read: Buffer.byteLength(file),
      error: null,
    });
    expect(body.finished_at).toEqual(expect.any(String));

    const scale = scaleClient(server.baseUrl, acme.live.key);
    const errors = await scale.get(`/imports/${body.id}/errors`);
    expect(errors.status).toBe(200);
    expect(errors.body.total).toBe(4);
    expect(errors.body.docs).toEqual([
      { line: 5, path: "", message: expect.stringMatching(/^is not valid JSON/) },
      { line: 6, path: "params.categories", message: "must have at least 2 categories" },
      { line: 7, path: "", message: expect.stringMatching(/must be a JSON object/) },
      { line: 8, path: "type", message: expect.any(String) },
    ]);

    const bus = await db.prisma.task.findFirstOrThrow({
      where: { organizationId: acme.organizationId, uniqueId: "j-2" },
    });
    expect(bus).toMatchObject({
      type: "categorization",
      tags: ["flat"],
      params: { attachment_type: "text", attachment: "bus", categories: ["big", "small"] },
    });

    const report = await fetch(`${server.baseUrl}/imports/${body.id}/errors?format=csv`, {
      headers: { authorization: authorization(acme.live.key) },
    });
    expect(report.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(report.headers.get("content-disposition")).toMatch(/attachment; filename=".+\.csv"/);
    const lines = (await report.text()).trim().split("\r\n");
    expect(lines[0]).toBe("line,path,message");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["5", "6", "7", "8"]);
    expect(lines[2]).toBe("6,params.categories,must have at least 2 categories");
  });

  it("counts lines whose unique_id already exists as duplicates: a re-run creates nothing", async () => {
    const file = Array.from({ length: 30 }, (_, i) => nested(`r${i}`, { unique_id: `rerun-${i}` }))
      .join("\n")
      .concat("\n");
    const first = await postImport("format=jsonl", file);
    expect(first.body).toMatchObject({ created_count: 30, duplicate_count: 0, failed_count: 0 });
    const before = await countTasks(acme);
    const again = await postImport("format=jsonl", file);
    expect(again.body).toMatchObject({
      status: "completed",
      created_count: 0,
      duplicate_count: 30,
      failed_count: 0,
    });
    expect(await countTasks(acme)).toBe(before);
    const errors = scaleClient(server.baseUrl, acme.live.key);
    expect((await errors.get(`/imports/${again.body.id}/errors`)).body.total).toBe(0);
  });
});

describe("POST /v1/imports (CSV)", () => {
  it("reads params.* columns and JSON cells like the dashboard, with line numbers after the header", async () => {
    const csv = [
      "type,instruction,params.attachment_type,params.attachment,params.categories,tags,metadata,unique_id",
      'categorization,Size?,text,lion,"[""big"",""small""]","a, b","{""k"":1}",c-1',
      'categorization,Size?,text,mouse,"[""big"",""small""]",,,c-2',
      'categorization,Size?,text,mole,"[""only""]",,,c-3',
      'categorization,Size?,text,mole,"[""big"",""small""]",,{bad,c-4',
      "",
    ].join("\n");
    const { status, body } = await postImport("format=csv&filename=t.csv", csv);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      format: "csv",
      status: "completed",
      created_count: 2,
      failed_count: 2,
      lines_read: 5,
    });
    const scale = scaleClient(server.baseUrl, acme.live.key);
    expect((await scale.get(`/imports/${body.id}/errors`)).body.docs).toEqual([
      { line: 4, path: "params.categories", message: "must have at least 2 categories" },
      { line: 5, path: "metadata", message: expect.stringMatching(/not valid JSON/) },
    ]);
    const lion = await db.prisma.task.findFirstOrThrow({
      where: { organizationId: acme.organizationId, uniqueId: "c-1" },
    });
    expect(lion).toMatchObject({
      instruction: "Size?",
      tags: ["a", "b"],
      metadata: { k: 1 },
      params: { attachment_type: "text", attachment: "lion", categories: ["big", "small"] },
    });
  });
});

/**
 * Sends `head` over a raw HTTP request and leaves it open until `whileOpen` has run, then cuts the
 * connection, the way a dropped client does.
 */
const interruptedUpload = async (path: string, head: string, whileOpen: () => Promise<void>) => {
  const url = new URL(`${server.baseUrl}${path}`);
  const request = httpRequest(url, {
    method: "POST",
    headers: { authorization: authorization(acme.live.key), "transfer-encoding": "chunked" },
  });
  request.on("error", () => undefined);
  request.write(head);
  await whileOpen();
  request.destroy();
};

const waitFor = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe("an interrupted import", () => {
  it("keeps whole chunks, shows progress while streaming, and a re-run completes the set without duplicates", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) =>
      nested(`cut-${i}`, { unique_id: `cut-${i}` }),
    );
    const file = `${lines.join("\n")}\n`;
    const jobId = randomUUID();
    const scale = scaleClient(server.baseUrl, acme.live.key);
    // 2,500 lines: two chunks of 1,000 are stored, the third waits for lines that never come.
    await interruptedUpload(
      `/imports?format=jsonl&job_id=${jobId}`,
      `${lines.slice(0, 2500).join("\n")}\n`,
      async () => {
        const running = await waitFor(
          () => scale.get(`/imports/${jobId}`),
          (r) => r.status === 200 && r.body.created_count === 2000,
        );
        expect(running.body).toMatchObject({ status: "running", lines_read: 2000 });
        expect(running.body.bytes_read).toBeGreaterThan(0);
        const listed = await scale.get("/imports");
        expect(listed.body.map((job: { id: string }) => job.id)).toContain(jobId);
      },
    );
    const failed = await waitFor(
      () => scale.get(`/imports/${jobId}`),
      (r) => r.body.status !== "running",
    );
    expect(failed.body).toMatchObject({ status: "failed", created_count: 2000 });
    expect(failed.body.error).toEqual(expect.any(String));
    const cut = { uniqueId: { startsWith: "cut-" } };
    expect(await countTasks(acme, cut)).toBe(2000);

    const rerun = await postImport("format=jsonl", file);
    expect(rerun.body).toMatchObject({
      status: "completed",
      created_count: 1000,
      duplicate_count: 2000,
      failed_count: 0,
      lines_read: 3000,
    });
    expect(await countTasks(acme, cut)).toBe(3000);
  });

  it("refuses a job_id already in use", async () => {
    const jobId = randomUUID();
    expect((await postImport(`job_id=${jobId}`, nested("x1"))).status).toBe(200);
    const again = await postImport(`job_id=${jobId}`, nested("x2"));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/job_id/);
  });

  it("answers another organization's or world's job_id as not found, never as a conflict", async () => {
    const jobId = randomUUID();
    expect((await postImport(`job_id=${jobId}`, nested("y1"))).status).toBe(200);
    for (const key of [globex.live.key, acme.test.key]) {
      for (const query of [`job_id=${jobId}`, `job_id=${jobId}&resume=true`]) {
        const { status, body } = await postImport(query, nested("y2"), key);
        expect(status, query).toBe(404);
        expect(body.error, query).not.toMatch(/already exists|completed/);
      }
    }
  });
});

describe("scoping", () => {
  it("hides a job and its errors from another organization and from the other world", async () => {
    const { body } = await postImport("format=jsonl", "{oops");
    const globexRest = scaleClient(server.baseUrl, globex.live.key);
    expect((await globexRest.get(`/imports/${body.id}`)).status).toBe(404);
    expect((await globexRest.get(`/imports/${body.id}/errors`)).status).toBe(404);
    expect((await globexRest.get("/imports")).body).toEqual([]);
    const testWorld = scaleClient(server.baseUrl, acme.test.key);
    expect((await testWorld.get(`/imports/${body.id}`)).status).toBe(404);

    await expect(callerFor(db, globex.live).imports.get({ id: body.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      callerFor(db, acme.live).imports.errors({ id: body.id, limit: 10, offset: 0 }),
    ).resolves.toMatchObject({ total: 1, docs: [{ line: 1, path: "" }] });
    const [latest] = await callerFor(db, acme.live).imports.list({ limit: 1 });
    expect(latest?.id).toBe(body.id);
  });

  it("refuses an upload over the byte limit with 413 and marks the job failed", async () => {
    const small = await startRestServer({ db });
    useConfig({ ...config(), TASKFORGE_MAX_IMPORT_BYTES: 100 });
    try {
      const jobId = randomUUID();
      const response = await fetch(`${small.baseUrl}/imports?job_id=${jobId}`, {
        method: "POST",
        headers: { authorization: authorization(acme.live.key) },
        body: `${nested("a")}\n${nested("b")}\n`,
      });
      expect(response.status).toBe(413);
      const job = await callerFor(db, acme.live).imports.get({ id: jobId });
      expect(job).toMatchObject({ status: "failed", created_count: 0 });
      expect(job.error).toMatch(/TASKFORGE_MAX_IMPORT_BYTES/);
    } finally {
      useConfig(undefined);
      await small.close();
    }
  });
});
