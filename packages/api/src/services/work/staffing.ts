import type {
  ProjectPickInput,
  ProjectWorkforce,
  StuckReason,
  StuckTasks,
  StuckTasksInput,
  WorkKind,
} from "@taskforge/schema";
import { StuckTasksInputSchema } from "@taskforge/schema";

import { badRequest, conflict, notFound, taskNotFound } from "../../errors";
import { worldOf } from "../../scope";
import type { Scope } from "../../scope";
import { recordTaskEvent } from "../tasks/history";
import { releaseWorkOutOfReach } from "./reach";

const findProject = async (scope: Scope, name: string) => {
  const project = await scope.db.prisma.project.findFirst({
    where: { name, ...worldOf(scope) },
    select: {
      id: true,
      name: true,
      memberAccess: true,
      platformWorkforce: true,
      redoTo: true,
    },
  });
  if (!project) throw notFound("Project");
  return project;
};

/**
 * The organization's members who may work on a project (annotators and reviewers), and which of
 * them a manager picked for it (what counts when the project's `member_access` is 'selected').
 */
export const projectWorkforce = async (scope: Scope, name: string): Promise<ProjectWorkforce> => {
  const project = await findProject(scope, name);
  const [members, picks] = await Promise.all([
    scope.db.prisma.user.findMany({
      where: { organizationId: scope.organizationId },
      select: { id: true, name: true, email: true, orgRoles: true },
      orderBy: { email: "asc" },
    }),
    scope.db.prisma.workGrant.findMany({
      where: {
        projectId: project.id,
        removedAt: null,
        user: { organizationId: scope.organizationId },
      },
      select: { userId: true, role: true },
    }),
  ]);
  const picked = (userId: string, role: WorkKind) =>
    picks.some((p) => p.userId === userId && p.role === role);
  return {
    project: project.name,
    member_access: project.memberAccess === "selected" ? "selected" : "all",
    platform_workforce: project.platformWorkforce,
    redo_to: project.redoTo === "someone_else" ? "someone_else" : "anyone",
    members: members
      .filter((m) => m.orgRoles.includes("annotator") || m.orgRoles.includes("reviewer"))
      .map((m) => ({
        user_id: m.id,
        name: m.name,
        email: m.email,
        roles: m.orgRoles,
        picked: { annotate: picked(m.id, "annotate"), review: picked(m.id, "review") },
      })),
  };
};

/**
 * Picks a member of the organization for a project (one kind of work), or unpicks them. A person
 * outside the organization is not found; a member without the matching role is refused, since the
 * pick would not let them work. Unpicking deletes the pick: a removed grant means "removed by gold
 * accuracy", which would keep them out even if the project goes back to every member.
 */
export const setProjectPick = (scope: Scope, input: ProjectPickInput, picked: boolean) =>
  scope.db.prisma.$transaction(async (tx) => {
    const project = await tx.project.findFirst({
      where: { name: input.project, ...worldOf(scope) },
      select: { id: true, name: true },
    });
    if (!project) throw notFound("Project");
    const member = await tx.user.findFirst({
      where: { id: input.user_id, organizationId: scope.organizationId },
      select: { id: true, orgRoles: true },
    });
    if (!member) throw notFound("Member");
    const where = { userId: member.id, projectId: project.id, role: input.role };
    if (picked) {
      const role = input.role === "annotate" ? "annotator" : "reviewer";
      if (!member.orgRoles.includes(role))
        throw badRequest(
          `This member does not hold the ${role} role, so a pick would not let them work.`,
          [{ path: ["user_id"], message: `not an ${role}` }],
        );
      const active = await tx.workGrant.findFirst({ where: { ...where, removedAt: null } });
      if (!active) await tx.workGrant.create({ data: where });
    } else {
      await tx.workGrant.deleteMany({ where: { ...where, removedAt: null } });
      await releaseWorkOutOfReach(tx, member.id);
    }
    return { project: project.name, user_id: member.id, role: input.role, picked };
  });

/**
 * The workers (user ids) who may take task `t` (project `p`, left-joined) in its stage, ignoring
 * whether they already had their turn: the task's organization's members holding the role (every
 * member on an 'all' project unless gold removed them, the picked ones on a 'selected' project),
 * and platform workers granted the project or its type when the project opted in. The same rules
 * as the claim (`WORKER_SCOPE_CTES`), seen from the task.
 */
const ELIGIBLE_WORKERS = `
  SELECT u."id" FROM "users" u
  WHERE u."organization_id" = t."organization_id"
    AND (CASE WHEN t."stage" = 'annotate' THEN 'annotator' ELSE 'reviewer' END)::member_role = ANY(u."org_roles")
    AND (t."project_id" IS NULL
      OR EXISTS (SELECT 1 FROM "work_grants" g WHERE g."user_id" = u."id" AND g."project_id" = t."project_id"
        AND g."role"::text = t."stage"::text AND g."removed_at" IS NULL)
      OR (p."member_access" = 'all' AND NOT EXISTS (SELECT 1 FROM "work_grants" g WHERE g."user_id" = u."id"
        AND g."project_id" = t."project_id" AND g."role"::text = t."stage"::text AND g."removed_at" IS NOT NULL)))
  UNION
  SELECT u."id" FROM "work_grants" g JOIN "users" u ON u."id" = g."user_id"
  WHERE p."platform_workforce" AND g."removed_at" IS NULL AND g."role"::text = t."stage"::text
    AND u."platform_roles" && (CASE WHEN t."stage" = 'annotate' THEN '{tasker,admin}' ELSE '{reviewer,admin}' END)::platform_role[]
    AND (g."project_id" = p."id" OR (g."task_type" = p."type" AND NOT EXISTS (
      SELECT 1 FROM "work_grants" r WHERE r."user_id" = u."id" AND r."project_id" = p."id"
        AND r."role" = g."role" AND r."removed_at" IS NOT NULL)))`;

/**
 * Worker `w` may take task `t` of batch `bt` (left-joined) as far as batch groups go: the batch is
 * kept to none, or `w` is in one of its groups and a member of the task's organization (the claim's
 * `BATCH_SERVED`, seen from the task).
 */
const IN_BATCH_GROUPS = `(NOT COALESCE(bt."group_restricted", false) OR (
    EXISTS (SELECT 1 FROM "batch_groups" bg
      JOIN "project_group_members" gm ON gm."group_id" = bg."group_id" AND gm."user_id" = w."id"
      WHERE bg."batch_id" = bt."id")
    AND EXISTS (SELECT 1 FROM "users" wu WHERE wu."id" = w."id" AND wu."organization_id" = t."organization_id")))`;

/** Whether worker `w` already had their turn at task `t` (the claim's `NOT_WORKED`, reversed). */
const WORKED = `EXISTS (
  SELECT 1 FROM "task_assignments" a
  WHERE a."task_id" = t."id" AND a."user_id" = w."id" AND a."kind"::text = t."stage"::text
    AND (a."round" = t."round" OR (a."kind" = 'annotate' AND a."status" = 'submitted'
      AND p."redo_to" = 'someone_else')))`;

/**
 * The organization's pending live tasks that still need a worker (a free slot, batch not in
 * staging, not gold) and that no eligible worker can take, with what it takes to explain why.
 */
const STUCK_SQL = `
SELECT t."id" AS "task_id", t."type", t."project_id"::text AS "project_id", p."name" AS "project",
  t."stage"::text AS "stage", t."round", t."created_at",
  p."member_access", COALESCE(p."platform_workforce", false) AS "platform_workforce",
  e."eligible_without_groups",
  e."eligible",
  (SELECT count(*)::int FROM "users" u WHERE u."organization_id" = t."organization_id"
    AND (CASE WHEN t."stage" = 'annotate' THEN 'annotator' ELSE 'reviewer' END)::member_role = ANY(u."org_roles")
  ) AS "role_holders",
  (SELECT count(*)::int FROM "work_grants" g JOIN "users" u ON u."id" = g."user_id"
    WHERE g."project_id" = t."project_id" AND g."removed_at" IS NULL AND g."role"::text = t."stage"::text
      AND u."organization_id" = t."organization_id") AS "picks",
  (SELECT count(*)::int FROM "work_grants" g JOIN "users" u ON u."id" = g."user_id"
    WHERE g."removed_at" IS NULL AND g."role"::text = t."stage"::text
      AND (g."project_id" = t."project_id" OR g."task_type" = t."type")
      AND u."organization_id" IS DISTINCT FROM t."organization_id") AS "platform_grants",
  COALESCE((SELECT array_agg(a."reason" ORDER BY a."claimed_at") FROM "task_assignments" a
    WHERE a."task_id" = t."id" AND a."round" = t."round" AND a."status" = 'reported'), '{}') AS "reports"
FROM "tasks" t
LEFT JOIN "projects" p ON p."id" = t."project_id"
LEFT JOIN "batches" bt ON bt."id" = t."batch_id"
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE ${IN_BATCH_GROUPS})::int AS "eligible",
    count(*) FILTER (WHERE ${IN_BATCH_GROUPS} AND NOT ${WORKED})::int AS "available",
    count(*)::int AS "eligible_without_groups"
  FROM (${ELIGIBLE_WORKERS}) w
) e
WHERE t."organization_id" = $1::uuid AND NOT t."is_test" AND t."status" = 'pending' AND NOT t."is_gold"
  AND t."claims_open" < t."annotations_required" AND (t."stage" = 'annotate' OR t."claims_open" < 1)
  AND ($2::uuid IS NULL OR t."project_id" = $2::uuid)
  AND (t."batch_id" IS NULL OR EXISTS (
    SELECT 1 FROM "batches" b WHERE b."id" = t."batch_id" AND b."status" <> 'staging'))
  AND e."available" = 0
ORDER BY t."created_at", t."id"
LIMIT $3`;

type StuckRow = {
  task_id: string;
  type: string;
  project_id: string | null;
  project: string | null;
  stage: WorkKind;
  round: number;
  created_at: Date;
  member_access: string | null;
  platform_workforce: boolean;
  eligible: number;
  /** Eligible but for the batch's groups. */
  eligible_without_groups: number;
  role_holders: number;
  picks: number;
  platform_grants: number;
  reports: (string | null)[];
};

const reasonOf = (row: StuckRow): StuckReason => {
  if (row.eligible > 0) return row.reports.length ? "reported" : "everyone_worked";
  if (row.eligible_without_groups > 0) return "no_group_member";
  // Platform workers are granted this work, but the project keeps them out and no member can do it.
  const platformWaiting =
    row.project_id !== null && !row.platform_workforce && row.platform_grants > 0;
  if (row.role_holders === 0)
    return platformWaiting ? "platform_not_opted_in" : "no_member_with_role";
  if (row.member_access === "selected") return "no_member_picked";
  return "members_removed";
};

/**
 * The organization's pending tasks that no eligible worker can take, each with the reason. Tasks
 * with problem reports (fewer than the project's threshold, or they would be in `error`) and nobody
 * else to take them are in the "needs attention" state. Only the live world has a work queue: the
 * test world lists nothing.
 */
export const stuckTasks = async (
  scope: Scope,
  input: StuckTasksInput = {},
): Promise<StuckTasks> => {
  const { project, limit } = StuckTasksInputSchema.parse(input);
  if (scope.isTest) return { tasks: [], needs_attention: 0 };
  const projectId = project ? (await findProject(scope, project)).id : null;
  const rows = await scope.db.prisma.$queryRawUnsafe<StuckRow[]>(
    STUCK_SQL,
    scope.organizationId,
    projectId,
    limit,
  );
  const tasks = rows.map((row) => ({
    task_id: row.task_id,
    type: row.type,
    project: row.project,
    stage: row.stage,
    round: row.round,
    created_at: row.created_at.toISOString(),
    reason: reasonOf(row),
    eligible_workers: row.eligible,
    reports: row.reports.map((r) => r ?? "other"),
    can_requeue: row.stage === "annotate" && row.eligible > 0,
  }));
  return { tasks, needs_attention: tasks.filter((t) => t.reason === "reported").length };
};

/**
 * Returns a task nobody can take to the queue: a new round, so everyone who skipped, released or
 * reported it this round may take it again (a `someone_else` project still keeps it from those who
 * submitted an earlier round). Assignments still open in the old round are superseded. Only for
 * the annotation stage: a new round of a task waiting for review would discard its annotations.
 */
export const requeueTask = (scope: Scope, taskId: string) =>
  scope.db.prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "tasks" WHERE "id" = ${taskId} AND "organization_id" = ${scope.organizationId}::uuid
        AND "is_test" = ${scope.isTest} FOR UPDATE`;
    if (!locked.length) throw taskNotFound();
    const task = await tx.task.findUniqueOrThrow({
      where: { id: taskId },
      select: { status: true, stage: true, round: true, isGold: true },
    });
    if (task.status !== "pending")
      throw conflict(`This task is ${task.status}, not waiting for work.`);
    if (task.isGold)
      throw conflict("Gold tasks are served to every Tasker once; there is no round to start.");
    if (task.stage !== "annotate")
      throw conflict(
        "This task waits for a reviewer: give a member the reviewer role (or pick one for the project) instead.",
      );
    await tx.taskAssignment.updateMany({
      where: { taskId, round: task.round, status: "active" },
      data: { status: "superseded" },
    });
    const updated = await tx.task.update({
      where: { id: taskId },
      data: { round: { increment: 1 }, claimsOpen: 0 },
      select: { round: true },
    });
    await recordTaskEvent(tx, taskId, "requeued", scope.actor, { round: updated.round });
    return { task_id: taskId, round: updated.round };
  });
