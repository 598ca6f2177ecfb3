import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { apiErrorOf, createTaskforgeClient } from "@taskforge/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startServer, temporaryDirectory, waitForHealthy } from "./server";
import type { RunningServer } from "./server";

const LIVE_KEY = "live_e2e_0123456789abcdef";
const TEST_KEY = "test_e2e_0123456789abcdef";

let server: RunningServer;
const data = temporaryDirectory();

beforeAll(async () => {
  server = await startServer({
    TASKFORGE_DATA_DIR: data.dir,
    TASKFORGE_BOOTSTRAP_API_KEY: `${LIVE_KEY},${TEST_KEY}`,
  });
  expect(await waitForHealthy(server)).toEqual({ status: "ok" });
});
afterAll(async () => {
  await server.stop();
  data.remove();
});

describe("the built server on embedded PGlite, driven by @taskforge/client over HTTP", () => {
  it("creates, gets, lists and cancels a task", async () => {
    const taskforge = createTaskforgeClient({ baseUrl: server.baseUrl, apiKey: LIVE_KEY });
    const created = await taskforge.tasks.create.mutate({
      type: "categorization",
      instruction: "Would you say this item is big or small?",
      params: { attachment_type: "text", attachment: "car", categories: ["big", "small"] },
      callback_url: "http://www.example.com/callback",
      unique_id: "e2e-1",
      tags: ["e2e"],
    });
    expect(created).toMatchObject({
      status: "pending",
      unique_id: "e2e-1",
      tags: ["e2e"],
      is_test: false,
    });

    expect(await taskforge.tasks.get.query({ task_id: created.task_id })).toEqual(created);

    const page = await taskforge.tasks.list.query({ tags: ["e2e"] });
    expect(page).toMatchObject({ total: 1, has_more: false, offset: 0, limit: 100 });
    expect(page.docs).toEqual([created]);

    const canceled = await taskforge.tasks.cancel.mutate({
      task_id: created.task_id,
      clear_unique_id: true,
    });
    expect(canceled.status).toBe("canceled");
    expect(canceled).not.toHaveProperty("unique_id");
    expect(
      (await taskforge.tasks.list.query({ status: "canceled" })).docs.map((t) => t.task_id),
    ).toEqual([created.task_id]);
  });

  it("returns the error body with status, message and field paths", async () => {
    const taskforge = createTaskforgeClient({ baseUrl: server.baseUrl, apiKey: LIVE_KEY });
    const failure = await taskforge.tasks.create
      .mutate({
        type: "categorization",
        params: { attachment_type: "text", attachment: "car", categories: [] },
      })
      .catch((error: unknown) => apiErrorOf(error));
    expect(failure).toMatchObject({ status_code: 400, issues: [{ path: "params.categories" }] });

    const missing = await taskforge.tasks.get
      .query({ task_id: "0".repeat(24) })
      .catch((e: unknown) => apiErrorOf(e));
    expect(missing).toEqual({ status_code: 404, error: "Task with that ID not found." });

    const stranger = createTaskforgeClient({
      baseUrl: server.baseUrl,
      apiKey: "live_not_a_key_of_this_server",
    });
    expect(await stranger.tasks.list.query({}).catch((e: unknown) => apiErrorOf(e))).toMatchObject({
      status_code: 401,
    });
  });

  it("keeps the test key's tasks apart from the live key's", async () => {
    const live = createTaskforgeClient({ baseUrl: server.baseUrl, apiKey: LIVE_KEY });
    const test = createTaskforgeClient({ baseUrl: server.baseUrl, apiKey: TEST_KEY });
    const testTask = await test.tasks.create.mutate({
      type: "textcollection",
      params: {
        attachments: [{ type: "text", content: "hello" }],
        fields: [{ field_id: "greeting", type: "text", title: "Greeting" }],
      },
    });
    expect(testTask.is_test).toBe(true);
    const hidden = await live.tasks.get.query({ task_id: testTask.task_id }).then(
      () => null,
      (e: unknown) => apiErrorOf(e),
    );
    expect(hidden?.status_code).toBe(404);
  });

  it("stops a second server on the same data directory at start, naming the directory and the holder", async () => {
    const second = await startServer({
      TASKFORGE_DATA_DIR: data.dir,
      TASKFORGE_BOOTSTRAP_API_KEY: LIVE_KEY,
    });
    try {
      // It exits by itself rather than answering every request with an error.
      const code = await Promise.race([
        new Promise<number | null>((resolve) => second.process.once("exit", resolve)),
        new Promise<"running">((resolve) => setTimeout(() => resolve("running"), 90_000)),
      ]);
      expect(code, second.output()).toBe(1);
      expect(second.output()).toContain(
        `The embedded database in ${data.dir} is already open in process`,
      );
    } finally {
      await second.stop();
    }
    // The first server is unharmed.
    const taskforge = createTaskforgeClient({ baseUrl: server.baseUrl, apiKey: LIVE_KEY });
    expect((await taskforge.tasks.list.query({})).total).toBeGreaterThan(0);
  });
});

describe("the README", () => {
  it("has a typed-client example that runs as written", () => {
    const readme = readFileSync(
      fileURLToPath(new URL("../../../README.md", import.meta.url)),
      "utf8",
    );
    const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain("createTaskforgeClient");
    const script = fileURLToPath(new URL("./readme-example.generated.ts", import.meta.url));
    writeFileSync(
      script,
      (example ?? "").replace('"http://localhost:3000"', JSON.stringify(server.baseUrl)),
    );
    try {
      const run = spawnSync(process.execPath, ["--import", "tsx", script], {
        encoding: "utf8",
        env: { ...process.env, TASKFORGE_API_KEY: LIVE_KEY },
        timeout: 60_000,
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^1 \[ '[0-9a-f]{24}' \] undefined/);
    } finally {
      rmSync(script, { force: true });
    }
  });
});

describe("pages for visitors", () => {
  it("show the instance status and how to sign in, with no organization's data", async () => {
    const live = createTaskforgeClient({ baseUrl: server.baseUrl, apiKey: LIVE_KEY });
    const task = await live.tasks.create.mutate({
      type: "categorization",
      instruction: "Never shown to visitors",
      params: { attachment_type: "text", attachment: "page", categories: ["yes", "no"] },
    });
    const home = await fetch(`${server.baseUrl}/`);
    const html = await home.text();
    expect(html).toContain("taskforge is running");
    expect(html).toContain('href="/sign-in"');
    expect(html).not.toContain("<table");
    // Dashboard pages and their data redirect to sign-in, even with an API key in a cookie.
    for (const path of ["/tasks", `/tasks/${task.task_id}`, "/api-keys", "/settings"]) {
      const response = await fetch(`${server.baseUrl}${path}`, {
        redirect: "manual",
        headers: { cookie: `taskforge_api_key=${LIVE_KEY}` },
      });
      expect([307, 308]).toContain(response.status);
      expect(response.headers.get("location")).toMatch(/\/sign-in$/);
    }
  });
});
