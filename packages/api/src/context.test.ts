import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createContext } from "./context";
import { createCaller } from "./routers/root";
import {
  ensureBootstrapOrganization,
  ensureDemoOrganization,
  parseBootstrapKeys,
} from "./services/organizations/bootstrap";
import { expectTRPCError } from "./test/expect-error";
import { createTenant, createTestDatabase } from "./test/harness";
import type { TestDatabase, TestTenant } from "./test/harness";

let db: TestDatabase;
let acme: TestTenant;
beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
});
afterAll(async () => {
  await db.close();
});

const callWith = async (authorization?: string) =>
  createCaller(
    await createContext({ db, headers: new Headers(authorization ? { authorization } : {}) }),
  );

describe("API key authentication", () => {
  it("accepts Basic base64(key:) as Scale's SDKs send it, and Bearer", async () => {
    const basic = await callWith(`Basic ${Buffer.from(`${acme.live.key}:`).toString("base64")}`);
    expect((await basic.tasks.list({})).total).toBe(0);
    const bearer = await callWith(`Bearer ${acme.test.key}`);
    const task = await bearer.tasks.create({
      type: "categorization",
      params: { attachment_type: "text", attachment: "x", categories: ["a", "b"] },
    });
    expect(task.is_test).toBe(true);
  });

  it("refuses a wrong, malformed, revoked or missing key with UNAUTHORIZED", async () => {
    expect(
      (
        await expectTRPCError(
          (await callWith("Bearer live_wrongwrongwrongwrong")).tasks.list({}),
          "UNAUTHORIZED",
        )
      ).message,
    ).toBe("Invalid API key.");
    await expectTRPCError((await callWith("Basic !!!")).tasks.list({}), "UNAUTHORIZED");
    await expectTRPCError((await callWith()).tasks.list({}), "UNAUTHORIZED");
    const revoked = await createTenant(db, "Revoked");
    await db.prisma.apiKey.update({
      where: { id: revoked.live.apiKeyId },
      data: { revokedAt: new Date() },
    });
    await expectTRPCError(
      (await callWith(`Bearer ${revoked.live.key}`)).tasks.list({}),
      "UNAUTHORIZED",
    );
  });

  it("stores only a hash of each key", async () => {
    const rows = await db.sql.query<{ key_hash: string }>(`SELECT key_hash FROM api_keys`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.key_hash).not.toContain(acme.live.key);
    }
  });
});

describe("bootstrap", () => {
  it("makes one organization hold exactly the configured keys, across restarts", async () => {
    const live = "live_bootstrapbootstrap01";
    const test = "test_bootstrapbootstrap01";
    const first = await ensureBootstrapOrganization(db, parseBootstrapKeys(`${live}, ${test}`));
    const again = await ensureBootstrapOrganization(db, parseBootstrapKeys(live));
    expect(again.organizationId).toBe(first.organizationId);
    await expectTRPCError((await callWith(`Bearer ${test}`)).tasks.list({}), "UNAUTHORIZED");
    expect((await (await callWith(`Bearer ${live}`)).tasks.list({})).total).toBe(0);
    await ensureBootstrapOrganization(db, parseBootstrapKeys(`${live},${test}`));
    const testCaller = await callWith(`Bearer ${test}`);
    expect((await testCaller.tasks.list({})).total).toBe(0);
  });

  it("explains a malformed key list", () => {
    expect(() => parseBootstrapKeys("secret123")).toThrow(
      /must be one key or a comma-separated list/,
    );
    expect(() => parseBootstrapKeys(" , ")).toThrow(/TASKFORGE_BOOTSTRAP_API_KEY/);
  });

  it("creates a demo organization only in an empty installation", async () => {
    const empty = await createTestDatabase();
    try {
      const demo = await ensureDemoOrganization(empty);
      expect(demo?.liveKey).toMatch(/^live_/);
      expect(demo?.testKey).toMatch(/^test_/);
      expect(await ensureDemoOrganization(empty)).toBeNull();
      const ctx = await createContext({
        db: empty,
        headers: new Headers({ authorization: `Bearer ${demo?.liveKey}` }),
      });
      expect(ctx.caller?.organizationId).toBe(demo?.organizationId);
    } finally {
      await empty.close();
    }
  });
});
