import { z } from "zod";

import type { DbClient } from "../../db-client";
import { badRequest, notFound } from "../../errors";
import type { WorkKind } from "./worker";

export const GrantWorkInputSchema = z
  .strictObject({
    user_id: z.uuid(),
    role: z.enum(["annotate", "review"]),
    project_id: z.uuid().optional(),
    task_type: z.string().min(1).optional(),
  })
  .refine((g) => (g.project_id === undefined) !== (g.task_type === undefined), {
    error: "give exactly one of project_id or task_type",
    path: ["project_id"],
  });
export type GrantWorkInput = z.infer<typeof GrantWorkInputSchema>;

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

/**
 * What a worker may claim: projects granted directly, task types granted wholesale, minus projects
 * they were removed from (a removed project grant also excludes that project from type grants).
 */
export const eligibility = async (tx: DbClient, userId: string, kind: WorkKind) => {
  const grants = await tx.workGrant.findMany({
    where: { userId, role: kind },
    select: { projectId: true, taskType: true, removedAt: true },
  });
  const active = grants.filter((g) => !g.removedAt);
  const projectIds = active.flatMap((g) => g.projectId ?? []);
  const excluded = grants.flatMap((g) =>
    g.removedAt && g.projectId && !projectIds.includes(g.projectId) ? [g.projectId] : [],
  );
  return {
    projectIds,
    taskTypes: active.flatMap((g) => g.taskType ?? []),
    excludedProjectIds: excluded,
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
