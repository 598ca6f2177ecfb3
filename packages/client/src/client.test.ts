import type { AddressInfo } from "node:net";

import { appRouter, createContext, ensureBootstrapOrganization } from "@taskforge/api";
import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { apiErrorOf, createTaskforgeClient } from "./index";

// The real router behind a plain Node HTTP server: the client is tested over real HTTP without Next.js.
const KEY = "live_client_0123456789abcdef";
let db: TestDatabase;
let server: ReturnType<typeof createHTTPServer>;
let baseUrl: string;

beforeAll(async () => {
  db = await createTestDatabase("pglite");
  await ensureBootstrapOrganization(db, [KEY]);
  server = createHTTPServer({
    basePath: "/api/trpc/",
    router: appRouter,
    createContext: ({ req }) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      return createContext({ headers, db });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await db.close();
});

const task = {
  type: "categorization" as const,
  params: { attachment_type: "text" as const, attachment: "car", categories: ["big", "small"] },
};

describe("createTaskforgeClient", () => {
  it("authenticates with the API key and returns plain JSON task objects", async () => {
    const client = createTaskforgeClient({ baseUrl: `${baseUrl}/`, apiKey: KEY });
    const created = await client.tasks.create.mutate(task);
    expect(typeof created.created_at).toBe("string");
    expect(await client.tasks.get.query({ task_id: created.task_id })).toEqual(created);
  });

  it("exposes projects and batches as well as tasks", async () => {
    const client = createTaskforgeClient({ baseUrl, apiKey: KEY });
    const project = await client.projects.create.mutate({
      type: "categorization",
      name: "client-project",
      params: { attachment_type: "text", categories: ["big", "small"] },
    });
    expect(project.param_history[0]?.version).toBe(0);
    await client.batches.create.mutate({ project: "client-project", name: "client-batch" });
    await client.tasks.create.mutate({
      type: "categorization",
      batch: "client-batch",
      params: { attachment: "car" },
    });
    expect(await client.batches.status.query({ name: "client-batch" })).toEqual({
      status: "in_progress",
      pending: 1,
    });
  });

  it("sends an Idempotency-Key from the call context", async () => {
    const client = createTaskforgeClient({ baseUrl, apiKey: KEY });
    const first = await client.tasks.create.mutate(task, {
      context: { idempotencyKey: "client-1" },
    });
    const retry = await client.tasks.create.mutate(task, {
      context: { idempotencyKey: "client-1" },
    });
    const fresh = await client.tasks.create.mutate(task);
    expect(retry.task_id).toBe(first.task_id);
    expect(fresh.task_id).not.toBe(first.task_id);
  });

  it("exposes the server's error body, and null for failures that never reached it", async () => {
    const wrongKey = createTaskforgeClient({ baseUrl, apiKey: "live_wrong_0123456789abcdef" });
    expect(await wrongKey.tasks.list.query({}).catch((e: unknown) => apiErrorOf(e))).toEqual({
      status_code: 401,
      error: "Invalid API key.",
    });
    const client = createTaskforgeClient({ baseUrl, apiKey: KEY });
    const invalid = await client.tasks.setTags
      .mutate({ task_id: "0".repeat(24), tags: ["1", "2", "3", "4", "5", "6"] })
      .catch((e: unknown) => apiErrorOf(e));
    expect(invalid).toMatchObject({ status_code: 400, issues: [{ path: "tags" }] });
    const unreachable = createTaskforgeClient({ baseUrl: "http://127.0.0.1:9", apiKey: KEY });
    expect(await unreachable.tasks.list.query({}).catch((e: unknown) => apiErrorOf(e))).toBeNull();
    expect(apiErrorOf(new Error("plain"))).toBeNull();
  });
});
