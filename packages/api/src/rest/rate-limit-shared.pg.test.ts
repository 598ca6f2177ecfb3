import { openDatabase } from "@taskforge/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";
import { scaleClient, startRestServer } from "../test/rest-server";

// Two server instances, each with its own connection pool, over one PostgreSQL database.
let db: TestDatabase;
let acme: TestTenant;
beforeAll(async () => {
  db = await createTestDatabase("postgres");
  acme = await createTenant(db, "Acme");
});
afterAll(async () => {
  await db.close();
});

describe("rate limiting across instances", () => {
  it("draws every instance's requests from one bucket per key", async () => {
    const secondDb = await openDatabase({ databaseUrl: db.url, poolSize: 5 });
    const limit = { perSecond: 0.2, burst: 10 };
    const one = await startRestServer({ db, rateLimit: limit });
    const two = await startRestServer({ db: secondDb, rateLimit: limit });
    try {
      const first = scaleClient(one.baseUrl, acme.live.key);
      const second = scaleClient(two.baseUrl, acme.live.key);
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? first : second).get("/tasks?limit=1")),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    } finally {
      await one.close();
      await two.close();
      await secondDb.close();
    }
  });
});
