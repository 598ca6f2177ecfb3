import type { Database } from "@taskforge/db";
import { hasPermission, PERMISSIONS } from "@taskforge/schema";
import type { MemberRole, Permission } from "@taskforge/schema";

import type { AuthenticatedKey } from "./api-keys";
import { AppError } from "./errors";
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
  /** The roles the caller acts with: a member's, or an API key's (at most its creator's). */
  roles: readonly MemberRole[];
};

/** The roles of the server's own work (exports, seeding, the workspace's writes on a task). */
export const SYSTEM_ROLES: readonly MemberRole[] = ["owner"];

export const scopeOf = (db: Database, key: AuthenticatedKey): Scope => ({
  db,
  organizationId: key.organizationId,
  isTest: key.isTest,
  actor: `api_key:${key.displayPrefix}`,
  roles: key.roles,
});

const roleList = (roles: readonly string[]) =>
  roles.length <= 1
    ? (roles[0] ?? "none")
    : `${roles.slice(0, -1).join(", ")} or ${roles[roles.length - 1]}`;

/**
 * Refuses a call the caller's roles do not allow. Only members of the organization (or its keys)
 * reach this check, so a refusal is a 403 naming the roles that would allow it.
 */
export const requirePermission = (roles: readonly MemberRole[], permission: Permission) => {
  if (hasPermission(roles, permission)) return;
  throw new AppError(
    "forbidden",
    `Your role${roles.length === 1 ? "" : "s"} (${roles.join(", ") || "none"}) cannot do this: it needs ${roleList(PERMISSIONS[permission])}.`,
  );
};

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
    member: {
      db,
      organizationId: organization.id,
      userId: user.userId,
      roles: organization.roles,
    },
    scope: (mode) => ({
      db,
      organizationId: organization.id,
      isTest: mode === "test",
      // Colleagues see each other's names in history and audits (the email when there is none).
      actor: user.name?.trim() || user.email,
      roles: organization.roles,
    }),
  };
};
