import { afterEach, describe, expect, it } from "vitest";

import { embeddedMigrations } from "./generated/migrations";
import { migrate } from "./migrate";
import { readMigrationsFromDisk } from "./migrations-on-disk";
import { openDatabase } from "./open-database";
import type { Database } from "./open-database";
import { createTestDatabase } from "./testing";

const opened: Database[] = [];
// Every migration applied to an empty database, or a copy of the migrated test template.
const freshDatabase = async (fromScratch = false) => {
  const db = await createTestDatabase(undefined, { fromScratch });
  opened.push(db);
  return db;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

const appliedNames = async (db: Database) =>
  (
    await db.sql.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`,
    )
  ).map((row) => row.migration_name);

describe("migration runner", () => {
  it("embeds exactly the migrations on disk (run db:generate after adding one)", () => {
    expect(embeddedMigrations).toEqual(readMigrationsFromDisk());
  });

  it("records every migration once in Prisma's table and does nothing on a second run", async () => {
    const db = await freshDatabase(true);
    expect(await appliedNames(db)).toEqual(readMigrationsFromDisk().map((m) => m.name));
    expect(await migrate(db.sql)).toEqual([]);
    const [row] = await db.sql.query<{
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(`SELECT checksum, finished_at, applied_steps_count FROM "_prisma_migrations" LIMIT 1`);
    expect(row?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.finished_at).toBeInstanceOf(Date);
    expect(row?.applied_steps_count).toBe(1);
  });

  it("applies new migrations once when several callers race", async () => {
    const db = await freshDatabase();
    const extra = [
      ...readMigrationsFromDisk(),
      {
        name: "29990101000000_extra",
        sql: `CREATE TABLE "extra" ("id" INTEGER PRIMARY KEY);`,
        checksum: "e".repeat(64),
      },
    ];
    const results = await Promise.all([
      migrate(db.sql, extra),
      migrate(db.sql, extra),
      migrate(db.sql, extra),
    ]);
    expect(results.flat()).toEqual(["29990101000000_extra"]);
  });

  it("rolls back a failing migration entirely and names it", async () => {
    const db = await freshDatabase();
    const broken = [
      ...readMigrationsFromDisk(),
      {
        name: "29990101000000_broken",
        sql: `CREATE TABLE "half" ("id" INTEGER); SELECT * FROM "no_such_table";`,
        checksum: "b".repeat(64),
      },
    ];
    await expect(migrate(db.sql, broken)).rejects.toThrow(/29990101000000_broken failed/);
    expect(await appliedNames(db)).not.toContain("29990101000000_broken");
    const [exists] = await db.sql.query<{ exists: boolean }>(
      `SELECT to_regclass('half') IS NOT NULL AS exists`,
    );
    expect(exists?.exists).toBe(false);
  });

  it("refuses to start when an applied migration was edited", async () => {
    const db = await freshDatabase();
    const edited = readMigrationsFromDisk().map((m) => ({ ...m, checksum: "0".repeat(64) }));
    await expect(migrate(db.sql, edited)).rejects.toThrow(/was edited after it was applied/);
  });

  it("openDatabase migrates before it returns", async () => {
    const db = await openDatabase({ dataDir: "memory://" });
    opened.push(db);
    expect(await db.prisma.task.count()).toBe(0);
  });
});
