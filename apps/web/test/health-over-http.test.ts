// /api/health answers for the database as it is now, not only for how start-up went: with the
// database cut off (connections dropped, new ones never answered), the health check and the API
// answer 503 JSON within a few seconds, and both recover once it is back.
import { createServer, connect } from "node:net";
import type { AddressInfo, Server, Socket } from "node:net";

import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startServer, waitForHealthy } from "./server";
import type { RunningServer } from "./server";

const LIVE_KEY = "live_health_0123456789abcdef";

/** A TCP relay to PostgreSQL that can be cut: then it drops every connection and answers none. */
const startRelay = async (target: URL) => {
  let cut = false;
  const sockets = new Set<Socket>();
  const relay: Server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    // Cut off: the connection is accepted and never answered, as by a host that went away.
    if (cut) return;
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  return {
    port: (relay.address() as AddressInfo).port,
    cut: () => {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore: () => {
      cut = false;
      for (const socket of sockets) socket.destroy();
    },
    close: () => new Promise<void>((resolve) => relay.close(() => resolve())),
  };
};

let db: TestDatabase;
let relay: Awaited<ReturnType<typeof startRelay>>;
let server: RunningServer;

beforeAll(async () => {
  db = await createTestDatabase("postgres");
  const url = new URL(db.url ?? "");
  relay = await startRelay(new URL(url));
  url.host = `127.0.0.1:${relay.port}`;
  server = await startServer({
    DATABASE_URL: url.toString(),
    TASKFORGE_BOOTSTRAP_API_KEY: LIVE_KEY,
    TASKFORGE_DB_CONNECT_TIMEOUT_MS: "1000",
  });
  await waitForHealthy(server);
});
afterAll(async () => {
  await server.stop();
  await relay.close();
  await db.close();
});

const get = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${server.baseUrl}${path}`, {
    ...init,
    signal: AbortSignal.timeout(20_000),
  });
  return { response, body: (await response.json()) as Record<string, unknown> };
};

describe("health with the database cut off", () => {
  it("answers 503 JSON while the database does not answer, and 200 once it is back", async () => {
    expect((await get("/api/health")).body).toEqual({ status: "ok" });
    relay.cut();
    for (let i = 0; i < 2; i++) {
      const { response, body } = await get("/api/health");
      expect(response.status).toBe(503);
      expect(response.headers.get("content-type")).toContain("application/json");
      expect(response.headers.get("retry-after")).toBe("1");
      expect(body).toMatchObject({ status: "database_unavailable", status_code: 503 });
      expect(body.error).toMatch(/database/);
    }
    const api = await get("/v1/tasks", { headers: { authorization: `Bearer ${LIVE_KEY}` } });
    expect(api.response.status).toBe(503);
    expect(api.body).toMatchObject({ status_code: 503 });

    relay.restore();
    // The pool replaces the connections it lost; the next checks find the database again.
    await waitForHealthy(server, 30_000);
    const tasks = await get("/v1/tasks", { headers: { authorization: `Bearer ${LIVE_KEY}` } });
    expect(tasks.response.status).toBe(200);
  });
});
