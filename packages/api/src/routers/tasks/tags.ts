import { ChangeTagsInputSchema, SetTagsInputSchema, TaskSchema } from "@taskforge/schema";

import { addTaskTags, removeTaskTags, setTaskTags } from "../../services/tasks";
import { orgProcedureFor } from "../../trpc";

/** Replaces all tags (at most 5). */
export const setTaskTagsProcedure = orgProcedureFor("manage_work")
  .input(SetTagsInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => setTaskTags(ctx.scope, input.task_id, input.tags));

/** Adds tags; ones already present are ignored. */
export const addTaskTagsProcedure = orgProcedureFor("manage_work")
  .input(ChangeTagsInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => addTaskTags(ctx.scope, input.task_id, input.tags));

/** Removes tags; absent ones are ignored. */
export const removeTaskTagsProcedure = orgProcedureFor("manage_work")
  .input(ChangeTagsInputSchema)
  .output(TaskSchema)
  .mutation(({ ctx, input }) => removeTaskTags(ctx.scope, input.task_id, input.tags));
