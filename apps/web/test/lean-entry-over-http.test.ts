// The production server's own entry (scripts/serve.ts): body limits checked before a body is read,
// the tRPC batch cap, and API keys that stop working at once when revoked although the server
// remembers keys for a while.
import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";

import { forgetApiKeys } from "@taskforge/api";
import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startServer, temporaryDirectory, waitForHealthy } from "./server";
import type { RunningServer } from "./server";

const LIVE_KEY = "live_lean_0123456789abcdef";
const SECOND_KEY = "live_lean_second_0123456789";
const ANNOUNCED = 150 * 1024 * 1024;
const GIVE_UP_BYTES = 1024 * 1024 * 1024;
const SERVER_CLOSE_WAIT_MS = 10_000;

type Answer = { status: number; body: string; sentBytes: number; closedByServer?: boolean };

/**
 * POSTs with a Content-Length of 150 MB but sends only a few bytes of it: the answer can only come
 * if the server decided without reading the body.
 */
const postAnnouncingLargeBody = (baseUrl: string, path: string, headers = {}) =>
  new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(new URL(path, baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": ANNOUNCED, ...headers },
    });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body, sentBytes: 5 });
        req.destroy();
      });
    });
    req.on("error", reject);
    req.write('{"0":');
  });

/**
 * Streams a body without Content-Length (chunked) and never ends it, so an answer can only come
 * from a server that decided while the body was still open. After the answer the client waits for
 * the server to close the connection: a server that went on reading the body would keep it open.
 */
const postChunkedUntilAnswered = (baseUrl: string, path: string, headers = {}) =>
  new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(new URL(path, baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
    });
    let sentBytes = 0;
    let answer: Omit<Answer, "closedByServer"> | undefined;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answer && sentBytes < GIVE_UP_BYTES) {
        sentBytes += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
    };
    req.on("socket", (socket) => {
      socket.once("close", () => {
        if (answer) resolve({ ...answer, closedByServer: true });
      });
    });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (data: Buffer) => (body += data.toString()));
      res.on("end", () => {
        const answered = { status: res.statusCode ?? 0, body, sentBytes };
        answer = answered;
        setTimeout(() => {
          resolve({ ...answered, closedByServer: false });
          req.destroy();
        }, SERVER_CLOSE_WAIT_MS).unref();
      });
    });
    // The server closes the connection after its answer; the write it cuts short fails.
    req.on("error", (error) => (answer ? undefined : reject(error)));
    pump();
  });

const expectTooLarge = (answer: Answer) => {
  expect(answer.status).toBe(413);
  const body = JSON.parse(answer.body) as { status_code: number; error: string };
  expect(body.status_code).toBe(413);
  expect(body.error).toMatch(/larger than the .* allowed/);
};

describe("the production server on embedded PGlite", () => {
  let server: RunningServer;
  const data = temporaryDirectory();
  beforeAll(async () => {
    server = await startServer({
      TASKFORGE_DATA_DIR: data.dir,
      TASKFORGE_BOOTSTRAP_API_KEY: LIVE_KEY,
      TASKFORGE_TRPC_MAX_BATCH: "4",
    });
    await waitForHealthy(server);
  });
  afterAll(async () => {
    await server?.stop();
    data.remove();
  });

  it("refuses an anonymous oversized body to /api/trpc and to sign-in without reading it", async () => {
    expectTooLarge(await postAnnouncingLargeBody(server.baseUrl, "/api/trpc/tasks.create"));
    expectTooLarge(await postAnnouncingLargeBody(server.baseUrl, "/api/auth/callback/credentials"));
    expectTooLarge(await postAnnouncingLargeBody(server.baseUrl, "/v1/tasks"));
  });

  it("cuts off an anonymous body sent without Content-Length once it passes the limit", async () => {
    for (const path of ["/api/trpc/tasks.create", "/api/auth/callback/credentials"]) {
      const answer = await postChunkedUntilAnswered(server.baseUrl, path);
      expectTooLarge(answer);
      expect(answer.sentBytes).toBeLessThan(GIVE_UP_BYTES);
      expect(answer.closedByServer).toBe(true);
    }
  });

  it("refuses a body larger than its limit even with a valid API key", async () => {
    expectTooLarge(
      await postAnnouncingLargeBody(server.baseUrl, "/api/trpc/tasks.create", {
        authorization: `Bearer ${LIVE_KEY}`,
      }),
    );
  });

  it("refuses a tRPC batch over the cap and answers one within it", async () => {
    const batch = (calls: number) =>
      fetch(
        `${server.baseUrl}/api/trpc/${Array(calls).fill("tasks.list").join(",")}?batch=1&input=${encodeURIComponent(
          JSON.stringify(Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, {}]))),
        )}`,
        { headers: { authorization: `Bearer ${LIVE_KEY}` } },
      );
    const over = await batch(5);
    expect(over.status).toBe(400);
    expect(JSON.stringify(await over.json())).toMatch(/batch/i);
    const within = await batch(4);
    expect(within.status).toBe(200);
    expect(await within.json()).toHaveLength(4);
  });
});

describe("API keys remembered by the server, revoked from another process on PostgreSQL", () => {
  let server: RunningServer;
  let db: TestDatabase;
  const data = temporaryDirectory();
  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    server = await startServer({
      DATABASE_URL: db.url ?? "",
      TASKFORGE_DATA_DIR: data.dir,
      TASKFORGE_BOOTSTRAP_API_KEY: `${LIVE_KEY},${SECOND_KEY}`,
      // Long enough that only an invalidation can explain a key refused within the test.
      TASKFORGE_API_KEY_CACHE_MS: "60000",
    });
    await waitForHealthy(server);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.close();
    data.remove();
  });

  const listWith = async (key: string) =>
    (
      await fetch(`${server.baseUrl}/v1/tasks?limit=1`, {
        headers: { authorization: `Bearer ${key}` },
      })
    ).status;

  it("keeps a key for a while, and drops it at once when another process revokes it", async () => {
    expect(await listWith(SECOND_KEY)).toBe(200);
    // Revoked behind the server's back (no notification): the remembered key still works, which
    // shows the cache is warm.
    const hash = createHash("sha256").update(SECOND_KEY).digest("hex");
    await db.sql.query(`UPDATE api_keys SET revoked_at = now() WHERE key_hash = $1`, [hash]);
    expect(await listWith(SECOND_KEY)).toBe(200);
    // What revoking a key does after its update: every process forgets its remembered keys.
    // The notification travels on the server's LISTEN connection: milliseconds, not the cache's
    // 60 s.
    const revokedAt = Date.now();
    await forgetApiKeys(db);
    let status = await listWith(SECOND_KEY);
    while (status === 200 && Date.now() - revokedAt < 2000) status = await listWith(SECOND_KEY);
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    expect(await listWith(LIVE_KEY)).toBe(200);
  });
});
