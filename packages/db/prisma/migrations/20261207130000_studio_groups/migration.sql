-- Scale Studio: project groups (named sets of an organization's members on one project) and batches
-- served only to the members of their groups. Batch priority already lives on batches and, copied,
-- on their tasks (`batch_priority`, part of the claim index).

-- A batch with groups is served only to their members; the flag spares the claim a lookup for the others.
ALTER TABLE "batches" ADD COLUMN "group_restricted" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "project_groups" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_group_members" (
    "group_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_group_members_pkey" PRIMARY KEY ("group_id","user_id")
);

-- CreateTable
CREATE TABLE "batch_groups" (
    "batch_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,

    CONSTRAINT "batch_groups_pkey" PRIMARY KEY ("batch_id","group_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "project_groups_project_id_name_key" ON "project_groups"("project_id", "name");

-- CreateIndex
CREATE INDEX "project_group_members_user_id_idx" ON "project_group_members"("user_id");

-- CreateIndex
CREATE INDEX "batch_groups_group_id_idx" ON "batch_groups"("group_id");

-- AddForeignKey
ALTER TABLE "project_groups" ADD CONSTRAINT "project_groups_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_group_members" ADD CONSTRAINT "project_group_members_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "project_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_group_members" ADD CONSTRAINT "project_group_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_groups" ADD CONSTRAINT "batch_groups_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_groups" ADD CONSTRAINT "batch_groups_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "project_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;
