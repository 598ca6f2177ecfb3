import type { Database } from "@taskforge/db";

import type { AuthenticatedKey } from "./api-keys";
import type { MemberScope } from "./services/accounts/members";
import type { SessionUser } from "./services/accounts/session-user";

/**
 * Who a domain operation acts for. Every query a service runs is filtered by this organization and
 * world (live or test), so another tenant's object is simply not found.
 */
export type Scope = {
  db: Database;
  organizationId: string;
  isTest: boolean;
  /** Who acts, as recorded in audits (`audited_by`); for API keys, the key's display prefix. */
  actor: string;
};

export const scopeOf = (db: Database, key: AuthenticatedKey): Scope => ({
  db,
  organizationId: key.organizationId,
  isTest: key.isTest,
  actor: `api_key:${key.displayPrefix}`,
});

/** The filter every query of a scoped service starts from. */
export const worldOf = (scope: Scope) => ({
  organizationId: scope.organizationId,
  isTest: scope.isTest,
});

/** The scopes of a signed-in member: their organization, in the world the dashboard has selected. */
export const memberScopeOf = (
  db: Database,
  user: SessionUser,
): { member: MemberScope; scope: (mode: "live" | "test") => Scope } | null => {
  const organization = user.organization;
  if (!organization) return null;
  return {
    member: { db, organizationId: organization.id, userId: user.userId, role: organization.role },
    scope: (mode) => ({
      db,
      organizationId: organization.id,
      isTest: mode === "test",
      actor: user.email,
    }),
  };
};
