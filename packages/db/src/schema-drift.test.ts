import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findSchemaDrift } from "./schema-drift";
import { createTestDatabase } from "./testing";
import type { TestDatabase } from "./testing";

describe("migrations match schema.prisma", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(undefined, { fromScratch: true });
  });
  afterAll(async () => {
    await db.close();
  });

  it("has every table, column, index, unique constraint and foreign key of the schema, and nothing else", async () => {
    expect(await findSchemaDrift(db.sql)).toEqual({ missingFromDatabase: [], notInSchema: [] });
  });

  it("reports a dropped index, a changed nullability and an extra column", async () => {
    await db.sql.exec(`
      DROP INDEX "tasks_org_status_created_idx";
      ALTER TABLE "tasks" ALTER COLUMN "instruction" DROP NOT NULL;
      ALTER TABLE "projects" ADD COLUMN "colour" TEXT;`);
    const drift = await findSchemaDrift(db.sql);
    expect(drift.missingFromDatabase).toEqual([
      "column tasks.instruction text not null default",
      "index tasks_org_status_created_idx on tasks using btree (organization_id, is_test, status, created_at DESC, id DESC)",
    ]);
    expect(drift.notInSchema).toEqual([
      "column projects.colour text null",
      "column tasks.instruction text null default",
    ]);
  });
});
