import { z } from "zod";

import { EmailSchema } from "./accounts";
import { NameSchema } from "./common";

/**
 * Scale's Studio endpoints (`/v1/studio/*`) and batch priority, over the organization's own
 * workforce: an assignment is a manager's pick of a member for a project, a project group is a named
 * set of members of one project, and a batch given groups is served only to their members.
 */

const emailList = (min: number) =>
  z
    .array(EmailSchema)
    .min(min, "list at least one email")
    .max(500, "list at most 500 emails")
    .transform((emails) => [...new Set(emails)]);

const nameList = z
  .array(NameSchema)
  .min(1, "list at least one project")
  .max(500, "list at most 500 projects")
  .transform((names) => [...new Set(names)]);

/** `GET /v1/studio/assignments` takes nothing (query parameters are ignored). */
export const StudioAssignmentsInputSchema = z.object({}).optional();

/** `POST /v1/studio/assignments/add` and `/remove`, as Scale's SDKs send them. */
export const StudioAssignmentChangeInputSchema = z.strictObject({
  emails: emailList(1),
  projects: nameList,
});
export type StudioAssignmentChangeInput = z.output<typeof StudioAssignmentChangeInputSchema>;

/** Each annotating or reviewing member's email with the projects they are picked for, by name. */
export const StudioAssignmentsSchema = z.record(z.string(), z.array(z.string()));
export type StudioAssignments = z.infer<typeof StudioAssignmentsSchema>;

export const StudioWorkerSchema = z.object({ id: z.string(), email: z.string() });

/** Scale's ProjectGroup; `isSingleton` is always false (taskforge has no one-person groups). */
export const ProjectGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  numWorkers: z.int(),
  isSingleton: z.boolean(),
  workers: z.array(StudioWorkerSchema),
});
export type ProjectGroup = z.infer<typeof ProjectGroupSchema>;
export const ProjectGroupListSchema = z.array(ProjectGroupSchema);

export const ProjectGroupsInputSchema = z.strictObject({ project: NameSchema });

/** `POST /v1/studio/projects/{project}/groups`. */
export const CreateProjectGroupInputSchema = z.strictObject({
  project: NameSchema,
  name: NameSchema,
  emails: emailList(0).default([]),
});
export type CreateProjectGroupInput = z.output<typeof CreateProjectGroupInputSchema>;

/** `PUT /v1/studio/projects/{project}/groups/{group}`; both lists may be left out. */
export const UpdateProjectGroupInputSchema = z.strictObject({
  project: NameSchema,
  group: NameSchema,
  add_emails: emailList(0)
    .nullish()
    .transform((emails) => emails ?? []),
  remove_emails: emailList(0)
    .nullish()
    .transform((emails) => emails ?? []),
});
export type UpdateProjectGroupInput = z.output<typeof UpdateProjectGroupInputSchema>;

/**
 * Scale's StudioBatch. `studioPriority` is the batch's priority (higher is served first), left out
 * while it has none; `groups` names the project groups it is served to (none: every eligible worker).
 */
export const StudioBatchSchema = z.object({
  id: z.string(),
  name: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  batchType: z.enum(["Production", "Calibration"]),
  studioPriority: z.int().optional(),
  total: z.int(),
  completed: z.int(),
  groups: z.array(z.string()),
});
export type StudioBatch = z.infer<typeof StudioBatchSchema>;
export const StudioBatchListSchema = z.array(StudioBatchSchema);

export const StudioBatchesInputSchema = z.object({}).optional();

/** `PUT /v1/studio/batches/{batch}`: the project groups (of the batch's project) it is served to. */
export const AssignStudioBatchInputSchema = z.strictObject({
  batch: NameSchema,
  groups: z
    .array(NameSchema)
    .max(100, "list at most 100 groups")
    .transform((names) => [...new Set(names)]),
});
export type AssignStudioBatchInput = z.output<typeof AssignStudioBatchInputSchema>;

/** `POST /v1/studio/batches/set_priorities`: pending batches, the first served first. */
export const SetStudioPrioritiesInputSchema = z.strictObject({
  batches: z
    .array(z.object({ name: NameSchema }))
    .min(1, "list at least one batch")
    .max(1000, "list at most 1000 batches"),
});
export type SetStudioPrioritiesInput = z.output<typeof SetStudioPrioritiesInputSchema>;

export const ResetStudioPrioritiesInputSchema = z.object({}).nullish();

/** The range `POST /v1/batches/{name}/prioritize` takes. */
export const BATCH_PRIORITY_MIN = 10;
export const BATCH_PRIORITY_MAX = 30;

export const PrioritizeBatchInputSchema = z.strictObject({
  name: NameSchema,
  priority: z
    .int("must be an integer")
    .min(BATCH_PRIORITY_MIN, `must be between ${BATCH_PRIORITY_MIN} and ${BATCH_PRIORITY_MAX}`)
    .max(BATCH_PRIORITY_MAX, `must be between ${BATCH_PRIORITY_MIN} and ${BATCH_PRIORITY_MAX}`),
});
export type PrioritizeBatchInput = z.output<typeof PrioritizeBatchInputSchema>;

export const PrioritizeBatchResultSchema = z.object({
  result: z.string(),
  name: z.string(),
  priority: z.int(),
});
