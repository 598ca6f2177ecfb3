import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";
import { scaleClient, startRestServer } from "../test/rest-server";
import { restRoutes } from "./routes";

let db: TestDatabase;
let acme: TestTenant;
let server: Awaited<ReturnType<typeof startRestServer>>;
let scale: ReturnType<typeof scaleClient>;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  server = await startRestServer({ db, bodyLimitBytes: 64 * 1024 });
  scale = scaleClient(server.baseUrl, acme.live.key);
});
afterAll(async () => {
  await server.close();
  await db.close();
});

const categorization = {
  instruction: "Is this company public or private?",
  attachment_type: "website",
  attachment: "https://www.google.com",
  categories: ["public", "private"],
};

describe("POST /v1/task/{type}", () => {
  it("creates from a flat body with 200 and the Scale task object", async () => {
    const { status, body } = await scale.post("/task/categorization", {
      ...categorization,
      callback_url: "http://www.example.com/callback",
      metadata: { source: "rest" },
      urgency: "standard",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      type: "categorization",
      status: "pending",
      params: {
        attachment_type: "website",
        attachment: "https://www.google.com",
        categories: ["public", "private"],
      },
      callback_url: "http://www.example.com/callback",
      callback_succeeded: false,
      metadata: { source: "rest" },
    });
    expect(body.params).not.toHaveProperty("urgency");
    expect(body).not.toHaveProperty("tags");
    expect(body).not.toHaveProperty("unique_id");
  });

  it("treats null options as absent (Ruby sends callback_url: null)", async () => {
    const { status, body } = await scale.post("/task/categorization", {
      ...categorization,
      callback_url: null,
    });
    expect(status).toBe(200);
    expect(body).not.toHaveProperty("callback_url");
  });

  it("refuses a missing attachment, an unknown type, 6 tags and malformed JSON with 400 naming the field", async () => {
    const missing = await scale.post("/task/categorization", {
      attachment_type: "text",
      categories: ["a", "b"],
    });
    expect(missing).toMatchObject({ status: 400, body: { status_code: 400 } });
    expect(missing.body.error).toContain("params.attachment");
    const unknown = await scale.post("/task/nonsense", categorization);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain("Supported types");
    const tags = await scale.post("/task/categorization", {
      ...categorization,
      tags: ["1", "2", "3", "4", "5", "6"],
    });
    expect(tags.status).toBe(400);
    expect(tags.body.error).toContain("tags");
    const malformed = await scale.post("/task/categorization", "{not json");
    expect(malformed).toMatchObject({ status: 400, body: { status_code: 400 } });
    expect(malformed.body.error).toContain("Malformed JSON");
  });

  it("answers 409 naming the task for a duplicate unique_id, and finds it by unique_id", async () => {
    const first = await scale.post("/task/categorization", {
      ...categorization,
      unique_id: "s3://bucket/file.png",
    });
    const second = await scale.post("/task/categorization", {
      ...categorization,
      unique_id: "s3://bucket/file.png",
    });
    expect(second).toEqual({
      status: 409,
      headers: expect.anything() as Headers,
      body: {
        status_code: 409,
        error: `The unique_id ("s3://bucket/file.png") is already used for a different task (${first.body.task_id}).`,
      },
    });
    const found = await scale.get(`/tasks?unique_id=${encodeURIComponent("s3://bucket/file.png")}`);
    expect(found.body.docs[0].task_id).toBe(first.body.task_id);
  });

  it("replays an Idempotency-Key and refuses it for another body", async () => {
    const headers = { "idempotency-key": "rest-1" };
    const first = await scale.post("/task/categorization", categorization, headers);
    const retry = await scale.post("/task/categorization", categorization, headers);
    expect(retry.body.task_id).toBe(first.body.task_id);
    const other = await scale.post(
      "/task/categorization",
      { ...categorization, attachment: "https://x.org" },
      headers,
    );
    expect(other.status).toBe(409);
  });

  it("refuses a body over the limit with 413", async () => {
    const { status, body } = await scale.post("/task/categorization", {
      ...categorization,
      metadata: { big: "x".repeat(70_000) },
    });
    expect(status).toBe(413);
    expect(body).toMatchObject({ status_code: 413 });
  });
});

describe("task endpoints", () => {
  it("retrieves, and answers 404 for unknown and foreign tasks and 401 for bad keys", async () => {
    const { body: task } = await scale.post("/task/categorization", categorization);
    expect((await scale.get(`/task/${task.task_id}`)).body).toEqual(task);
    expect(await scale.get(`/task/${"0".repeat(24)}`)).toMatchObject({
      status: 404,
      body: { status_code: 404, error: "Task with that ID not found." },
    });
    const globex = await createTenant(db, "Globex");
    const intruder = scaleClient(server.baseUrl, globex.live.key);
    expect((await intruder.get(`/task/${task.task_id}`)).status).toBe(404);
    expect((await intruder.post(`/task/${task.task_id}/cancel`)).status).toBe(404);
    const bad = await scaleClient(server.baseUrl, "dummy_api_key").get("/batches");
    expect(bad).toMatchObject({ status: 401, body: { status_code: 401 } });
    const none = await fetch(`${server.baseUrl}/tasks`);
    expect(none.status).toBe(401);
  });

  it("cancels with a bodiless JSON POST, frees the unique_id on request, and refuses completed tasks", async () => {
    const { body: task } = await scale.post("/task/categorization", {
      ...categorization,
      unique_id: "to-cancel",
    });
    const canceled = await scale.post(`/task/${task.task_id}/cancel?clear_unique_id=true`);
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe("canceled");
    expect(canceled.body).not.toHaveProperty("unique_id");
    expect((await scale.post(`/task/${task.task_id}/cancel`)).status).toBe(200);
    const { body: done } = await scale.post("/task/categorization", categorization);
    await db.prisma.task.update({
      where: { id: done.task_id },
      data: { status: "completed", response: { category: "public" } },
    });
    expect(await scale.post(`/task/${done.task_id}/cancel`)).toMatchObject({
      status: 400,
      body: { status_code: 400 },
    });
  });

  it("serves the task's history, oldest first, and 404 for another organization's task", async () => {
    const { body: task } = await scale.post("/task/categorization", categorization);
    await scale.post(`/task/${task.task_id}/cancel`);
    const history = await scale.get(`/task/${task.task_id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(["created", "canceled"]);
    expect(history.body[0]).toMatchObject({
      actor: expect.stringMatching(/^api_key:live_/),
      data: {},
    });
    const globex = await createTenant(db, "Globex-history");
    expect(
      (await scaleClient(server.baseUrl, globex.live.key).get(`/task/${task.task_id}/history`))
        .status,
    ).toBe(404);
  });

  it("serves one created event for a task from before created_by, read from its stored event", async () => {
    const { body: task } = await scale.post("/task/categorization", categorization);
    // As such a task was left: no created_by, its creation a task_events row.
    await db.prisma.task.update({ where: { id: task.task_id }, data: { createdBy: null } });
    await db.prisma.taskEvent.create({
      data: { taskId: task.task_id, type: "created", actor: "api_key:live_old" },
    });
    const history = await scale.get(`/task/${task.task_id}/history`);
    expect(history.body.map((e: { type: string; actor: string }) => [e.type, e.actor])).toEqual([
      ["created", "api_key:live_old"],
    ]);
  });

  it("stores setMetadata bodies as they are", async () => {
    const { body: task } = await scale.post("/task/categorization", categorization);
    const set = await scale.post(`/task/${task.task_id}/setMetadata`, {
      docs: { from: "node-sdk" },
    });
    expect(set.body.metadata).toEqual({ docs: { from: "node-sdk" } });
  });

  it("replaces, adds and removes tags with bare arrays, DELETE carrying a body", async () => {
    const { body: task } = await scale.post("/task/categorization", categorization);
    const path = `/task/${task.task_id}/tags`;
    expect((await scale.post(path, ["a", "b"])).body.tags).toEqual(["a", "b"]);
    expect((await scale.put(path, ["b", "c"])).body.tags).toEqual(["a", "b", "c"]);
    expect((await scale.delete(path, ["a", "zzz"])).body.tags).toEqual(["b", "c"]);
    const tooMany = await scale.put(path, ["d", "e", "f", "g"]);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toContain("at most 5 tags");
    expect((await scale.post(path, { not: "an array" })).status).toBe(400);
  });

  it("sets and clears unique_id; the key disappears when cleared", async () => {
    const { body: task } = await scale.post("/task/categorization", categorization);
    const set = await scale.post(`/task/${task.task_id}/unique_id`, { unique_id: "later-id" });
    expect(set.body.unique_id).toBe("later-id");
    const cleared = await scale.delete(`/task/${task.task_id}/unique_id`);
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty("unique_id");
  });

  it("audits: accept, reject for redo, and fix keeping the prior response", async () => {
    const make = async () => {
      const { body } = await scale.post("/task/categorization", categorization);
      await db.prisma.task.update({
        where: { id: body.task_id },
        data: { status: "completed", completedAt: new Date(), response: { category: "public" } },
      });
      return body.task_id as string;
    };
    const pendingTask = (await scale.post("/task/categorization", categorization)).body
      .task_id as string;
    expect((await scale.post(`/task/${pendingTask}/audit`, { accepted: true })).status).toBe(400);

    const accepted = await scale.post(`/task/${await make()}/audit`, {
      accepted: true,
      comments: "good",
    });
    expect(accepted.body).toMatchObject({
      customer_review_status: "accepted",
      customer_review_comments: ["good"],
      audits: [{ audit_result: "accepted", audit_source: "customer", comments: "good" }],
    });

    const rejected = await scale.post(`/task/${await make()}/audit`, {
      accepted: false,
      comments: "wrong",
    });
    expect(rejected.body).toMatchObject({
      status: "pending",
      times_redone: 1,
      customer_review_status: "rejected",
    });
    expect(rejected.body).not.toHaveProperty("completed_at");

    const fixId = await make();
    const badFix = await scale.post(`/task/${fixId}/audit`, { response: { category: "unlisted" } });
    expect(badFix.status).toBe(400);
    const fixed = await scale.post(`/task/${fixId}/audit`, {
      response: { category: "private" },
      comments: "fixed it",
    });
    expect(fixed.body).toMatchObject({
      response: { category: "private" },
      prior_responses: [{ category: "public" }],
      customer_review_status: "fixed",
      audits: [{ audit_result: "fixed" }],
    });
    expect((await scale.post(`/task/${fixId}/audit`, {})).status).toBe(400);
  });
});

describe("GET /v1/tasks", () => {
  it("always sends docs, total, limit, offset and has_more, and walks pages by next_token and by offset", async () => {
    for (let i = 0; i < 5; i++) {
      await scale.post("/task/categorization", {
        ...categorization,
        tags: ["paging"],
        metadata: { i },
      });
    }
    const first = await scale.get("/tasks?tags=paging&limit=2");
    expect(Object.keys(first.body).sort()).toEqual([
      "docs",
      "has_more",
      "limit",
      "next_token",
      "offset",
      "total",
    ]);
    expect(first.body).toMatchObject({ total: 5, limit: 2, offset: 0, has_more: true });
    const seen = [...first.body.docs.map((t: { task_id: string }) => t.task_id)];
    let token: string | undefined = first.body.next_token;
    while (token) {
      const page = await scale.get(
        `/tasks?tags=paging&limit=2&next_token=${encodeURIComponent(token)}`,
      );
      seen.push(...page.body.docs.map((t: { task_id: string }) => t.task_id));
      token = page.body.has_more ? page.body.next_token : undefined;
    }
    expect(new Set(seen).size).toBe(5);
    const last = await scale.get("/tasks?tags=paging&limit=2&offset=4");
    expect(last.body).toMatchObject({ offset: 4, has_more: false, total: 5 });
    expect(last.body.docs).toHaveLength(1);
  });

  it("parses repeated keys, comma lists, Python booleans, zone-less µs times, and ignores empty values", async () => {
    await scale.post("/task/categorization", { ...categorization, tags: ["x", "y"] });
    const query =
      "?callback_url&start_time=2020-01-01T00:00:00.000001&status=pending&tags=x&tags=y" +
      "&customer_review_status=pending,accepted&include_attachment_url=True&limited_response=false&type=categorization";
    const page = await scale.get(`/tasks${query}`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(1);
    expect((await scale.get("/tasks?limit=101")).status).toBe(400);
    expect((await scale.get("/tasks?start_time=yesterday")).body.error).toContain("start_time");
  });
});

describe("wire details", () => {
  it("answers unknown endpoints with a JSON 404 and wrong methods with a JSON 400", async () => {
    expect(await scale.get("/nowhere")).toMatchObject({ status: 404, body: { status_code: 404 } });
    expect(await scale.delete("/tasks")).toMatchObject({ status: 400, body: { status_code: 400 } });
  });

  it("serves an OpenAPI 3.1 document generated from the schemas", async () => {
    const response = await fetch(`${server.baseUrl}/openapi.json`);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, any>>;
    };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/task/categorization",
        "/task/{task_id}/tags",
        "/tasks",
        "/projects/{name}/setParams",
        "/batches/{name}/status",
      ]),
    );
    const create = document.paths["/task/categorization"]?.post;
    expect(create.requestBody.content["application/json"].schema.properties).toHaveProperty(
      "categories",
    );
    expect(Object.keys(document.paths["/task/{task_id}/tags"] ?? {}).sort()).toEqual([
      "delete",
      "post",
      "put",
    ]);
    // Every route the server answers is documented, and nothing else is.
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = restRoutes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(documented.sort()).toEqual([...new Set(served)].sort());
  });
});
