import type { Database, Prisma } from "@taskforge/db";
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

const USER_FIELDS = {
  id: true,
  email: true,
  name: true,
  orgRoles: true,
  platformRoles: true,
  organization: { select: { id: true, name: true } },
} as const;

/** A user row that matched (or none) as procedures see the person. */
const loaded = (db: Database, where: Prisma.UserWhereInput): Promise<SessionUser | null> =>
  db.prisma.user.findFirst({ where, select: USER_FIELDS }).then(
    (user) =>
      user && {
        userId: user.id,
        email: user.email,
        name: user.name,
        roles: user.platformRoles,
        organization: user.organization
          ? { id: user.organization.id, name: user.organization.name, roles: user.orgRoles }
          : null,
      },
  );

/**
 * Loads a user as procedures see them, read afresh on every request, so a removed member or a
 * changed role takes effect at once rather than when the session cookie expires.
 */
export const loadUserById = (db: Database, userId: string) => loaded(db, { id: userId });

/**
 * The user behind a session cookie, in the same query as the check that its session row lives
 * (see `sessions.ts`): a cookie from before sessions had rows, or from a session that ended, signs
 * no one in.
 */
export const loadSessionUser = async (
  db: Database,
  userId: string,
  sessionId: string | undefined,
): Promise<SessionUser | null> => {
  if (!sessionId) return null;
  const user = await loaded(db, {
    id: userId,
    sessions: { some: { id: sessionId, expiresAt: { gt: new Date() } } },
  });
  return user && { ...user, sessionId };
};
