import type { Database } from "@taskforge/db";
import type { MemberInfo, OrgRole } from "@taskforge/schema";

import { AppError } from "../../errors";

/** A signed-in member acting on their own organization. */
export type MemberScope = {
  db: Database;
  organizationId: string;
  userId: string;
  role: OrgRole;
};

export const requireOwner = (scope: MemberScope) => {
  if (scope.role !== "owner")
    throw new AppError("forbidden", "Only an owner of the organization can do this.");
};

export const listMembers = async (scope: MemberScope): Promise<MemberInfo[]> => {
  const rows = await scope.db.prisma.user.findMany({
    where: { organizationId: scope.organizationId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      orgRole: true,
      createdAt: true,
      lastSignInAt: true,
    },
  });
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.orgRole,
    created_at: row.createdAt.toISOString(),
    last_sign_in_at: row.lastSignInAt?.toISOString() ?? null,
  }));
};

const memberNotFound = () => new AppError("not_found", "No member with that id.");

/**
 * Changes a member's role or removes them. The organization keeps at least one owner: the count is
 * taken under a lock on the organization so two owners demoting each other cannot both succeed.
 */
const changeMembership = (scope: MemberScope, memberId: string, role: OrgRole | null) => {
  requireOwner(scope);
  return scope.db.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${scope.organizationId}::uuid FOR UPDATE`;
    const member = await tx.user.findFirst({
      where: { id: memberId, organizationId: scope.organizationId },
      select: { orgRole: true },
    });
    if (!member) throw memberNotFound();
    if (member.orgRole === "owner" && role !== "owner") {
      const owners = await tx.user.count({
        where: { organizationId: scope.organizationId, orgRole: "owner" },
      });
      if (owners <= 1)
        throw new AppError(
          "conflict",
          "An organization needs at least one owner: make someone else an owner first.",
        );
    }
    await tx.user.update({
      where: { id: memberId },
      data: role ? { orgRole: role } : { organizationId: null, orgRole: "member" },
    });
  });
};

export const setMemberRole = (scope: MemberScope, memberId: string, role: OrgRole) =>
  changeMembership(scope, memberId, role);

export const removeMember = (scope: MemberScope, memberId: string) =>
  changeMembership(scope, memberId, null);
