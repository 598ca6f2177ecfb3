import { CreateApiKeyInputSchema, hasPermission, MEMBER_ROLES } from "@taskforge/schema";
import type { ApiKeyInfo, MemberRole } from "@taskforge/schema";

import { forgetApiKeys } from "../../api-key-cache";
import { displayPrefixOf, effectiveKeyRoles, generateApiKey, hashApiKey } from "../../api-keys";
import { AppError, fromZodError } from "../../errors";
import type { MemberScope } from "./members";

type ApiKeyRow = {
  id: string;
  name: string;
  mode: "live" | "test";
  displayPrefix: string;
  organizationId: string;
  roles: MemberRole[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: {
    id: string;
    email: string;
    name: string | null;
    organizationId: string | null;
    orgRoles: MemberRole[];
  } | null;
};

const SELECT_KEY = {
  id: true,
  name: true,
  mode: true,
  displayPrefix: true,
  organizationId: true,
  roles: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: {
    select: { id: true, email: true, name: true, organizationId: true, orgRoles: true },
  },
} as const;

const toInfo = (row: ApiKeyRow): ApiKeyInfo => ({
  id: row.id,
  name: row.name,
  mode: row.mode,
  prefix: row.displayPrefix,
  roles: effectiveKeyRoles(row.roles, row.organizationId, row.createdBy),
  created_by: row.createdBy
    ? { id: row.createdBy.id, email: row.createdBy.email, name: row.createdBy.name }
    : null,
  created_at: row.createdAt.toISOString(),
  last_used_at: row.lastUsedAt?.toISOString() ?? null,
  revoked_at: row.revokedAt?.toISOString() ?? null,
});

/** Owners and admins see and revoke every key of the organization; others their own. */
const keysVisibleTo = (scope: MemberScope) =>
  hasPermission(scope.roles, "manage_organization")
    ? { organizationId: scope.organizationId }
    : { organizationId: scope.organizationId, createdById: scope.userId };

/**
 * Creates a key owned by the member, acting with at most their roles (all of them by default); the
 * key itself is in this answer only (the database keeps its SHA-256).
 */
export const createApiKey = async (scope: MemberScope, input: unknown) => {
  const parsed = CreateApiKeyInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  const roles = parsed.data.roles ?? MEMBER_ROLES.filter((role) => scope.roles.includes(role));
  const wider = roles.filter((role) => !scope.roles.includes(role));
  if (wider.length > 0)
    throw new AppError(
      "forbidden",
      `A key cannot do more than its creator: you do not hold ${wider.join(", ")}.`,
      [{ path: ["roles"], message: `not one of your roles: ${wider.join(", ")}` }],
    );
  const key = generateApiKey(parsed.data.mode);
  const row = await scope.db.prisma.apiKey.create({
    data: {
      organizationId: scope.organizationId,
      mode: parsed.data.mode,
      name: parsed.data.name,
      keyHash: hashApiKey(key),
      displayPrefix: displayPrefixOf(key),
      createdById: scope.userId,
      roles,
    },
    select: SELECT_KEY,
  });
  return { api_key: toInfo(row), key };
};

export const listApiKeys = async (scope: MemberScope): Promise<ApiKeyInfo[]> => {
  const rows = await scope.db.prisma.apiKey.findMany({
    where: keysVisibleTo(scope),
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: SELECT_KEY,
  });
  return rows.map(toInfo);
};

export const revokeApiKey = async (scope: MemberScope, id: string): Promise<ApiKeyInfo> => {
  const where = { id, ...keysVisibleTo(scope) };
  const { count } = await scope.db.prisma.apiKey.updateMany({
    where: { ...where, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  // Other processes may hold the key in their few seconds' cache: it stops working everywhere now.
  if (count > 0) await forgetApiKeys(scope.db);
  const row = await scope.db.prisma.apiKey.findFirst({ where, select: SELECT_KEY });
  if (!row) throw new AppError("not_found", "No API key with that id.");
  if (count === 0 && !row.revokedAt) throw new AppError("conflict", "The key changed meanwhile.");
  return toInfo(row);
};
