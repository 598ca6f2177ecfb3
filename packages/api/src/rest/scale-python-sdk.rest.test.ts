import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseAllowlist } from "../services/callbacks/ssrf";
import { configureFiles, createDiskStorage } from "../services/files";
import { createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";
import { scaleClient, startRestServer } from "../test/rest-server";

/**
 * The test suite of Scale's Python SDK (`tests/test_client.py` of scaleapi 2.x), replayed as the
 * SDK sends its requests: the same paths, query strings and bodies, with a test-mode key, in the
 * suite's order (its module set-up creates the project first). Each case names the SDK test it
 * stands for and checks what that test checks, through the status codes the SDK turns into its
 * exceptions (400 ScaleInvalidRequest, 401 ScaleUnauthorized, 404 ScaleResourceNotFound,
 * 409 ScaleDuplicateResource). The one test that downloads from the internet imports from a local
 * server instead. Not here yet: the `transcription` and `datacollection` cases (no such types).
 */

const PROJECT = "scaleapi-python-sdk";
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==",
  "base64",
);

let db: TestDatabase;
let acme: TestTenant;
let server: Awaited<ReturnType<typeof startRestServer>>;
let client: ReturnType<typeof scaleClient>;
let files: string;
let origin: Server;
let originUrl: string;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "SDK");
  files = await mkdtemp(join(tmpdir(), "taskforge-sdk-"));
  origin = createServer((_, res) => {
    res.writeHead(200, { "content-type": "image/png", "content-length": PNG.length });
    res.end(PNG);
  });
  await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
  configureFiles({
    storage: createDiskStorage(files),
    maxBytes: 1024 * 1024,
    urlTtlSeconds: 600,
    importTimeoutMs: 5_000,
    importPolicy: parseAllowlist(["127.0.0.1"]),
  });
  server = await startRestServer({ db });
  client = scaleClient(server.baseUrl, acme.test.key);
  // Module set-up: get_project, and create_project(name, TaskType.ImageAnnotation) when missing.
  expect((await client.get(`/projects/${PROJECT}`)).status).toBe(404);
  const created = await client.post("/projects", {
    type: "imageannotation",
    name: PROJECT,
    rapid: false,
    studio: false,
    params: null,
    datasetId: null,
  });
  expect(created.status).toBe(200);
});
afterAll(async () => {
  configureFiles(undefined);
  await server.close();
  await new Promise<void>((resolve) => origin.close(() => resolve()));
  await db.close();
  await rm(files, { recursive: true, force: true });
});

const makeATask = async (uniqueId?: string, batch?: string) => {
  const created = await client.post("/task/imageannotation", {
    callback_url: "http://www.example.com/callback",
    instruction: "Draw a box around each baby cow and big cow.",
    attachment_type: "image",
    attachment: "http://i.imgur.com/v4cBreD.jpg",
    geometries: {
      box: { objects_to_annotate: ["Baby Cow", "Big Cow"], min_height: 10, min_width: 10 },
    },
    ...(uniqueId ? { unique_id: uniqueId } : {}),
    ...(batch ? { batch } : {}),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body;
};

const createABatch = async () => {
  // create_batch(project, batch_name, callback): the SDK's payload, defaults included.
  const created = await client.post("/batches", {
    project: PROJECT,
    name: randomUUID(),
    calibration_batch: false,
    self_label_batch: false,
    callback: "http://www.example.com/callback",
    metadata: {},
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return created.body;
};

describe("scaleapi's test_client.py", () => {
  it("test_invalidkey_fail", async () => {
    const stranger = scaleClient(server.baseUrl, "dummy_api_key");
    expect((await stranger.get("/batches?limit=1")).status).toBe(401);
  });

  it("test_unique_id_fail", async () => {
    const uniqueId = randomUUID();
    await makeATask(uniqueId);
    const again = await client.post("/task/imageannotation", {
      attachment_type: "image",
      attachment: "http://i.imgur.com/v4cBreD.jpg",
      geometries: { box: { objects_to_annotate: ["Baby Cow"] } },
      unique_id: uniqueId,
    });
    expect(again.status).toBe(409);
  });

  it("test_update_unique_id", async () => {
    const task = await makeATask(randomUUID());
    const fresh = randomUUID();
    const updated = await client.post(`/task/${task.task_id}/unique_id`, { unique_id: fresh });
    expect(updated.status).toBe(200);
    expect(updated.body.unique_id).toBe(fresh);
  });

  it("test_clear_unique_id", async () => {
    const task = await makeATask(randomUUID());
    const cleared = await client.delete(`/task/${task.task_id}/unique_id`);
    expect(cleared.status).toBe(200);
    expect("unique_id" in cleared.body).toBe(false);
  });

  it("test_set_metadata", async () => {
    const original = await makeATask(randomUUID());
    const updated = await client.post(`/task/${original.task_id}/setMetadata`, {
      myKey: "myValue",
    });
    expect(original.metadata).toEqual({});
    expect(updated.body.metadata).toEqual({ myKey: "myValue" });
  });

  it("test_task_set_metadata", async () => {
    const task = await makeATask(randomUUID());
    expect(task.metadata).toEqual({});
    await client.post(`/task/${task.task_id}/setMetadata`, { fromTaskKey: "fromTaskValue" });
    // task.refresh()
    expect((await client.get(`/task/${task.task_id}`)).body.metadata).toEqual({
      fromTaskKey: "fromTaskValue",
    });
  });

  it("test_categorize_ok", async () => {
    const created = await client.post("/task/categorization", {
      callback_url: "http://www.example.com/callback",
      instruction: "Is this company public or private?",
      attachment_type: "website",
      force: true,
      attachment: "http://www.google.com/",
      categories: ["public", "private"],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
  });

  it("test_categorize_fail", async () => {
    const refused = await client.post("/task/categorization", {
      callback_url: "http://www.example.com/callback",
      categories: ["public", "private"],
    });
    expect(refused.status).toBe(400);
  });

  it("test_imageannotation_ok", async () => {
    await makeATask();
  });

  it("test_imageannotation_fail", async () => {
    const refused = await client.post("/task/imageannotation", {
      callback_url: "http://www.example.com/callback",
      instruction: "Draw a box around each **baby cow** and **big cow**",
      attachment_type: "image",
    });
    expect(refused.status).toBe(400);
  });

  it("test_documenttranscription_ok", async () => {
    const created = await client.post("/task/documenttranscription", {
      instruction: "Please transcribe this receipt.",
      attachment: "http://document.scale.com/receipt-20200519.jpg",
      features: [{ type: "block", label: "barcode" }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
  });

  it("test_documenttranscription_fail", async () => {
    const refused = await client.post("/task/documenttranscription", {
      callback_url: "http://www.example.com/callback",
      instruction: "Please transcribe this receipt.",
    });
    expect(refused.status).toBe(400);
  });

  const legacyCases = [
    {
      type: "annotation",
      instruction: "Draw a box around each **baby cow** and **big cow**",
      extra: {
        min_width: "30",
        min_height: "30",
        objects_to_annotate: ["baby cow", "big cow"],
        with_labels: true,
      },
    },
    {
      type: "polygonannotation",
      instruction: "Draw a tight shape around the big cow",
      extra: { objects_to_annotate: ["big cow"], with_labels: true },
    },
    {
      type: "lineannotation",
      instruction: "Draw a tight shape around the big cow",
      extra: { objects_to_annotate: ["big cow"], with_labels: true },
    },
  ];
  for (const { type, instruction, extra } of legacyCases) {
    it(`test_${type}_ok`, async () => {
      const created = await client.post(`/task/${type}`, {
        callback_url: "http://www.example.com/callback",
        instruction,
        attachment_type: "image",
        attachment: "http://i.imgur.com/v4cBreD.jpg",
        ...extra,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      expect(created.body.type).toBe(type);
    });

    it(`test_${type}_fail`, async () => {
      const refused = await client.post(`/task/${type}`, {
        callback_url: "http://www.example.com/callback",
        instruction,
        attachment_type: "image",
      });
      expect(refused.status).toBe(400);
    });
  }

  it("test_namedentityrecognition_ok", async () => {
    const created = await client.post("/task/namedentityrecognition", {
      callback_url: "http://www.example.com/callback",
      instruction: "Do the objects in these images have the same pattern?",
      text: "Example text to label with NER tool",
      labels: [{ name: "Label_A", description: "the first label" }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
  });

  it("test_cancel", async () => {
    const task = await makeATask();
    // Test tasks complete at once, so cancelling one is refused.
    const refused = await client.post(`/task/${task.task_id}/cancel?clear_unique_id=false`);
    expect(refused.status).toBe(400);
  });

  it("test_task_retrieval", async () => {
    const task = await makeATask();
    const again = (await client.get(`/task/${task.task_id}`)).body;
    expect(again.status).toBe("completed");
    expect(again.task_id).toBe(task.task_id);
    for (const field of ["callback_url", "instruction", "metadata", "type", "created_at"])
      expect(again[field], field).toEqual(task[field]);
    for (const param of ["attachment_type", "attachment", "geometries"])
      expect(again.params[param], param).toEqual(task.params[param]);
  });

  it("test_task_retrieval_time", async () => {
    await makeATask();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // datetime.utcnow().isoformat(): no zone, microseconds.
    const start = new Date().toISOString().replace("Z", "000");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const end = new Date().toISOString().replace("Z", "000");
    const listed = await client.get(
      `/tasks?start_time=${encodeURIComponent(start)}&end_time=${encodeURIComponent(end)}`,
    );
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.docs).toEqual([]);
  });

  it("test_task_retrieval_fail", async () => {
    expect((await client.get("/task/fake_id_qwertyuiop")).status).toBe(404);
  });

  it("test_tasks", async () => {
    const made = new Set<string>();
    for (let i = 0; i < 3; i++) made.add((await makeATask()).task_id);
    const listed = await client.get("/tasks?limit=3");
    expect(listed.body.docs.map((t: { task_id: string }) => t.task_id).sort()).toEqual(
      [...made].sort(),
    );
  });

  // test_tasks_invalid: the SDK refuses `tasks(bogus=0)` itself, before any request.

  it("test_get_tasks", async () => {
    const batch = await createABatch();
    const made = new Set<string>();
    for (let i = 0; i < 3; i++) made.add((await makeATask(undefined, batch.name)).task_id);
    // get_tasks(project_name, batch_name): pages of 100 with the attachment URL, by next_token.
    const listed = await client.get(
      `/tasks?project=${PROJECT}&batch=${batch.name}&limit=100&include_attachment_url=True`,
    );
    expect(listed.status).toBe(200);
    expect(new Set(listed.body.docs.map((t: { task_id: string }) => t.task_id))).toEqual(made);
    expect(listed.body.next_token ?? null).toBeNull();
  });

  it("test_get_tasks_count", async () => {
    const total = (await client.get(`/tasks?project=${PROJECT}`)).body.total;
    const counted = (await client.get(`/tasks?project=${PROJECT}&limit=1`)).body.total;
    expect(counted).toBe(total);
    expect(total).toBeGreaterThan(0);
  });

  it("test_finalize_batch", async () => {
    for (let i = 0; i < 2; i++) {
      const batch = await createABatch();
      const finalized = await client.post(`/batches/${batch.name}/finalize`);
      expect(finalized.status, JSON.stringify(finalized.body)).toBe(200);
    }
  });

  it("test_get_batch_status", async () => {
    const batch = await createABatch();
    expect((await client.get(`/batches/${batch.name}/status`)).status).toBe(200);
    expect(batch.status).toBe("in_progress");
    const again = (await client.get(`/batches/${batch.name}`)).body;
    expect(again.status).toBe("in_progress");
  });

  it("test_get_batch", async () => {
    const batch = await createABatch();
    const again = (await client.get(`/batches/${batch.name}`)).body;
    expect(again.name).toBe(batch.name);
    expect(again.status).toBe("in_progress");
  });

  it("test_batches", async () => {
    const made = new Set<string>();
    for (let i = 0; i < 3; i++) made.add((await createABatch()).name);
    const listed = await client.get("/batches?limit=3");
    expect(new Set(listed.body.docs.map((b: { name: string }) => b.name))).toEqual(made);
  });

  it("test_get_batches", async () => {
    const total = (await client.get(`/batches?project=${PROJECT}&limit=1`)).body.total;
    // get_batches(project_name): pages by offset until a short page.
    const names: string[] = [];
    for (let offset = 0; ; offset += 2) {
      const page = await client.get(`/batches?project=${PROJECT}&limit=2&offset=${offset}`);
      names.push(...page.body.docs.map((b: { name: string }) => b.name));
      if (page.body.docs.length < 2) break;
    }
    expect(names).toHaveLength(total);
    expect(new Set(names).size).toBe(total);
  });

  it("test_files_upload", async () => {
    const form = new FormData();
    form.append("project_name", PROJECT);
    form.append("file", new Blob([PNG], { type: "image/png" }), "test_image.png");
    const uploaded = await fetch(`${server.baseUrl}/files/upload`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${acme.test.key}:`).toString("base64")}` },
      body: form,
    });
    expect(uploaded.status).toBe(200);
  });

  it("test_files_import", async () => {
    const imported = await client.post("/files/import", {
      file_url: `${originUrl}/selfserve-sample-image.png`,
      project_name: PROJECT,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  });
});
