import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startServer, temporaryDirectory, waitForHealthy } from "./server";
import type { RunningServer } from "./server";

const LIVE_KEY = "live_rest_0123456789abcdef";
const TEST_KEY = "test_rest_0123456789abcdef";

let server: RunningServer;
const data = temporaryDirectory();

beforeAll(async () => {
  server = await startServer({
    TASKFORGE_DATA_DIR: data.dir,
    TASKFORGE_BOOTSTRAP_API_KEY: `${LIVE_KEY},${TEST_KEY}`,
    // The test's receiver listens on loopback, which the SSRF guard refuses unless allowed.
    TASKFORGE_CALLBACK_ALLOWLIST: "127.0.0.1",
    TASKFORGE_CALLBACK_POLL_MS: "100",
  });
  await waitForHealthy(server);
});
afterAll(async () => {
  await server.stop();
  data.remove();
});

// Requests shaped the way Scale's Python SDK sends them: Basic auth with the key as username,
// a JSON content type even on bodiless POSTs, names quoted with no safe characters.
const scale = (apiKey: string) => async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${server.baseUrl}/v1/${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${apiKey}:`).toString("base64")}`,
      "content-type": "application/json",
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe("Scale's v1 API through the built Next.js server", () => {
  it("runs a project → batch → task flow with names that contain slashes", async () => {
    const call = scale(LIVE_KEY);
    const project = "team/kittens v2";
    const quoted = encodeURIComponent(project);
    expect(
      (
        await call("POST", "projects", {
          type: "categorization",
          name: project,
          params: { attachment_type: "text", categories: ["cat", "dog"] },
        })
      ).status,
    ).toBe(200);
    expect((await call("GET", `projects/${quoted}`)).body.name).toBe(project);
    expect(
      (await call("POST", "batches", { project, name: `${project}/batch`, callback: "" })).body
        .status,
    ).toBe("in_progress");
    const task = await call("POST", "task/categorization", {
      batch: `${project}/batch`,
      attachment: "whiskers",
      unique_id: "u/1",
    });
    expect(task).toMatchObject({
      status: 200,
      body: { project, batch: `${project}/batch`, params: { categories: ["cat", "dog"] } },
    });
    const id = task.body.task_id as string;
    expect((await call("PUT", `task/${id}/tags`, ["x", "y"])).body.tags).toEqual(["x", "y"]);
    expect((await call("DELETE", `task/${id}/tags`, ["x"])).body.tags).toEqual(["y"]);
    expect((await call("POST", `task/${id}/cancel?clear_unique_id=true`)).body.status).toBe(
      "canceled",
    );
    expect(
      (await call("GET", `batches/${encodeURIComponent(`${project}/batch`)}/status`)).body,
    ).toEqual({ status: "completed", canceled: 1 });
    expect((await call("GET", "tasks?project=" + quoted + "&status=canceled")).body.total).toBe(1);
  });

  it("answers errors as JSON objects with status codes, including 413 for a large body", async () => {
    const call = scale(LIVE_KEY);
    expect(await call("GET", `task/${"0".repeat(24)}`)).toEqual({
      status: 404,
      body: { status_code: 404, error: "Task with that ID not found." },
    });
    expect((await scale("live_wrong_0123456789abcdef")("GET", "tasks")).status).toBe(401);
    expect((await call("POST", "task/categorization", "{")).status).toBe(400);
    const big = await call("POST", "task/categorization", {
      attachment: "x".repeat(11 * 1024 * 1024),
    });
    expect(big).toMatchObject({ status: 413, body: { status_code: 413 } });
  });

  it("completes test-key tasks at once and serves the OpenAPI document", async () => {
    const created = await scale(TEST_KEY)("POST", "task/categorization", {
      attachment_type: "text",
      attachment: "x",
      categories: ["a", "b"],
    });
    expect(created.body).toMatchObject({ status: "completed", response: { category: "a" } });
    expect((await scale(TEST_KEY)("POST", `task/${created.body.task_id}/cancel`)).status).toBe(400);
    const openapi = (await (await fetch(`${server.baseUrl}/v1/openapi.json`)).json()) as {
      openapi: string;
    };
    expect(openapi.openapi).toBe("3.1.0");
  });
});

describe("callbacks from the web process in embedded mode", () => {
  it("POSTs a completed test task to its callback_url with Scale's and Standard Webhooks' headers", async () => {
    const received: { headers: Record<string, unknown>; body: Record<string, any> }[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        received.push({ headers: req.headers, body: JSON.parse(body) as Record<string, any> });
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    try {
      const call = scale(TEST_KEY);
      const created = await call("POST", "task/categorization", {
        attachment_type: "text",
        attachment: "x",
        categories: ["a", "b"],
        callback_url: callbackUrl,
      });
      const deadline = Date.now() + 30_000;
      while (!received.length && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(received).toHaveLength(1);
      const [delivery] = received;
      expect(delivery?.body).toMatchObject({
        task_id: created.body.task_id,
        status: "completed",
        response: { category: "a" },
      });
      expect(delivery?.headers).toHaveProperty("scale-callback-auth");
      expect(delivery?.headers).toHaveProperty("webhook-id");
      expect(String(delivery?.headers["webhook-signature"])).toMatch(/^v1,/);
      let task = (await call("GET", `task/${created.body.task_id}`)).body;
      for (let i = 0; i < 50 && !task.callback_succeeded; i++) {
        await new Promise((r) => setTimeout(r, 100));
        task = (await call("GET", `task/${created.body.task_id}`)).body;
      }
      expect(task).toMatchObject({ callback_succeeded: true, callback_completed: true });
      const history = (await call("GET", `task/${created.body.task_id}/history`))
        .body as unknown as { type: string }[];
      expect(history.map((e) => e.type)).toEqual(["created", "completed", "callback_delivered"]);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
