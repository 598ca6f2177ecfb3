import {
  AssignmentInputSchema,
  ClaimInputSchema,
  DraftInputSchema,
  DraftSavedSchema,
  HeartbeatResultSchema,
  PracticeInputSchema,
  PracticeItemSchema,
  PracticeResultSchema,
  PracticeSubmitInputSchema,
  ReportInputSchema,
  ReturnedSchema,
  ReviewInputSchema,
  SkipInputSchema,
  SubmitInputSchema,
  SubmittedSchema,
  WorkerStatsInputSchema,
  WorkerStatsSchema,
  WorkItemSchema,
  WorkTaskStatusSchema,
} from "@taskforge/schema";

import {
  claimNext,
  currentWork,
  heartbeat,
  reportProblem,
  returnAssignment,
  reviewTask,
  saveDraft,
  submitAssignment,
  withFetchableAttachments,
  workerStats,
} from "../../services/work";
import { nextPractice, submitPractice } from "../../services/quality";
import { createTRPCRouter, workerProcedure } from "../../trpc";

/** The workspace and review pages: claim, keep, save, submit, give back or report work. */
export const workRouter = createTRPCRouter({
  /** The worker's current task, or the next one from the queue; null when there is none. */
  next: workerProcedure
    .input(ClaimInputSchema)
    .output(WorkItemSchema.nullable())
    .mutation(async ({ ctx, input }) =>
      withFetchableAttachments(ctx.db, await claimNext(ctx.db, ctx.user, input.kind), {
        baseUrl: input.base_url,
      }),
    ),
  /** The task the worker holds now (a reloaded page resumes it); null when none, nothing claimed. */
  current: workerProcedure
    .input(ClaimInputSchema)
    .output(WorkItemSchema.nullable())
    .query(async ({ ctx, input }) =>
      withFetchableAttachments(ctx.db, await currentWork(ctx.db, ctx.user, input.kind), {
        baseUrl: input.base_url,
      }),
    ),
  heartbeat: workerProcedure
    .input(AssignmentInputSchema)
    .output(HeartbeatResultSchema)
    .mutation(({ ctx, input }) => heartbeat(ctx.db, ctx.user, input)),
  saveDraft: workerProcedure
    .input(DraftInputSchema)
    .output(DraftSavedSchema)
    .mutation(({ ctx, input }) => saveDraft(ctx.db, ctx.user, input)),
  submit: workerProcedure
    .input(SubmitInputSchema)
    .output(SubmittedSchema)
    .mutation(({ ctx, input }) => submitAssignment(ctx.db, ctx.user, input)),
  skip: workerProcedure
    .input(SkipInputSchema)
    .output(ReturnedSchema)
    .mutation(({ ctx, input }) => returnAssignment(ctx.db, ctx.user, input, "skipped")),
  release: workerProcedure
    .input(SkipInputSchema)
    .output(ReturnedSchema)
    .mutation(({ ctx, input }) => returnAssignment(ctx.db, ctx.user, input, "released")),
  report: workerProcedure
    .input(ReportInputSchema)
    .output(WorkTaskStatusSchema)
    .mutation(({ ctx, input }) => reportProblem(ctx.db, ctx.user, input)),
  /** A reviewer's accept, fix or reject of the task they claimed with `next({kind: "review"})`. */
  review: workerProcedure
    .input(ReviewInputSchema)
    .output(WorkTaskStatusSchema)
    .mutation(({ ctx, input }) => reviewTask(ctx.db, ctx.user, input)),
  /**
   * The next training task to practise on (of a project the worker may annotate, not practised yet),
   * without its expected answer; null when none is left. Claims nothing.
   */
  practice: workerProcedure
    .input(PracticeInputSchema)
    .output(PracticeItemSchema.nullable())
    .query(({ ctx, input }) => nextPractice(ctx.db, ctx.user, { baseUrl: input.base_url })),
  /** A practice answer: scored against the expected one, which is shown now. */
  practiceSubmit: workerProcedure
    .input(PracticeSubmitInputSchema)
    .output(PracticeResultSchema)
    .mutation(({ ctx, input }) => submitPractice(ctx.db, ctx.user, input)),
  /** The signed-in worker's own figures and recent work, for their queue page. */
  stats: workerProcedure
    .input(WorkerStatsInputSchema)
    .output(WorkerStatsSchema)
    .query(({ ctx, input }) => workerStats(ctx.db, ctx.user, input)),
});
