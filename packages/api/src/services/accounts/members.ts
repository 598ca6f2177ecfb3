import type { Database } from "@taskforge/db";
import { canGrantRoles } from "@taskforge/schema";
import type { MemberInfo, MemberRole } from "@taskforge/schema";

import { forgetApiKeys } from "../../api-key-cache";
import { AppError } from "../../errors";
import { releaseWorkOutOfReach } from "../work/reach";
import { requirePermission } from "../../scope";
import { endSessionsOf } from "./sessions";

/** A signed-in member acting on their own organization. */
export type MemberScope = {
  db: Database;
  organizationId: string;
  /** Null for an API key that acts for the whole organization (no member made it). */
  userId: string | null;
  roles: readonly MemberRole[];
};

/** Members, invitations and organization settings: owners and admins. */
export const requireOrganizationManager = (scope: MemberScope) =>
  requirePermission(scope.roles, "manage_organization");

export const listMembers = async (scope: MemberScope): Promise<MemberInfo[]> => {
  const rows = await scope.db.prisma.user.findMany({
    where: { organizationId: scope.organizationId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      orgRoles: true,
      createdAt: true,
      lastSignInAt: true,
    },
  });
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.orgRoles,
    created_at: row.createdAt.toISOString(),
    last_sign_in_at: row.lastSignInAt?.toISOString() ?? null,
  }));
};

const memberNotFound = () => new AppError("not_found", "No member with that id.");

const ownersOnly = () =>
  new AppError("forbidden", "Only an owner can make someone an owner or change an owner's roles.");

/**
 * Changes a member's roles or removes them. Admins manage everyone but owners; only owners make
 * owners. The organization keeps at least one owner: the count is taken under a lock on the
 * organization so two owners demoting each other cannot both succeed. A removed member's sessions
 * end and their API keys stop at once (keys are checked against the membership on every request),
 * and so does the work they held and may no longer do.
 */
const changeMembership = (scope: MemberScope, memberId: string, roles: MemberRole[] | null) => {
  requireOrganizationManager(scope);
  if (roles && !canGrantRoles(scope.roles, roles)) throw ownersOnly();
  const changed = scope.db.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${scope.organizationId}::uuid FOR UPDATE`;
    const member = await tx.user.findFirst({
      where: { id: memberId, organizationId: scope.organizationId },
      select: { orgRoles: true },
    });
    if (!member) throw memberNotFound();
    const wasOwner = member.orgRoles.includes("owner");
    if (wasOwner && !scope.roles.includes("owner")) throw ownersOnly();
    if (wasOwner && !roles?.includes("owner")) {
      // In SQL: Prisma's `has` filter on an enum array fails on PGlite ("malformed array literal").
      const [{ owners }] = await tx.$queryRaw<[{ owners: number }]>`
        SELECT count(*)::int AS owners FROM users
        WHERE organization_id = ${scope.organizationId}::uuid AND 'owner' = ANY(org_roles)`;
      if (owners <= 1)
        throw new AppError(
          "conflict",
          "An organization needs at least one owner: make someone else an owner first.",
        );
    }
    await tx.user.update({
      where: { id: memberId },
      data: roles ? { orgRoles: roles } : { organizationId: null, orgRoles: [] },
    });
    // Work they hold and may no longer do goes back to the queue now, not when its lease ends.
    await releaseWorkOutOfReach(tx, memberId);
    // A removed member is signed out everywhere (they may sign in again, outside the organization).
    if (!roles) await endSessionsOf(tx, memberId);
  });
  // The member's API keys act with at most the member's roles: cached keys are read afresh.
  return changed.then(() => forgetApiKeys(scope.db));
};

export const setMemberRoles = (scope: MemberScope, memberId: string, roles: MemberRole[]) =>
  changeMembership(scope, memberId, roles);

export const removeMember = (scope: MemberScope, memberId: string) =>
  changeMembership(scope, memberId, null);
