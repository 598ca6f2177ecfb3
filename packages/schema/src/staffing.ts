import { z } from "zod";

import { MemberRoleSchema, WorkKindSchema } from "./roles";

/**
 * Who works on an organization's projects: the members a manager picks for a project whose
 * `member_access` is 'selected', and the tasks no eligible worker can take ("never stuck").
 */
/** Projects are named as everywhere in the API: by their name, unique in the organization. */
const ProjectNameSchema = z.string().min(1).max(200);

export const ProjectWorkforceInputSchema = z.strictObject({ project: ProjectNameSchema });

export const ProjectWorkforceMemberSchema = z.object({
  user_id: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  roles: z.array(MemberRoleSchema),
  /** Whether the member is picked for the project, per kind of work. */
  picked: z.object({ annotate: z.boolean(), review: z.boolean() }),
});

export const ProjectWorkforceSchema = z.object({
  project: z.string(),
  /** 'all': every annotator and reviewer of the organization; 'selected': the picked ones. */
  member_access: z.enum(["all", "selected"]),
  platform_workforce: z.boolean(),
  redo_to: z.enum(["anyone", "someone_else"]),
  members: z.array(ProjectWorkforceMemberSchema),
});
export type ProjectWorkforce = z.infer<typeof ProjectWorkforceSchema>;

export const ProjectPickInputSchema = z.strictObject({
  project: ProjectNameSchema,
  user_id: z.uuid(),
  role: WorkKindSchema,
});
export type ProjectPickInput = z.infer<typeof ProjectPickInputSchema>;

export const ProjectPickSchema = z.object({
  project: z.string(),
  user_id: z.string(),
  role: WorkKindSchema,
  picked: z.boolean(),
});

/** Why no eligible worker can take a pending task. */
export const STUCK_REASONS = [
  "no_member_with_role",
  "no_member_picked",
  "members_removed",
  "platform_not_opted_in",
  "no_group_member",
  "everyone_worked",
  "reported",
] as const;
export const StuckReasonSchema = z.enum(STUCK_REASONS);
export type StuckReason = z.infer<typeof StuckReasonSchema>;

export const STUCK_REASON_LABELS: Record<StuckReason, string> = {
  no_member_with_role:
    "No member holds the role this work needs (annotator or reviewer), and no platform worker may take it.",
  no_member_picked:
    "The project works with selected members, and none holding the role is picked for it.",
  members_removed:
    "Every member holding the role was removed from the project (gold accuracy below its bar).",
  platform_not_opted_in:
    "Only platform workers are granted this work, but the project does not let the platform workforce in.",
  no_group_member:
    "Its batch is kept to project groups, and none of their members may take this work.",
  everyone_worked:
    "Every eligible worker already worked, skipped or released this task in this round.",
  reported:
    "Workers reported a problem (fewer reports than the project's threshold) and nobody else may take it.",
};

export const StuckTasksInputSchema = z.strictObject({
  project: ProjectNameSchema.optional(),
  limit: z.int().min(1).max(500).default(100),
});
export type StuckTasksInput = z.input<typeof StuckTasksInputSchema>;

export const StuckTaskSchema = z.object({
  task_id: z.string(),
  type: z.string(),
  project: z.string().nullable(),
  /** The queue it waits in. */
  stage: WorkKindSchema,
  round: z.int(),
  created_at: z.string(),
  reason: StuckReasonSchema,
  /** Workers who could take it were it not for their earlier turn this round. */
  eligible_workers: z.int(),
  /** This round's problem reports, with their reasons. */
  reports: z.array(z.string()),
  /** Whether `staffing.requeue` can return it to the queue (annotation stage: a new round). */
  can_requeue: z.boolean(),
});
export type StuckTask = z.infer<typeof StuckTaskSchema>;

export const StuckTasksSchema = z.object({
  tasks: z.array(StuckTaskSchema),
  /** Of the tasks listed, those in the "needs attention" state (problem reports). */
  needs_attention: z.int(),
});
export type StuckTasks = z.infer<typeof StuckTasksSchema>;

export const RequeueInputSchema = z.strictObject({ task_id: z.string().min(1) });
export const RequeueResultSchema = z.object({ task_id: z.string(), round: z.int() });
