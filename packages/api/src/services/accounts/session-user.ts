import type { Database } from "@taskforge/db";
import type { MemberRole } from "@taskforge/schema";

import type { Worker } from "../work/worker";

/**
 * The signed-in person as procedures see it: a Worker (platform roles for the workspace and admin
 * pages) and, when they belong to one, their organization and role in it.
 */
export type SessionUser = Worker & {
  name?: string | null;
  organization?: { id: string; name: string; roles: MemberRole[] } | null;
};

/**
 * Loads the user behind a session on every request, so a removed member or a changed role takes effect
 * at once rather than when the session cookie expires.
 */
export const loadSessionUser = async (
  db: Database,
  userId: string,
): Promise<SessionUser | null> => {
  const user = await db.prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      orgRoles: true,
      platformRoles: true,
      organization: { select: { id: true, name: true } },
    },
  });
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    roles: user.platformRoles,
    organization: user.organization
      ? { id: user.organization.id, name: user.organization.name, roles: user.orgRoles }
      : null,
  };
};
