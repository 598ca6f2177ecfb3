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

describe("POST /v1/projects as Scale's Python SDK sends it", () => {
  it('takes `"params": null` as no params', async () => {
    // create_project(name, TaskType.ImageAnnotation) without params.
    const created = await scale.post("/projects", {
      type: "imageannotation",
      name: "no params",
      params: null,
      rapid: false,
      studio: false,
      datasetId: null,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: "no params", type: "imageannotation" });
  });

  it("still names a params field that is neither an object nor null", async () => {
    const bad = await scale.post("/projects", {
      type: "imageannotation",
      name: "bad params",
      params: "nope",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("params");
  });
});

describe("task ids that cannot be a task's", () => {
  const notFound = {
    status: 404,
    body: { status_code: 404, error: "Task with that ID not found." },
  };

  it("are 404 on every task route, as unknown ids are", async () => {
    for (const id of ["fake_id_qwertyuiop", "ABCDEF0123456789abcdef01", "0123"]) {
      expect(await scale.get(`/task/${id}`)).toMatchObject(notFound);
      expect(await scale.get(`/task/${id}/history`)).toMatchObject(notFound);
      expect(await scale.post(`/task/${id}/cancel`)).toMatchObject(notFound);
      expect(await scale.post(`/task/${id}/setMetadata`, { a: 1 })).toMatchObject(notFound);
      expect(await scale.post(`/task/${id}/tags`, ["a"])).toMatchObject(notFound);
      expect(await scale.put(`/task/${id}/tags`, ["a"])).toMatchObject(notFound);
      expect(await scale.delete(`/task/${id}/tags`, ["a"])).toMatchObject(notFound);
      expect(await scale.post(`/task/${id}/unique_id`, { unique_id: "u" })).toMatchObject(notFound);
      expect(await scale.delete(`/task/${id}/unique_id`)).toMatchObject(notFound);
      expect(await scale.post(`/task/${id}/audit`, { accepted: true })).toMatchObject(notFound);
      expect(await scale.post(`/task/${id}/send_callback`)).toMatchObject(notFound);
      expect(await scale.get(`/task/${id}/callbacks`)).toMatchObject(notFound);
    }
    expect(await scale.get(`/task/${"0".repeat(24)}`)).toMatchObject(notFound);
  });

  it("are checked after the key: a bad key is still 401", async () => {
    const stranger = scaleClient(server.baseUrl, "dummy_api_key");
    expect((await stranger.get("/task/fake_id_qwertyuiop")).status).toBe(401);
  });
});
