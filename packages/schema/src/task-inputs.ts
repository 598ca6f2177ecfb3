import { z } from "zod";

import {
  CallbackUrlSchema,
  InstructionSchema,
  MetadataSchema,
  NameSchema,
  PrioritySchema,
  TagListInputSchema,
  TagsSchema,
  TaskIdSchema,
  UniqueIdSchema,
} from "./common";
import { QueryBooleanSchema } from "./query-values";
import { ApiErrorBodySchema } from "./errors";
import { isRecord } from "./is-record";
import { TaskSchema } from "./task";
import { TASK_TYPE_IDS, taskTypes } from "./task-types/registry";
import type { TaskType } from "./task-types/registry";
import { storableJsonRecord } from "./storable-json";

/** Create options shared by every task type; in Scale's flat REST body, the other keys are params. */
const createTaskCommonShape = {
  instruction: InstructionSchema.optional(),
  callback_url: CallbackUrlSchema.optional(),
  metadata: MetadataSchema.optional(),
  unique_id: UniqueIdSchema.optional(),
  tags: TagsSchema.optional(),
  project: NameSchema.optional(),
  batch: NameSchema.optional(),
  priority: PrioritySchema.optional(),
  // -1 means "inherit no project params", as in Scale.
  project_version: z.int().min(-1).optional(),
  clear_unique_id_on_error: z.boolean().optional(),
  // A gold task: the known answer Taskers are scored against (never shown to them).
  expected_response: storableJsonRecord().optional(),
};

/** The options every create shares (Scale's flat REST body holds these beside the params). */
export const CreateTaskCommonSchema = z.object(createTaskCommonShape);

/** Top-level keys of a create body that are not type params, for splitting Scale's flat body. */
export const CREATE_TASK_COMMON_KEYS = Object.freeze(
  Object.keys(createTaskCommonShape) as (keyof typeof createTaskCommonShape)[],
);

const createTaskVariant = (type: TaskType) =>
  z.strictObject({
    type: z.literal(type),
    params: taskTypes[type].params,
    ...createTaskCommonShape,
  });

const createTaskCallerVariant = (type: TaskType) =>
  z.strictObject({
    type: z.literal(type),
    params: taskTypes[type].inputParams,
    ...createTaskCommonShape,
  });

// The variant built for each id, spelled out because `createTaskVariant` cannot express that the
// params schema depends on the literal (indexing the registry with a generic id widens it to the
// union of every type's params).
type CreateTaskVariantOf<Params extends "params" | "inputParams"> = {
  [T in TaskType]: z.ZodObject<
    {
      type: z.ZodLiteral<T>;
      params: (typeof taskTypes)[T][Params];
    } & typeof createTaskCommonShape,
    z.core.$strict
  >;
}[TaskType];
type CreateTaskVariant = CreateTaskVariantOf<"params">;
type CreateTaskCallerVariant = CreateTaskVariantOf<"inputParams">;

const unknownTypeError = (issue: z.core.$ZodRawIssue) =>
  issue.code === "invalid_union"
    ? `Unknown task type ${JSON.stringify((issue.input as { type?: unknown } | undefined)?.type) ?? "(missing)"}. Supported types: ${TASK_TYPE_IDS.join(", ")}`
    : undefined;

/** A task as it is stored: every param its type needs is there. */
export const CreateTaskInputSchema = z.discriminatedUnion(
  "type",
  TASK_TYPE_IDS.map(createTaskVariant) as [CreateTaskVariant, ...CreateTaskVariant[]],
  { error: unknownTypeError },
);
export type CreateTaskInput = z.output<typeof CreateTaskInputSchema>;

/**
 * A task as a caller may send it: params the server fills in itself (a type's `imageSizeFrom`)
 * may be missing. The service checks this form before it fetches anything, then the stored form.
 */
export const CreateTaskCallerInputSchema = z.discriminatedUnion(
  "type",
  TASK_TYPE_IDS.map(createTaskCallerVariant) as [
    CreateTaskCallerVariant,
    ...CreateTaskCallerVariant[],
  ],
  { error: unknownTypeError },
);

/** The options every create shares, in input form. */
export type CreateTaskCommonInput = z.input<z.ZodObject<typeof createTaskCommonShape>>;

/**
 * A task that takes (some of) its params from its project, named directly or implied by its batch:
 * they are merged with the project's params version before the type's schema checks them, so the
 * request itself may omit them.
 */
export type CreateTaskFromProjectInput = CreateTaskCommonInput & {
  type: TaskType;
  params?: Record<string, unknown>;
} & ({ project: string } | { batch: string });

/** What a client may send to create a task: complete params, or partial ones with a project. */
export type CreateTaskRequest =
  z.input<typeof CreateTaskCallerInputSchema> | CreateTaskFromProjectInput;

/**
 * Accepts any object at the edge: the service validates it in full after merging project params,
 * reporting every problem with its field path.
 */
export const CreateTaskRequestSchema = z.custom<CreateTaskRequest>((value) => isRecord(value), {
  error: "must be a JSON object with the task's type and params",
});
export type CreateTaskInputInput = z.input<typeof CreateTaskCallerInputSchema>;

/**
 * Items are deliberately `unknown`: one bad item must not reject the whole bulk call, so the
 * server parses each with `CreateTaskInputSchema` and reports per item.
 */
export const CreateTasksInputSchema = z.strictObject({
  tasks: z
    .array(z.unknown())
    .min(1, { error: "must contain at least 1 task" })
    .max(1000, { error: "must contain at most 1000 tasks" }),
});
export type CreateTasksInput = z.infer<typeof CreateTasksInputSchema>;

/** A bulk create's item that failed, by its index in the request; the others were still created. */
const CreateItemFailureSchema = z.object({
  index: z.int().nonnegative(),
  ok: z.literal(false),
  error: ApiErrorBodySchema,
});
const createCounts = { created: z.int().nonnegative(), failed: z.int().nonnegative() };

export const CreateTaskResultSchema = z.discriminatedUnion("ok", [
  z.object({ index: z.int().nonnegative(), ok: z.literal(true), task: TaskSchema }),
  CreateItemFailureSchema,
]);
export type CreateTaskResult = z.infer<typeof CreateTaskResultSchema>;

export const CreateTasksResultSchema = z.object({
  results: z.array(CreateTaskResultSchema),
  ...createCounts,
});
export type CreateTasksResult = z.infer<typeof CreateTasksResultSchema>;

/** `tasks.createManyIds`: a created item carries its `task_id` only, a failure its error. */
export const CreateTaskIdResultSchema = z.discriminatedUnion("ok", [
  z.object({ index: z.int().nonnegative(), ok: z.literal(true), task_id: TaskIdSchema }),
  CreateItemFailureSchema,
]);
export type CreateTaskIdResult = z.infer<typeof CreateTaskIdResultSchema>;

export const CreateTaskIdsResultSchema = z.object({
  results: z.array(CreateTaskIdResultSchema),
  ...createCounts,
});
export type CreateTaskIdsResult = z.infer<typeof CreateTaskIdsResultSchema>;

export const TaskIdInputSchema = z.strictObject({ task_id: TaskIdSchema });
export type TaskIdInput = z.infer<typeof TaskIdInputSchema>;

export const CancelTaskInputSchema = z.strictObject({
  task_id: TaskIdSchema,
  // Scale sends it in the query (`?clear_unique_id=true`), so the strings of a query are taken too.
  clear_unique_id: QueryBooleanSchema.default(false),
});
export type CancelTaskInput = z.output<typeof CancelTaskInputSchema>;

export const SetMetadataInputSchema = z.strictObject({
  task_id: TaskIdSchema,
  metadata: MetadataSchema,
});
export type SetMetadataInput = z.infer<typeof SetMetadataInputSchema>;

export const SetTagsInputSchema = z.strictObject({ task_id: TaskIdSchema, tags: TagsSchema });
export type SetTagsInput = z.infer<typeof SetTagsInputSchema>;

export const ChangeTagsInputSchema = z.strictObject({
  task_id: TaskIdSchema,
  tags: TagListInputSchema,
});
export type ChangeTagsInput = z.infer<typeof ChangeTagsInputSchema>;

export const SetUniqueIdInputSchema = z.strictObject({
  task_id: TaskIdSchema,
  unique_id: UniqueIdSchema,
});
export type SetUniqueIdInput = z.infer<typeof SetUniqueIdInputSchema>;
