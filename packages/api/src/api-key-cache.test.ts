import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startApiKeyCache } from "./api-key-cache";
import type { ApiKeyCacheHandle } from "./api-key-cache";
import { findApiKey, hashApiKey } from "./api-keys";
import { createMember, createTenant, createTestDatabase, workerCaller } from "./test/harness";
import type { TestDatabase, TestTenant } from "./test/harness";

let db: TestDatabase;
let acme: TestTenant;
let cache: ApiKeyCacheHandle;
beforeAll(async () => {
  db = await createTestDatabase("pglite");
  acme = await createTenant(db, "Acme");
  cache = startApiKeyCache(db, { ttlMs: 60_000 });
});
afterAll(async () => {
  await cache.stop();
  await db.close();
});

const revokeBehindItsBack = (key: string) =>
  db.sql.query(`UPDATE api_keys SET revoked_at = now() WHERE key_hash = $1`, [hashApiKey(key)]);

describe("the API key cache (one process, PGlite)", () => {
  it("answers a known key from memory, and a revoked one never again", async () => {
    const owner = workerCaller(db, await createMember(db, acme.organizationId, ["owner"]));
    const { key, api_key } = await owner.apiKeys.create({ name: "ci", mode: "live" });
    expect((await findApiKey(db.prisma, key))?.apiKeyId).toBe(api_key.id);

    // Revoking it through the service drops it at once.
    await owner.apiKeys.revoke({ id: api_key.id });
    expect(await findApiKey(db.prisma, key)).toBeNull();
  });

  it("keeps a key it has read until something invalidates it", async () => {
    expect(await findApiKey(db.prisma, acme.test.key)).not.toBeNull();
    await revokeBehindItsBack(acme.test.key);
    expect(await findApiKey(db.prisma, acme.test.key)).not.toBeNull();
  });

  it("drops a member's keys' roles at once when the member loses a role", async () => {
    const owner = workerCaller(db, await createMember(db, acme.organizationId, ["owner"]));
    const manager = await createMember(db, acme.organizationId, ["manager"]);
    const { key } = await workerCaller(db, manager).apiKeys.create({ name: "m", mode: "live" });
    expect((await findApiKey(db.prisma, key))?.roles).toEqual(["manager"]);
    await owner.members.setRoles({ id: manager.userId, roles: ["viewer"] });
    expect(await findApiKey(db.prisma, key)).toBeNull();
  });
});
