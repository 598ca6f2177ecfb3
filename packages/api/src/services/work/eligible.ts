/**
 * Who may take which work, written once in SQL for the claim statement, the worker's queue count and
 * `eligibility()`. Parameters: `$1` the user's id, `$2` the kind of work ('annotate' or 'review').
 *
 * An organization's own workforce is the default: a member holding `annotator` (to annotate) or
 * `reviewer` (to review) works on their organization's live tasks without a project, and on its
 * projects whose `member_access` is 'all' (unless gold accuracy removed them from the project), or
 * 'selected' with an active work grant (a manager's pick) for that project and kind.
 *
 * The installation's platform workforce (platform Taskers, reviewers and admins with a grant for the
 * project or its task type) only reaches projects with `platform_workforce` on: never a task without
 * a project, never another organization's project that did not opt in.
 *
 * Defines the CTEs `me` (the user: organization and whether each path applies), `grants` (their
 * grants of this kind), `reach` (the projects they may work on, with the project settings the claim
 * needs) and `scope` (one row: `org`, `member`, `projects`, `someone_else`, `gold_rate`).
 */
export const WORKER_SCOPE_CTES = `
me AS (
  SELECT u."organization_id" AS org, u."organization_id", u."email", u."name", u."worker_number",
    u."organization_id" IS NOT NULL AND (CASE WHEN $2::text = 'annotate' THEN 'annotator' ELSE 'reviewer' END)::member_role = ANY(u."org_roles") AS member,
    u."platform_roles" && (CASE WHEN $2::text = 'annotate' THEN '{tasker,admin}' ELSE '{reviewer,admin}' END)::platform_role[] AS platform
  FROM "users" u
  WHERE u."id" = $1::uuid
), grants AS (
  SELECT g."project_id", g."task_type", g."removed_at" IS NULL AS active
  FROM "work_grants" g
  WHERE g."user_id" = $1::uuid AND g."role" = $2::text::assignment_kind
), reach AS (
  SELECT p."id", p."gold_rate", p."redo_to"
  FROM "projects" p, me
  WHERE me.member AND p."organization_id" = me.org AND NOT p."is_test"
    AND (p."id" IN (SELECT "project_id" FROM grants WHERE active)
      OR (p."member_access" = 'all' AND p."id" NOT IN (
        SELECT "project_id" FROM grants WHERE NOT active AND "project_id" IS NOT NULL)))
  UNION
  SELECT p."id", p."gold_rate", p."redo_to"
  FROM "projects" p, me
  WHERE me.platform AND p."platform_workforce" AND NOT p."is_test"
    AND (p."id" IN (SELECT "project_id" FROM grants WHERE active)
      OR (p."type" IN (SELECT "task_type" FROM grants WHERE active AND "task_type" IS NOT NULL)
        AND p."id" NOT IN (SELECT "project_id" FROM grants WHERE NOT active AND "project_id" IS NOT NULL)))
), scope AS (
  SELECT
    (SELECT org FROM me) AS org,
    COALESCE((SELECT member FROM me), false) AS member,
    COALESCE((SELECT array_agg(r."id") FROM reach r), '{}') AS projects,
    COALESCE((SELECT array_agg(r."id") FROM reach r WHERE r."redo_to" = 'someone_else'), '{}') AS someone_else,
    COALESCE((SELECT max(r."gold_rate") FROM reach r), 0) AS gold_rate
)`;

/**
 * The task `t` is in the worker's reach (see `WORKER_SCOPE_CTES`): a project they may work on, or
 * their own organization's task without a project when they hold the member role.
 */
export const IN_SCOPE = `(t."project_id" = ANY((SELECT projects FROM scope)::uuid[])
    OR (t."project_id" IS NULL AND t."organization_id" = (SELECT org FROM scope) AND (SELECT member FROM scope)))`;

/**
 * The worker has not had their turn at task `t`: nobody works a task twice in the same kind and
 * round. A redone task (a new round) may go back to its previous annotator, unless its project's
 * `redo_to` is 'someone_else', which excludes everyone who submitted an annotation in an earlier
 * round. `OFFSET 0` keeps it a lookup per task on the assignments' unique index (see the claim).
 */
export const NOT_WORKED = `NOT EXISTS (
      SELECT 1 FROM "task_assignments" a
      WHERE a."task_id" = t."id" AND a."user_id" = $1::uuid AND a."kind" = $2::text::assignment_kind
        AND (a."round" = t."round" OR (a."kind" = 'annotate' AND a."status" = 'submitted'
          AND t."project_id" = ANY((SELECT someone_else FROM scope)::uuid[])))
      OFFSET 0)`;

/**
 * Task `t`'s batch, if any, is being served to worker `$1`: not in staging, and when it was given
 * project groups (`group_restricted`), the worker is a member of one of them and of the task's
 * organization (groups hold only its members, and someone who left it is kept out). The group lookup
 * runs only for restricted batches. Needs `me` (see `WORKER_SCOPE_CTES`).
 */
export const BATCH_SERVED = `(t."batch_id" IS NULL OR EXISTS (
      SELECT 1 FROM "batches" b WHERE b."id" = t."batch_id" AND b."status" <> 'staging'
        AND (NOT b."group_restricted" OR (t."organization_id" = (SELECT org FROM me) AND EXISTS (
          SELECT 1 FROM "batch_groups" bg
          JOIN "project_group_members" gm ON gm."group_id" = bg."group_id" AND gm."user_id" = $1::uuid
          WHERE bg."batch_id" = b."id")))))`;
