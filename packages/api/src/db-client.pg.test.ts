import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { retryingTransaction, retryingWrite } from "./db-client";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase("postgres", { poolSize: 4 });
  await db.sql.exec(`CREATE TABLE "retry_probe" ("id" int PRIMARY KEY, "n" int NOT NULL)`);
});
afterAll(async () => {
  await db.close();
});

const reset = () =>
  db.sql.exec(`TRUNCATE "retry_probe"; INSERT INTO "retry_probe" VALUES (1, 0), (2, 0)`);

/** Resolves once `parties` callers have arrived. */
const barrier = (parties: number) => {
  let arrived = 0;
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    arrived += 1;
    if (arrived >= parties) open();
    return opened;
  };
};

describe("retryingTransaction", () => {
  it("runs a transaction PostgreSQL aborted as a deadlock again, so both writers commit once", async () => {
    await reset();
    const bothLockedOne = barrier(2);
    const attempts = { 1: 0, 2: 0 };
    // Each takes one row, waits until the other has taken the other row, then takes it: a cycle.
    const crosswise = (first: 1 | 2, second: 1 | 2) =>
      retryingTransaction(db.prisma, async (tx) => {
        attempts[first] += 1;
        await tx.$executeRawUnsafe(`UPDATE "retry_probe" SET "n" = "n" + 1 WHERE "id" = ${first}`);
        if (attempts[first] === 1) await bothLockedOne();
        await tx.$executeRawUnsafe(
          `UPDATE "retry_probe" SET "n" = "n" + 10 WHERE "id" = ${second}`,
        );
      });
    await Promise.all([crosswise(1, 2), crosswise(2, 1)]);
    expect(attempts[1] + attempts[2]).toBe(3);
    const rows = await db.sql.query<{ id: number; n: number }>(
      `SELECT "id", "n" FROM "retry_probe" ORDER BY "id"`,
    );
    expect(rows).toEqual([
      { id: 1, n: 11 },
      { id: 2, n: 11 },
    ]);
  });

  it("does not run a transaction again for any other failure", async () => {
    await reset();
    let attempts = 0;
    const failing = retryingTransaction(db.prisma, async (tx) => {
      attempts += 1;
      await tx.$executeRawUnsafe(`UPDATE "retry_probe" SET "n" = "n" + 1 WHERE "id" = 1`);
      await tx.$executeRawUnsafe(`INSERT INTO "retry_probe" VALUES (2, 0)`);
    });
    await expect(failing).rejects.toThrow(/23505|unique/i);
    expect(attempts).toBe(1);
    const [row] = await db.sql.query<{ n: number }>(`SELECT "n" FROM "retry_probe" WHERE "id" = 1`);
    expect(row?.n).toBe(0);
  });
});

describe("retryingWrite", () => {
  it("runs a single statement PostgreSQL aborted as a deadlock again", async () => {
    await reset();
    let attempts = 0;
    // One statement takes its first row, sleeps, then takes the second; the other goes the other way.
    const crosswise = (first: 1 | 2, second: 1 | 2) =>
      retryingWrite(() => {
        attempts += 1;
        return db.sql.query(
          `WITH first AS (UPDATE "retry_probe" SET "n" = "n" + 1 WHERE "id" = $1 RETURNING "id"),
                paused AS (SELECT pg_sleep(0.3) FROM first)
           UPDATE "retry_probe" SET "n" = "n" + 10
           WHERE "id" = $2 AND EXISTS (SELECT 1 FROM paused)`,
          [first, second],
        );
      });
    await Promise.all([crosswise(1, 2), crosswise(2, 1)]);
    expect(attempts).toBe(3);
    const rows = await db.sql.query<{ id: number; n: number }>(
      `SELECT "id", "n" FROM "retry_probe" ORDER BY "id"`,
    );
    expect(rows).toEqual([
      { id: 1, n: 11 },
      { id: 2, n: 11 },
    ]);
  });
});
