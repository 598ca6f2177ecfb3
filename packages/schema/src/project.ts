import { z } from "zod";

import { InstructionSchema, NameSchema, TimestampSchema } from "./common";
import { OntologySchema } from "./ontology";
import { QueryBooleanSchema } from "./query-values";
import type { ResponseIssue } from "./task-types/issues";
import { TaskTypeSchema } from "./task-types/registry";
import { storableJsonRecord } from "./storable-json";

const ParamsSchema = storableJsonRecord();

/**
 * One entry of a project's `param_history`: the version, when it was set, its instruction and the
 * params themselves spread alongside (as Scale shows them).
 */
export const ProjectParamVersionSchema = z.looseObject({
  version: z.int().min(0),
  created_at: TimestampSchema,
  instruction: z.string().optional(),
});
export type ProjectParamVersion = z.infer<typeof ProjectParamVersionSchema>;

/** Which of the organization's annotators and reviewers work on a project. */
export const MemberAccessSchema = z.enum(["all", "selected"]);
export type MemberAccess = z.infer<typeof MemberAccessSchema>;

/** Who redoes a rejected task: anyone eligible (its previous annotator too), or never the same person. */
export const RedoToSchema = z.enum(["anyone", "someone_else"]);
export type RedoTo = z.infer<typeof RedoToSchema>;

/**
 * How the project's tasks are worked: consensus, leases, review, gold policy, redo and who works on
 * them (the organization's members, all or those picked, and the platform workforce when opted in).
 */
export const ProjectWorkSettingsSchema = z.strictObject({
  annotations_per_task: z.int().min(1).max(20),
  max_annotations_per_task: z.int().min(1).max(50),
  lease_seconds: z
    .int()
    .min(30)
    .max(24 * 3600),
  requires_review: z.boolean(),
  agreement_threshold: z.number().min(0).max(1),
  low_agreement_action: z.enum(["review", "extra_annotation"]),
  gold_rate: z.number().min(0).max(1),
  gold_min_count: z.int().min(1).max(1000),
  gold_min_accuracy: z.number().min(0).max(1),
  problem_report_threshold: z.int().min(1).max(100),
  redo_to: RedoToSchema,
  member_access: MemberAccessSchema,
  platform_workforce: z.boolean(),
});
export type ProjectWorkSettings = z.infer<typeof ProjectWorkSettingsSchema>;

/**
 * Rules between settings, checked on the settings a change would leave (a partial change is merged
 * over the saved ones first): a task never gets fewer annotations than it needs to start with.
 */
export const workSettingsIssues = (settings: ProjectWorkSettings): ResponseIssue[] =>
  settings.max_annotations_per_task < settings.annotations_per_task
    ? [
        {
          path: ["work_settings", "max_annotations_per_task"],
          message: `must be at least annotations_per_task (${settings.annotations_per_task})`,
        },
      ]
    : [];

export const ProjectSchema = z.object({
  name: z.string(),
  type: z.string(),
  created_at: TimestampSchema,
  param_history: z.array(ProjectParamVersionSchema),
  /** The latest params version's ontology (set by `setOntology`), when it has one. */
  ontology: OntologySchema.optional(),
  archived: z.boolean(),
  rapid: z.boolean(),
  studio: z.boolean(),
  work_settings: ProjectWorkSettingsSchema,
});

/** `GET /v1/projects`: a bare JSON array, as Scale answers it. */
export const ProjectListSchema = z.array(ProjectSchema);
export type Project = z.infer<typeof ProjectSchema>;

/** `POST /v1/projects`; `datasetId` is sent by Scale's Python SDK and ignored. */
export const CreateProjectInputSchema = z.strictObject({
  type: TaskTypeSchema,
  name: NameSchema,
  // Scale's Python SDK sends `"params": null` when none are given: the same as none.
  params: ParamsSchema.nullable()
    .transform((params) => params ?? undefined)
    .optional(),
  rapid: z.boolean().optional(),
  studio: z.boolean().optional(),
  datasetId: z.string().nullable().optional(),
  pipeline: z.enum(["standard_task", "consensus_task"]).optional(),
  // Stored as the project's annotations_per_task, so it is bounded like that setting.
  consensus_attempts: ProjectWorkSettingsSchema.shape.annotations_per_task.optional(),
  work_settings: ProjectWorkSettingsSchema.partial().optional(),
});
export type CreateProjectInput = z.infer<typeof CreateProjectInputSchema>;

export const ProjectNameInputSchema = z.strictObject({ name: NameSchema });

/** A new params version: `patch` merges into the latest one instead of replacing it. */
export const SetProjectParamsInputSchema = z.strictObject({
  name: NameSchema,
  patch: z.boolean().default(false),
  instruction: InstructionSchema.optional(),
  params: ParamsSchema.default({}),
});
export type SetProjectParamsInput = z.output<typeof SetProjectParamsInputSchema>;

export const ListProjectsInputSchema = z.object({ archived: QueryBooleanSchema.optional() });
export type ListProjectsInput = z.output<typeof ListProjectsInputSchema>;

/** Changes some of a project's work settings; the others keep their values. */
export const SetProjectSettingsInputSchema = z.strictObject({
  name: NameSchema,
  work_settings: ProjectWorkSettingsSchema.partial(),
});
export type SetProjectSettingsInput = z.infer<typeof SetProjectSettingsInputSchema>;
