import { CreateQualityTaskRequestSchema, QualityTaskSchema } from "@taskforge/schema";

import { createEvaluationTask, createTrainingTask } from "../../services/quality";
import { createTRPCRouter, orgProcedureFor } from "../../trpc";

/**
 * Scale's quality tasks: evaluation tasks (gold tasks of a project, scoring its Taskers unseen) and
 * training tasks (practice for its Taskers, never a customer task). Inputs are checked in full by the
 * services, after the project's params are merged in.
 */
export const qualityRouter = createTRPCRouter({
  createEvaluationTask: orgProcedureFor("manage_work")
    .input(CreateQualityTaskRequestSchema)
    .output(QualityTaskSchema)
    .mutation(({ ctx, input }) =>
      createEvaluationTask(ctx.scope, input, { idempotencyKey: ctx.idempotencyKey }),
    ),
  createTrainingTask: orgProcedureFor("manage_work")
    .input(CreateQualityTaskRequestSchema)
    .output(QualityTaskSchema)
    .mutation(({ ctx, input }) => createTrainingTask(ctx.scope, input)),
});
