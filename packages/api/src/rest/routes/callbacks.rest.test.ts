import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { scopeOf } from "../../scope";
import { startDeliveryWorkers } from "../../services/callbacks";
import type { DeliveryWorkers } from "../../services/callbacks";
import { createCallbackTask, FAST } from "../../services/callbacks/testing/fixtures";
import { startReceiver } from "../../services/callbacks/testing/receiver";
import type { Receiver } from "../../services/callbacks/testing/receiver";
import { createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { scaleClient, startRestServer } from "../../test/rest-server";
import { restRoutes } from "../handler";
import { buildOpenApiDocument } from "../openapi";
import { createRouter } from "../router";
import { callbackRoutes } from "./callbacks";

describe("callback routes", () => {
  it("route and document cleanly next to the task routes", () => {
    const route = createRouter(restRoutes);
    expect(route("POST", "/task/5f1aaaaaaaaaaaaaaaaaaaaa/send_callback")).toMatchObject({
      kind: "found",
      params: { task_id: "5f1aaaaaaaaaaaaaaaaaaaaa" },
    });
    expect(route("GET", "/task/5f1aaaaaaaaaaaaaaaaaaaaa/callbacks").kind).toBe("found");
    expect(route("POST", "/callbacks/replay").kind).toBe("found");
    const document = buildOpenApiDocument(callbackRoutes);
    expect(Object.keys(document.paths)).toEqual([
      "/task/{task_id}/send_callback",
      "/task/{task_id}/callbacks",
      "/callbacks/replay",
    ]);
  });
});

describe("callbacks over /v1", () => {
  let db: TestDatabase;
  let acme: TestTenant;
  let server: Awaited<ReturnType<typeof startRestServer>>;
  let scale: ReturnType<typeof scaleClient>;
  let receiver: Receiver;
  let workers: DeliveryWorkers;

  beforeAll(async () => {
    db = await createTestDatabase();
    acme = await createTenant(db, "Acme");
    server = await startRestServer({ db });
    scale = scaleClient(server.baseUrl, acme.live.key);
    receiver = await startReceiver();
    workers = startDeliveryWorkers(db, FAST);
  });
  afterAll(async () => {
    await workers.stop();
    await receiver.close();
    await server.close();
    await db.close();
  });

  it("POST /task/{id}/send_callback sends it and answers {success}", async () => {
    const task = await createCallbackTask(scopeOf(db, acme.live), receiver.url);
    const { status, body } = await scale.post(`/task/${task.task_id}/send_callback`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, status: "succeeded" });
    expect(JSON.parse(receiver.received.at(-1)?.body ?? "{}").task_id).toBe(task.task_id);

    const listed = await scale.get(`/task/${task.task_id}/callbacks`);
    expect(listed.status).toBe(200);
    expect(listed.body.docs[0]).toMatchObject({
      delivery_id: body.delivery_id,
      event: "task.resend",
      attempts: 1,
    });
  });

  it("answers 404 for unknown tasks and 400 for a bad replay range", async () => {
    expect((await scale.post("/task/5f1aaaaaaaaaaaaaaaaaaaaa/send_callback")).body).toEqual({
      status_code: 404,
      error: "Task with that ID not found.",
    });
    const bad = await scale.post("/callbacks/replay", { from: "yesterday", to: "2020-01-01" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("from");
    expect(
      (await scale.post("/callbacks/replay", { from: "2020-01-01", to: "2020-01-02" })).body,
    ).toEqual({
      replayed: 0,
    });
  });
});
