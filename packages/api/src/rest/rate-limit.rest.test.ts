import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";
import { scaleClient, startRestServer } from "../test/rest-server";

let db: TestDatabase;
let acme: TestTenant;
beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
});
afterAll(async () => {
  await db.close();
});

describe("rate limiting", () => {
  it("allows a burst, then answers 429 with Retry-After, per API key", async () => {
    const server = await startRestServer({ db, rateLimit: { perSecond: 0.5, burst: 3 } });
    try {
      const live = scaleClient(server.baseUrl, acme.live.key);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await live.get("/tasks?limit=1")).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const limited = await live.get("/tasks?limit=1");
      expect(limited.body).toMatchObject({ status_code: 429 });
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      // Another key has its own bucket.
      expect((await scaleClient(server.baseUrl, acme.test.key).get("/tasks")).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
