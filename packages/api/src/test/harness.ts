import { createTestDatabase } from "@taskforge/db/testing";
import type { MemberRole, WorkKind } from "@taskforge/schema";
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
      roles: row.roles,
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

let workerCount = 0;

/** A signed-in person with platform roles, allowed to work on the given projects. */
export const createWorker = async (
  db: TestDatabase,
  roles: ("tasker" | "reviewer" | "admin")[],
  grants: { projectId?: string; taskType?: string; role?: WorkKind }[] = [],
) => {
  const email = `worker${++workerCount}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const user = await db.prisma.user.create({ data: { email, platformRoles: roles } });
  for (const grant of grants) {
    await db.prisma.workGrant.create({
      data: {
        userId: user.id,
        role: grant.role ?? "annotate",
        projectId: grant.projectId ?? null,
        taskType: grant.taskType ?? null,
      },
    });
  }
  return { userId: user.id, email, roles } as const;
};

/**
 * A member of the tenant's organization holding `orgRoles` (annotators and reviewers label its own
 * tasks), optionally with platform roles too; signed in as a session user.
 */
export const createMember = async (
  db: TestDatabase,
  organizationId: string,
  orgRoles: MemberRole[],
  platformRoles: ("tasker" | "reviewer" | "admin")[] = [],
) => {
  const email = `member${++workerCount}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const user = await db.prisma.user.create({
    data: { email, organizationId, orgRoles, platformRoles },
    select: { id: true, organization: { select: { name: true } } },
  });
  return {
    userId: user.id,
    email,
    roles: platformRoles,
    organization: { id: organizationId, name: user.organization?.name ?? "", roles: orgRoles },
  };
};

export const workerCaller = (
  db: TestDatabase,
  worker: {
    userId: string;
    email: string;
    roles: readonly ("tasker" | "reviewer" | "admin")[];
    organization?: { id: string; name: string; roles: MemberRole[] } | null;
  },
) => createCaller(createInnerContext({ db, user: { ...worker, roles: [...worker.roles] } }));
