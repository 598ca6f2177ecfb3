import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callerFor, createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";

// A batch's priority is copied onto its tasks, which the claim orders by. Tasks created while the
// priority changes must not keep the old one: real parallelism, so PostgreSQL only.
let db: TestDatabase;
let acme: TestTenant;
beforeAll(async () => {
  db = await createTestDatabase("postgres", { poolSize: 30 });
  acme = await createTenant(db, "Acme");
});
afterAll(async () => {
  await db.close();
});

describe("batch priority under concurrent task creation", () => {
  it("leaves every task with its batch's priority, whatever commits first", async () => {
    const api = callerFor(db, acme.live);
    await api.projects.create({
      type: "categorization",
      name: "race",
      params: { attachment_type: "text", categories: ["a", "b"] },
    });
    await api.batches.create({ project: "race", name: "race batch" });
    const create = (i: number) =>
      callerFor(db, acme.live).tasks.create({
        type: "categorization",
        batch: "race batch",
        params: { attachment: `item ${i}` },
      });
    const prioritize = (priority: number) =>
      callerFor(db, acme.live).batches.prioritize({ name: "race batch", priority });
    for (let round = 0; round < 8; round++) {
      await Promise.all([
        ...Array.from({ length: 6 }, (_, i) => create(round * 10 + i)),
        prioritize(10 + round),
        ...Array.from({ length: 6 }, (_, i) => create(round * 10 + 6 + i)),
        prioritize(20 + round),
      ]);
      const batch = await db.prisma.batch.findFirstOrThrow({ where: { name: "race batch" } });
      const stale = await db.prisma.task.count({
        where: { batchId: batch.id, batchPriority: { not: batch.priority } },
      });
      expect({ round, stale }).toEqual({ round, stale: 0 });
    }
    expect(await db.prisma.task.count({ where: { batch: { name: "race batch" } } })).toBe(96);
  });
});
