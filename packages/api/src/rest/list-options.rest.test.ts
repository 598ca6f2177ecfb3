import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";
import { scaleClient, startRestServer } from "../test/rest-server";

let db: TestDatabase;
let acme: TestTenant;
let server: Awaited<ReturnType<typeof startRestServer>>;
let scale: ReturnType<typeof scaleClient>;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  server = await startRestServer({ db });
  scale = scaleClient(server.baseUrl, acme.live.key);
});
afterAll(async () => {
  await server.close();
  await db.close();
});

const categorization = (attachment: string, project: string) => ({
  project,
  instruction: "Which animal?",
  attachment_type: "image",
  attachment,
  categories: ["cat", "dog"],
  metadata: { source: "list-options" },
});

describe("GET /v1/tasks options", () => {
  let fileId: string;
  beforeAll(async () => {
    await scale.post("/projects", { type: "categorization", name: "listing" });
    fileId = (
      await db.prisma.file.create({
        data: {
          organizationId: acme.organizationId,
          storageKey: "k",
          filename: "cat.png",
          mimeType: "image/png",
          sizeBytes: 1n,
          sha256: "0".repeat(64),
        },
      })
    ).id;
    for (const attachment of [`taskforge://files/${fileId}`, "https://example.com/dog.png"]) {
      expect(
        (await scale.post("/task/categorization", categorization(attachment, "listing"))).status,
      ).toBe(200);
    }
  });

  it("include_attachment_url (as Python's get_tasks sends it) adds a readable attachment_url", async () => {
    const { status, body } = await scale.get("/tasks?project=listing&include_attachment_url=True");
    expect(status).toBe(200);
    const [web, uploaded] = body.docs;
    expect(web.attachment_url).toBe("https://example.com/dog.png");
    expect(uploaded.params.attachment).toBe(`taskforge://files/${fileId}`);
    expect(uploaded.attachment_url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:\\d+/files/${fileId}\\?expires=\\d+&signature=`),
    );
    const plain = await scale.get("/tasks?project=listing");
    expect(plain.body.docs[0]).not.toHaveProperty("attachment_url");
  });

  it("limited_response keeps task_id, status, metadata and project, with the whole envelope", async () => {
    const { status, body } = await scale.get(
      "/tasks?project=listing&limited_response=true&limit=1",
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 2, limit: 1, offset: 0, has_more: true });
    expect(typeof body.next_token).toBe("string");
    expect(Object.keys(body.docs[0]).sort()).toEqual(["metadata", "project", "status", "task_id"]);
    expect(body.docs[0]).toMatchObject({
      status: "pending",
      project: "listing",
      metadata: { source: "list-options" },
    });
    const next = await scale.get(
      `/tasks?project=listing&limited_response=true&limit=1&next_token=${body.next_token}`,
    );
    expect(next.body).toMatchObject({ has_more: false, docs: [{ status: "pending" }] });
  });

  it("names a malformed flag", async () => {
    const { status, body } = await scale.get(
      "/tasks?limited_response=maybe&include_attachment_url=2",
    );
    expect(status).toBe(400);
    expect(body.error).toContain("include_attachment_url");
  });
});

describe("GET /v1/batches date filters", () => {
  beforeAll(async () => {
    await scale.post("/projects", { type: "categorization", name: "batched" });
    for (const name of ["march-2", "march-10", "open"]) {
      await scale.post("/batches", { project: "batched", name, callback: "", metadata: {} });
    }
    const { body: task } = await scale.post("/task/categorization", {
      ...categorization("https://example.com/a.png", "batched"),
      batch: "march-10",
    });
    await db.prisma.audit.create({
      data: {
        taskId: task.task_id,
        auditedBy: "customer@example.com",
        auditedAt: new Date("2026-03-11T08:00:00Z"),
        result: "accepted",
        source: "customer",
      },
    });
    // After the task: adding a task reopens a batch.
    const completed = { "march-2": "2026-03-02T12:00:00Z", "march-10": "2026-03-10T12:00:00Z" };
    for (const [name, at] of Object.entries(completed)) {
      await db.prisma.batch.updateMany({
        where: { name, organizationId: acme.organizationId },
        data: { status: "completed", completedAt: new Date(at) },
      });
    }
  });

  const names = async (query: string) => {
    const { status, body } = await scale.get(`/batches?project=batched&${query}`);
    expect(status).toBe(200);
    expect(body.total).toBe(body.docs.length);
    return (body.docs as { name: string }[]).map((batch) => batch.name).sort();
  };

  it("filters on completion time, both ends inclusive, leaving open batches out", async () => {
    expect(await names("completed_after=2026-03-01")).toEqual(["march-10", "march-2"]);
    expect(await names("completed_after=2026-03-05")).toEqual(["march-10"]);
    expect(await names("completed_before=2026-03-05T00:00:00.000000")).toEqual(["march-2"]);
    expect(
      await names("completed_after=2026-03-02T12:00:00Z&completed_before=2026-03-10T12:00:00Z"),
    ).toEqual(["march-10", "march-2"]);
  });

  it("filters on the times its tasks were audited", async () => {
    expect(await names("audited_after=2026-03-11")).toEqual(["march-10"]);
    expect(await names("audited_before=2026-03-11")).toEqual([]);
    expect(await names("audited_after=2026-03-12")).toEqual([]);
  });

  it("names a malformed date", async () => {
    const { status, body } = await scale.get("/batches?audited_before=yesterday");
    expect(status).toBe(400);
    expect(body.error).toContain("audited_before");
  });
});
