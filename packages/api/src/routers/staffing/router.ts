import {
  ProjectPickInputSchema,
  ProjectPickSchema,
  ProjectWorkforceInputSchema,
  ProjectWorkforceSchema,
  RequeueInputSchema,
  RequeueResultSchema,
  StuckTasksInputSchema,
  StuckTasksSchema,
} from "@taskforge/schema";

import {
  projectWorkforce,
  requeueTask,
  setProjectPick,
  stuckTasks,
} from "../../services/work/staffing";
import { createTRPCRouter, orgProcedureFor } from "../../trpc";

/**
 * Who works on the organization's projects, and the work nobody can take: managers pick members
 * for projects that work with selected members, see every pending task no eligible worker can
 * take (with why), and return a task that needs attention to the queue.
 */
export const staffingRouter = createTRPCRouter({
  /** The project's annotators and reviewers among the members, and which are picked for it. */
  project: orgProcedureFor("manage_work")
    .input(ProjectWorkforceInputSchema)
    .output(ProjectWorkforceSchema)
    .query(({ ctx, input }) => projectWorkforce(ctx.scope, input.project)),
  /** Picks a member for the project (annotate or review); a member of another organization is 404. */
  pick: orgProcedureFor("manage_work")
    .input(ProjectPickInputSchema)
    .output(ProjectPickSchema)
    .mutation(({ ctx, input }) => setProjectPick(ctx.scope, input, true)),
  unpick: orgProcedureFor("manage_work")
    .input(ProjectPickInputSchema)
    .output(ProjectPickSchema)
    .mutation(({ ctx, input }) => setProjectPick(ctx.scope, input, false)),
  /** Pending tasks no eligible worker can take, each with the reason ("never stuck"). */
  stuck: orgProcedureFor("read")
    .input(StuckTasksInputSchema)
    .output(StuckTasksSchema)
    .query(({ ctx, input }) => stuckTasks(ctx.scope, input)),
  /** Returns a task nobody can take to the queue: a new round, open to this round's workers again. */
  requeue: orgProcedureFor("manage_work")
    .input(RequeueInputSchema)
    .output(RequeueResultSchema)
    .mutation(({ ctx, input }) => requeueTask(ctx.scope, input.task_id)),
});
