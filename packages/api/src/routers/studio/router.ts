import {
  AssignStudioBatchInputSchema,
  CreateProjectGroupInputSchema,
  ProjectGroupListSchema,
  ProjectGroupSchema,
  ProjectGroupsInputSchema,
  ResetStudioPrioritiesInputSchema,
  SetStudioPrioritiesInputSchema,
  StudioAssignmentChangeInputSchema,
  StudioAssignmentsInputSchema,
  StudioAssignmentsSchema,
  StudioBatchesInputSchema,
  StudioBatchListSchema,
  StudioBatchSchema,
  UpdateProjectGroupInputSchema,
} from "@taskforge/schema";

import {
  addAssignments,
  assignStudioBatch,
  createProjectGroup,
  listAssignments,
  listProjectGroups,
  listStudioBatches,
  removeAssignments,
  resetStudioPriorities,
  setStudioPriorities,
  updateProjectGroup,
} from "../../services/studio";
import { createTRPCRouter, orgProcedureFor } from "../../trpc";

/**
 * Scale's Studio (`/v1/studio/*`) over the organization's own workforce: assignments are the
 * managers' per-project picks, project groups name sets of members, and the pending batches are
 * ordered (their tasks served in that order) and may be kept to some groups. Who works on what is
 * the managers' (as `staffing`); the batch queue reads like the batch list.
 */
export const studioRouter = createTRPCRouter({
  assignments: orgProcedureFor("manage_work")
    .input(StudioAssignmentsInputSchema)
    .output(StudioAssignmentsSchema)
    .query(({ ctx }) => listAssignments(ctx.scope)),
  addAssignments: orgProcedureFor("manage_work")
    .input(StudioAssignmentChangeInputSchema)
    .output(StudioAssignmentsSchema)
    .mutation(({ ctx, input }) => addAssignments(ctx.scope, input)),
  removeAssignments: orgProcedureFor("manage_work")
    .input(StudioAssignmentChangeInputSchema)
    .output(StudioAssignmentsSchema)
    .mutation(({ ctx, input }) => removeAssignments(ctx.scope, input)),
  groups: orgProcedureFor("manage_work")
    .input(ProjectGroupsInputSchema)
    .output(ProjectGroupListSchema)
    .query(({ ctx, input }) => listProjectGroups(ctx.scope, input.project)),
  createGroup: orgProcedureFor("manage_work")
    .input(CreateProjectGroupInputSchema)
    .output(ProjectGroupSchema)
    .mutation(({ ctx, input }) => createProjectGroup(ctx.scope, input)),
  updateGroup: orgProcedureFor("manage_work")
    .input(UpdateProjectGroupInputSchema)
    .output(ProjectGroupSchema)
    .mutation(({ ctx, input }) => updateProjectGroup(ctx.scope, input)),
  batches: orgProcedureFor("read")
    .input(StudioBatchesInputSchema)
    .output(StudioBatchListSchema)
    .query(({ ctx }) => listStudioBatches(ctx.scope)),
  assignBatch: orgProcedureFor("manage_work")
    .input(AssignStudioBatchInputSchema)
    .output(StudioBatchSchema)
    .mutation(({ ctx, input }) => assignStudioBatch(ctx.scope, input)),
  setPriorities: orgProcedureFor("manage_work")
    .input(SetStudioPrioritiesInputSchema)
    .output(StudioBatchListSchema)
    .mutation(({ ctx, input }) => setStudioPriorities(ctx.scope, input)),
  resetPriorities: orgProcedureFor("manage_work")
    .input(ResetStudioPrioritiesInputSchema)
    .output(StudioBatchListSchema)
    .mutation(({ ctx }) => resetStudioPriorities(ctx.scope)),
});
