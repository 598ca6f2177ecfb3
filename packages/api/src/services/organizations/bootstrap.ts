import type { Database, Prisma } from "@taskforge/db";

import { forgetApiKeys } from "../../api-key-cache";
import { displayPrefixOf, generateApiKey, hashApiKey, keyModeOf } from "../../api-keys";

// Several processes (web, workers) may start together against one PostgreSQL.
const lockBootstrap = (tx: Prisma.TransactionClient) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('taskforge.bootstrap'))`;

export const parseBootstrapKeys = (value: string): string[] => {
  const keys = [
    ...new Set(
      value
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ];
  const invalid = keys.filter((key) => !keyModeOf(key));
  if (invalid.length || !keys.length) {
    throw new Error(
      `TASKFORGE_BOOTSTRAP_API_KEY must be one key or a comma-separated list of keys, each "live_" or "test_" ` +
        `followed by 16 to 200 characters of A-Z a-z 0-9 _ -; not valid: ${invalid.map((k) => JSON.stringify(displayPrefixOf(k))).join(", ") || "(empty)"}.`,
    );
  }
  return keys;
};

/**
 * Makes sure one organization holds exactly `keys` (each key's prefix sets its mode): the
 * organization that already holds any of them, or a new one. Its other keys are revoked.
 */
export const ensureBootstrapOrganization = async (db: Database, keys: readonly string[]) => {
  const bootstrapped = await db.prisma.$transaction(async (tx) => {
    await lockBootstrap(tx);
    const hashes = keys.map(hashApiKey);
    const existing = await tx.apiKey.findMany({
      where: { keyHash: { in: hashes } },
      select: { organizationId: true },
    });
    const organizationIds = [...new Set(existing.map((k) => k.organizationId))];
    if (organizationIds.length > 1) {
      throw new Error(
        "TASKFORGE_BOOTSTRAP_API_KEY lists keys that belong to different organizations.",
      );
    }
    const organizationId =
      organizationIds[0] ??
      (await tx.organization.create({ data: { name: "Default organization" } })).id;
    await tx.apiKey.updateMany({
      where: { organizationId, keyHash: { notIn: hashes }, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    for (const key of keys) {
      const mode = keyModeOf(key) ?? "live";
      await tx.apiKey.upsert({
        where: { keyHash: hashApiKey(key) },
        create: {
          organizationId,
          mode,
          keyHash: hashApiKey(key),
          displayPrefix: displayPrefixOf(key),
          name: "bootstrap",
        },
        update: { revokedAt: null },
      });
    }
    return { organizationId };
  });
  // Keys this revoked may sit in running processes' caches.
  await forgetApiKeys(db);
  return bootstrapped;
};

/**
 * On the first start of an empty installation, creates a demo organization with a live and a test
 * key and returns them (they are shown once: only their hashes are stored). Returns null otherwise.
 */
export const ensureDemoOrganization = (db: Database) =>
  db.prisma.$transaction(async (tx) => {
    await lockBootstrap(tx);
    if ((await tx.organization.count()) > 0) return null;
    return createDemoOrganization(tx);
  });

export const DEMO_ORGANIZATION_NAME = "Demo organization";

/** The demo organization with a new live and test key (returned in clear, to be shown once). */
export const createDemoOrganization = async (tx: Prisma.TransactionClient) => {
  const organization = await tx.organization.create({ data: { name: DEMO_ORGANIZATION_NAME } });
  const liveKey = generateApiKey("live");
  const testKey = generateApiKey("test");
  await tx.apiKey.createMany({
    data: [liveKey, testKey].map((key) => ({
      organizationId: organization.id,
      mode: keyModeOf(key) ?? "live",
      keyHash: hashApiKey(key),
      displayPrefix: displayPrefixOf(key),
      name: "demo",
    })),
  });
  return { organizationId: organization.id, liveKey, testKey };
};
