import { createServer } from "node:net";

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

describe("timeouts", () => {
  it("cancels a statement past the statement timeout, and the connection stays usable", async () => {
    const own = await openDatabase({
      databaseUrl: db.url ?? "",
      poolSize: 1,
      statementTimeoutMs: 1_000,
      migrate: false,
    });
    try {
      const [setting] = await own.sql.query<{ statement_timeout: string }>(
        "SHOW statement_timeout",
      );
      expect(setting?.statement_timeout).toBe("1s");
      await expect(own.sql.query("SELECT pg_sleep(5)")).rejects.toThrow(/statement timeout/);
      await expect(own.prisma.$queryRawUnsafe("SELECT pg_sleep(5)")).rejects.toThrow(
        /statement timeout/,
      );
      expect(await own.sql.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    } finally {
      await own.close();
    }
  });

  it("gives up opening a connection after the connect timeout", async () => {
    // A listener that accepts connections and never answers, like a host gone behind a firewall.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    const url = new URL(db.url ?? "");
    url.host = `127.0.0.1:${port}`;
    const unreachable = await openDatabase({
      databaseUrl: url.toString(),
      poolSize: 1,
      connectTimeoutMs: 500,
      migrate: false,
    });
    try {
      await expect(unreachable.sql.query("SELECT 1")).rejects.toThrow(/timeout/);
    } finally {
      await unreachable.close();
      silent.close();
    }
  });
});
