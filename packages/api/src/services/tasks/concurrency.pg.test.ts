import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  callerFor,
  categorizationTask,
  createTenant,
  createTestDatabase,
} from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";

// Real parallelism needs PostgreSQL: each call below runs on its own pooled connection.
let db: TestDatabase;
let acme: TestTenant;
beforeAll(async () => {
  db = await createTestDatabase("postgres", { poolSize: 50 });
  acme = await createTenant(db, "Acme");
});
afterAll(async () => {
  await db.close();
});

const settle = <T>(calls: Promise<T>[]) => Promise.allSettled(calls);

describe("concurrent writes on PostgreSQL", () => {
  it("50 parallel creates with one unique_id make exactly one task; the rest get 409 naming it", async () => {
    const results = await settle(
      Array.from({ length: 50 }, () =>
        callerFor(db, acme.live).tasks.create(categorizationTask({ unique_id: "race" })),
      ),
    );
    const created = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const refused = results.flatMap((r) =>
      r.status === "rejected" ? [r.reason as Error & { code?: string }] : [],
    );
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const error of refused) {
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toContain(created[0]?.task_id);
    }
    expect(await db.prisma.task.count({ where: { uniqueId: "race" } })).toBe(1);
  });

  it("50 parallel retries with one Idempotency-Key return one task", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        callerFor(db, acme.live, "same-key").tasks.create(
          categorizationTask({ metadata: { idem: true } }),
        ),
      ),
    );
    expect(new Set(results.map((t) => t.task_id)).size).toBe(1);
    expect(await db.prisma.task.count({ where: { metadata: { equals: { idem: true } } } })).toBe(1);
  });

  it("parallel tag additions are all kept", async () => {
    const task = await callerFor(db, acme.live).tasks.create(categorizationTask());
    await Promise.all(
      ["a", "b", "c", "d", "e"].map((tag) =>
        callerFor(db, acme.live).tasks.addTags({ task_id: task.task_id, tags: [tag] }),
      ),
    );
    const tags = (await callerFor(db, acme.live).tasks.get({ task_id: task.task_id })).tags ?? [];
    expect([...tags].sort()).toEqual(["a", "b", "c", "d", "e"]);
  });
});
