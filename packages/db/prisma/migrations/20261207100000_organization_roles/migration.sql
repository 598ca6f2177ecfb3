-- Roles inside an organization, an organization's own workforce, and API keys owned by members.
--
-- A member holds any set of roles: owner and admin run the organization (members, keys, callback
-- settings), managers run projects, tasks, batches and exports, annotators and reviewers label the
-- organization's own tasks, viewers read the dashboard.
CREATE TYPE "member_role" AS ENUM ('owner', 'admin', 'manager', 'annotator', 'reviewer', 'viewer');

ALTER TABLE "users" ADD COLUMN "org_roles" "member_role"[] DEFAULT ARRAY[]::"member_role"[];
-- Owners keep everything and can label at once; members had the whole dashboard, which is a manager's.
UPDATE "users" SET "org_roles" = CASE
    WHEN "org_role" = 'owner' THEN ARRAY['owner', 'annotator', 'reviewer']::"member_role"[]
    ELSE ARRAY['manager']::"member_role"[]
  END
  WHERE "organization_id" IS NOT NULL;
ALTER TABLE "users" DROP COLUMN "org_role";
-- A stable number per person: other organizations see platform workers as "Annotator <n>".
ALTER TABLE "users" ADD COLUMN "worker_number" SERIAL NOT NULL;
CREATE UNIQUE INDEX "users_worker_number_key" ON "users"("worker_number");

ALTER TABLE "invitations" ADD COLUMN "roles" "member_role"[] DEFAULT ARRAY['annotator']::"member_role"[];
UPDATE "invitations" SET "roles" = CASE
    WHEN "role" = 'owner' THEN ARRAY['owner', 'annotator', 'reviewer']::"member_role"[]
    ELSE ARRAY['manager']::"member_role"[]
  END;
ALTER TABLE "invitations" DROP COLUMN "role";
DROP TYPE "org_role";

-- Keys belong to the member who made them (gone with them) and act with at most these roles;
-- keys made before (or by TASKFORGE_BOOTSTRAP_API_KEY) have no creator and act for the organization.
ALTER TABLE "api_keys" ADD COLUMN "created_by_id" UUID;
ALTER TABLE "api_keys" ADD COLUMN "roles" "member_role"[] DEFAULT ARRAY['owner']::"member_role"[];
CREATE INDEX "api_keys_created_by_id_idx" ON "api_keys"("created_by_id");
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Who works on a project: its organization's annotators and reviewers (all, or those picked with a
-- work grant), and the installation's platform workforce only when a manager opts the project in.
-- Projects that platform workers could reach before keep that reach.
ALTER TABLE "projects" ADD COLUMN "member_access" TEXT NOT NULL DEFAULT 'all';
ALTER TABLE "projects" ADD COLUMN "platform_workforce" BOOLEAN NOT NULL DEFAULT false;
-- Who may redo a rejected task: anyone eligible (its previous annotator included), or someone else.
ALTER TABLE "projects" ADD COLUMN "redo_to" TEXT NOT NULL DEFAULT 'anyone';
UPDATE "projects" p SET "platform_workforce" = true
  WHERE EXISTS (SELECT 1 FROM "work_grants" g
    WHERE g."removed_at" IS NULL AND (g."project_id" = p."id" OR g."task_type" = p."type"));

-- A redo may go back to the person who did the earlier round: one turn per person per round.
DROP INDEX "task_assignments_task_id_user_id_kind_key";
CREATE UNIQUE INDEX "task_assignments_task_id_user_id_kind_round_key" ON "task_assignments"("task_id", "user_id", "kind", "round");
