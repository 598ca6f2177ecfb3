import { z } from "zod";

import { EmailSchema, PlatformRoleSchema } from "./accounts";
import { TimestampSchema } from "./common";
import { TaskStatusSchema } from "./enums";
import { BaseUrlSchema } from "./files";
import { WorkKindSchema } from "./roles";
import { storableJsonRecord } from "./storable-json";

/** Wire shapes of the workspace, the review desk and workforce management (tRPC). */

export const SubmitInputSchema = z.strictObject({
  assignment_id: z.uuid(),
  response: storableJsonRecord(),
});

export const DraftInputSchema = z.strictObject({
  assignment_id: z.uuid(),
  draft: storableJsonRecord(),
});

export const AssignmentInputSchema = z.strictObject({
  assignment_id: z.uuid(),
  kind: WorkKindSchema.default("annotate"),
});

export const SkipInputSchema = z.strictObject({
  assignment_id: z.uuid(),
  kind: WorkKindSchema.default("annotate"),
  reason: z.string().max(1000).optional(),
});

export const PROBLEM_REASONS = [
  "attachment_unloadable",
  "cannot_be_done_as_instructed",
  "other",
] as const;

export const ReportInputSchema = z.strictObject({
  assignment_id: z.uuid(),
  kind: WorkKindSchema.default("annotate"),
  reason: z.enum(PROBLEM_REASONS),
  details: z.string().max(2000).optional(),
});

export const ReviewInputSchema = z.discriminatedUnion("action", [
  z.strictObject({
    assignment_id: z.uuid(),
    action: z.literal("accept"),
    comments: z.string().max(10_000).optional(),
  }),
  z.strictObject({
    assignment_id: z.uuid(),
    action: z.literal("fix"),
    response: storableJsonRecord(),
    comments: z.string().max(10_000).optional(),
  }),
  z.strictObject({
    assignment_id: z.uuid(),
    action: z.literal("reject"),
    comments: z.string().max(10_000).optional(),
  }),
]);
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

/** One annotator's submitted response, as a reviewer of a consensus task sees it (no identity). */
const AnnotationSchema = z.object({
  annotator: z.string(),
  response: z.record(z.string(), z.unknown()),
});

/**
 * What a worker sees of a claimed task: enough to do the work, nothing of the customer's
 * bookkeeping (metadata, callback, unique id) and never whether it is a gold task.
 */
export const WorkItemSchema = z.object({
  assignment_id: z.string(),
  kind: WorkKindSchema,
  task_id: z.string(),
  type: z.string(),
  instruction: z.string(),
  /** Attachments are signed `/files/<id>` URLs the worker's browser can fetch. */
  params: z.record(z.string(), z.unknown()),
  lease_expires_at: z.string(),
  /** How long each heartbeat extends the lease, so the page can renew it in time. */
  lease_seconds: z.int(),
  draft: z.record(z.string(), z.unknown()).nullable(),
  draft_saved_at: z.string().nullable(),
  /** For review: the response to accept, fix or reject. */
  response: z.record(z.string(), z.unknown()).nullable(),
  /** For review of a consensus task: every annotator's response, "Annotator 1" first to submit. */
  annotations: z.array(AnnotationSchema),
  /** For review of a consensus task: how far the annotators agreed (0 to 1), null otherwise. */
  agreement: z.number().nullable(),
});
export type WorkItem = z.infer<typeof WorkItemSchema>;

/** `work.heartbeat`: the lease now runs until then. */
export const HeartbeatResultSchema = z.object({ lease_expires_at: TimestampSchema });

/** `work.saveDraft`: when the draft was stored. */
export const DraftSavedSchema = z.object({ saved_at: TimestampSchema });

/** `work.submit`: the response was recorded (the task then advances on its own). */
export const SubmittedSchema = z.object({ submitted: z.literal(true) });

/** `work.skip` and `work.release`: the task went back to the queue. */
export const ReturnedSchema = z.object({ returned: z.literal(true) });

/** `work.report` and `work.review`: the task's status after the call. */
export const WorkTaskStatusSchema = z.object({
  task_status: TaskStatusSchema.extract(["pending", "completed", "error"]),
});

export const WorkerStatsInputSchema = z.strictObject({
  /** Where "today" starts for the worker (their local midnight); UTC midnight when left out. */
  today_start: z.iso.datetime({ offset: true }).optional(),
});

export const RecentWorkSchema = z.object({
  assignment_id: z.string(),
  task_id: z.string(),
  type: z.string(),
  kind: WorkKindSchema,
  status: z.string(),
  project: z.string().nullable(),
  claimed_at: z.string(),
  submitted_at: z.string().nullable(),
  work_seconds: z.int().nullable(),
});

/** A Tasker's own figures for the queue page: what they did, what waits for them, how well. */
export const WorkerStatsSchema = z.object({
  submitted_today: z.int(),
  submitted_total: z.int(),
  /** Tasks this worker could claim right now. */
  pending_in_queue: z.int(),
  /** Reviewers' decisions on tasks this worker annotated (the first review after their submission). */
  reviewed: z.object({ accepted: z.int(), fixed: z.int(), rejected: z.int() }),
  /** Accuracy on gold tasks, per project that has scored this worker on at least one. */
  gold: z.array(
    z.object({
      project_id: z.string(),
      project: z.string(),
      gold_count: z.int(),
      accuracy: z.number(),
    }),
  ),
  recent: z.array(RecentWorkSchema),
});
export type WorkerStats = z.infer<typeof WorkerStatsSchema>;

export const GrantWorkInputSchema = z
  .strictObject({
    user_id: z.uuid(),
    role: WorkKindSchema,
    project_id: z.uuid().optional(),
    task_type: z.string().min(1).optional(),
  })
  .refine((g) => (g.project_id === undefined) !== (g.task_type === undefined), {
    error: "give exactly one of project_id or task_type",
    path: ["project_id"],
  });
export type GrantWorkInput = z.infer<typeof GrantWorkInputSchema>;

export const SetWorkerRolesInputSchema = z.strictObject({
  email: EmailSchema,
  tasker: z.boolean(),
  reviewer: z.boolean(),
});
export type SetWorkerRolesInput = z.infer<typeof SetWorkerRolesInputSchema>;

/** Which kind of work a call is about; labelling when left out. */
export const WorkKindInputSchema = z.strictObject({ kind: WorkKindSchema.default("annotate") });

/** Claim the next task of a kind; `base_url` makes its attachments' signed URLs absolute. */
export const ClaimInputSchema = WorkKindInputSchema.extend({ base_url: BaseUrlSchema });

export const RevokeGrantInputSchema = z.strictObject({
  grant_id: z.uuid(),
  reason: z.string().min(1).max(500),
});

/** A grant to work on a project, or on every task of a type; `removed_at` once revoked. */
export const WorkGrantSchema = z.object({
  grant_id: z.string(),
  role: WorkKindSchema,
  project_id: z.string().nullable(),
  task_type: z.string().nullable(),
  removed_at: TimestampSchema.nullable(),
  removed_reason: z.string().nullable(),
});

/** Taskers and reviewers with their grants and, per project, submissions and gold accuracy. */
export const WorkforceSchema = z.array(
  z.object({
    user_id: z.string(),
    email: z.string(),
    roles: z.array(PlatformRoleSchema),
    grants: z.array(WorkGrantSchema),
    projects: z.array(
      z.object({
        project_id: z.string(),
        submissions: z.int(),
        gold_count: z.int(),
        /** Null before the first gold task. */
        accuracy: z.number().nullable(),
      }),
    ),
  }),
);
export type Workforce = z.infer<typeof WorkforceSchema>;

/** `workforce.revoke`. */
export const RevokedGrantSchema = z.object({ revoked: z.literal(true) });
