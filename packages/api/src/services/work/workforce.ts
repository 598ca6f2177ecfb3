import type { GrantWorkInput } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import { badRequest, notFound } from "../../errors";
import { WORKER_SCOPE_CTES } from "./eligible";
import type { WorkKind } from "./worker";

/** Allows a user to take one project's tasks, or every task of one type, as a Tasker or reviewer. */
export const grantWork = async (tx: DbClient, input: GrantWorkInput) => {
  const user = await tx.user.findUnique({ where: { id: input.user_id }, select: { id: true } });
  if (!user) throw notFound("User");
  if (
    input.project_id &&
    !(await tx.project.findUnique({ where: { id: input.project_id }, select: { id: true } }))
  ) {
    throw badRequest(`Project ${input.project_id} not found.`, [
      { path: ["project_id"], message: "not found" },
    ]);
  }
  return tx.workGrant.create({
    data: {
      userId: input.user_id,
      role: input.role,
      projectId: input.project_id ?? null,
      taskType: input.task_type ?? null,
    },
  });
};

export const revokeGrant = async (tx: DbClient, grantId: string, reason: string) => {
  const updated = await tx.workGrant.updateMany({
    where: { id: grantId, removedAt: null },
    data: { removedAt: new Date(), removedReason: reason },
  });
  if (!updated.count) throw notFound("Active grant");
};

const ELIGIBILITY_SQL = `
WITH ${WORKER_SCOPE_CTES}
SELECT org::text AS "organization_id", member, projects::text[] AS "projects",
  someone_else::text[] AS "someone_else"
FROM scope`;

/**
 * What a worker may claim (the claim's own rules, see `WORKER_SCOPE_CTES`): the projects in their
 * reach, whether their own organization's tasks without a project are theirs too, and the projects
 * where a redo never comes back to them.
 */
export const eligibility = async (tx: DbClient, userId: string, kind: WorkKind) => {
  const [row] = await tx.$queryRawUnsafe<
    {
      organization_id: string | null;
      member: boolean;
      projects: string[];
      someone_else: string[];
    }[]
  >(ELIGIBILITY_SQL, userId, kind);
  return {
    organizationId: row?.organization_id ?? null,
    unprojectedTasks: row?.member ?? false,
    projectIds: row?.projects ?? [],
    redoToSomeoneElseProjectIds: row?.someone_else ?? [],
  };
};

/** Every worker with their grants and, per project, submissions and gold accuracy (null before any gold). */
export const listWorkforce = async (tx: DbClient) => {
  // Selected in SQL: Prisma's `has` filter on an enum array fails on PGlite ("malformed array literal").
  const workers = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM users
    WHERE platform_roles && ARRAY['tasker', 'reviewer']::platform_role[]`;
  const users = await tx.user.findMany({
    where: { id: { in: workers.map((w) => w.id) } },
    select: {
      id: true,
      email: true,
      platformRoles: true,
      workGrants: {
        select: {
          id: true,
          role: true,
          projectId: true,
          taskType: true,
          removedAt: true,
          removedReason: true,
        },
      },
      stats: {
        select: { projectId: true, submissions: true, goldCount: true, goldScoreSum: true },
      },
    },
    orderBy: { email: "asc" },
  });
  return users.map((u) => ({
    user_id: u.id,
    email: u.email,
    roles: u.platformRoles,
    grants: u.workGrants.map((g) => ({
      grant_id: g.id,
      role: g.role,
      project_id: g.projectId,
      task_type: g.taskType,
      removed_at: g.removedAt?.toISOString() ?? null,
      removed_reason: g.removedReason,
    })),
    projects: u.stats.map((s) => ({
      project_id: s.projectId,
      submissions: s.submissions,
      gold_count: s.goldCount,
      accuracy: s.goldCount ? s.goldScoreSum / s.goldCount : null,
    })),
  }));
};
