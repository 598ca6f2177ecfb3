import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDatabase } from "./open-database";
import { createTestDatabase } from "./testing";
import type { TestDatabase } from "./testing";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase("postgres", { poolSize: 2 });
});
afterAll(async () => {
  await db.close();
});

type Setting = { max_parallel_workers_per_gather: string };
const SHOW = "SHOW max_parallel_workers_per_gather";

describe("a PostgreSQL database opened by the server", () => {
  it("starts no parallel workers, through Prisma and raw SQL alike", async () => {
    const [raw] = await db.sql.query<Setting>(SHOW);
    const [viaPrisma] = await db.prisma.$queryRawUnsafe<Setting[]>(SHOW);
    expect(raw?.max_parallel_workers_per_gather).toBe("0");
    expect(viaPrisma?.max_parallel_workers_per_gather).toBe("0");
  });

  it("keeps the options a DATABASE_URL sets itself", async () => {
    const url = new URL(db.url ?? "");
    url.searchParams.set("options", "-c max_parallel_workers_per_gather=1");
    const own = await openDatabase({ databaseUrl: url.toString(), poolSize: 1, migrate: false });
    try {
      const [row] = await own.sql.query<Setting>(SHOW);
      expect(row?.max_parallel_workers_per_gather).toBe("1");
    } finally {
      await own.close();
    }
  });
});
