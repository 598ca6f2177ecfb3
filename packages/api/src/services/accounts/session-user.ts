import type { Database } from "@taskforge/db";
import type { MemberRole } from "@taskforge/schema";

import type { Worker } from "../work/worker";

/**
 * The signed-in person as procedures see it: a Worker (platform roles for the workspace and admin
 * pages) and, when they belong to one, their organization and role in it.
 */
export type SessionUser = Worker & {
  name?: string | null;
  /** The web session this request came with (none for API keys and in-process callers). */
  sessionId?: string;
  organization?: { id: string; name: string; roles: MemberRole[] } | null;
};

/**
 * Loads a user as procedures see them, read afresh on every request, so a removed member or a
 * changed role takes effect at once rather than when the session cookie expires.
 */
export const loadUserById = async (db: Database, userId: string): Promise<SessionUser | null> => {
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

/**
 * The user behind a session cookie: only while its session row lives (see `sessions.ts`); a
 * cookie from before sessions had rows, or from a session that ended, signs no one in.
 */
export const loadSessionUser = async (
  db: Database,
  userId: string,
  sessionId: string | undefined,
): Promise<SessionUser | null> => {
  if (!sessionId) return null;
  const live = await db.prisma.userSession.count({
    where: { id: sessionId, userId, expiresAt: { gt: new Date() } },
  });
  if (!live) return null;
  const user = await loadUserById(db, userId);
  return user && { ...user, sessionId };
};
