import { createTestDatabase } from "@taskforge/db/testing";
import type { TestDatabase } from "@taskforge/db/testing";
import type { RouterInputs } from "../routers/root";
import { createCaller } from "../routers/root";
import { createInnerContext } from "../context";
import { displayPrefixOf, generateApiKey, hashApiKey } from "../api-keys";
import type { AuthenticatedKey, KeyMode } from "../api-keys";

export type TestTenant = {
  organizationId: string;
  live: AuthenticatedKey & { key: string };
  test: AuthenticatedKey & { key: string };
};

export const createTenant = async (db: TestDatabase, name: string): Promise<TestTenant> => {
  const organization = await db.prisma.organization.create({ data: { name } });
  const makeKey = async (mode: KeyMode) => {
    const key = generateApiKey(mode);
    const row = await db.prisma.apiKey.create({
      data: {
        organizationId: organization.id,
        mode,
        keyHash: hashApiKey(key),
        displayPrefix: displayPrefixOf(key),
      },
    });
    return {
      key,
      apiKeyId: row.id,
      organizationId: organization.id,
      isTest: mode === "test",
      displayPrefix: row.displayPrefix,
    };
  };
  return {
    organizationId: organization.id,
    live: await makeKey("live"),
    test: await makeKey("test"),
  };
};

export const callerFor = (
  db: TestDatabase,
  caller: AuthenticatedKey | null,
  idempotencyKey?: string,
) => createCaller(createInnerContext({ db, caller, idempotencyKey }));

export const categorizationTask = (
  overrides: Partial<Extract<RouterInputs["tasks"]["create"], { type: "categorization" }>> = {},
): RouterInputs["tasks"]["create"] => ({
  type: "categorization",
  instruction: "Is this item big or small?",
  params: { attachment_type: "text", attachment: "car", categories: ["big", "small"] },
  ...overrides,
});

export { createTestDatabase };
export type { TestDatabase };
