import { z } from "zod";

import { BaseUrlSchema } from "./files";
import { TaskIdSchema, TimestampSchema } from "./common";
import { isRecord } from "./is-record";
import type { CreateTaskRequest } from "./task-inputs";

const JsonObjectSchema = z.record(z.string(), z.unknown());

/**
 * Scale's evaluation and training tasks (`POST /v1/evaluation_tasks/{type}`,
 * `POST /v1/training_tasks/{type}`): a task's create body plus the known answer, `expected_response`
 * (in the type's response format), and for a review-phase evaluation task `initial_response`.
 * Any object is accepted at the edge: the service checks it in full, after the project's params are
 * merged in, and names every problem by its field path.
 */
export type CreateQualityTaskRequest = CreateTaskRequest & {
  expected_response?: Record<string, unknown>;
  initial_response?: Record<string, unknown>;
};

export const CreateQualityTaskRequestSchema = z.custom<CreateQualityTaskRequest>(
  (value) => isRecord(value),
  { error: "must be a JSON object with the task's type, params and expected_response" },
);

/**
 * A quality task as Scale's SDK reads it (`EvaluationTask`/`TrainingTask` require `id` and
 * `expected_response`). An evaluation task is a gold task of its project, so `id` is also its
 * `task_id`; a training task's id names no customer task.
 */
export const QualityTaskSchema = z.object({
  id: TaskIdSchema,
  type: z.string(),
  created_at: TimestampSchema,
  project: z.string(),
  batch: z.string().optional(),
  instruction: z.string(),
  params: JsonObjectSchema,
  metadata: JsonObjectSchema,
  expected_response: JsonObjectSchema,
  initial_response: JsonObjectSchema.optional(),
});
export type QualityTask = z.infer<typeof QualityTaskSchema>;

/** `GET /v1/task/{task_id}/response_url/{uuid}`: a completed task's secured response file. */
export const TaskResponseFileInputSchema = z.strictObject({
  task_id: TaskIdSchema,
  uuid: z.uuid(),
});
export type TaskResponseFileInput = z.infer<typeof TaskResponseFileInputSchema>;

/** The response file's body: the task's response itself. */
export const TaskResponseFileSchema = JsonObjectSchema;

/** `work.practice`: the next training task for the signed-in Tasker, null when none is left. */
export const PracticeInputSchema = z.strictObject({ base_url: BaseUrlSchema.optional() });

/** A training task as a Tasker practises it: never its expected response before they answer. */
export const PracticeItemSchema = z.object({
  training_task_id: TaskIdSchema,
  type: z.string(),
  project: z.string(),
  instruction: z.string(),
  /** Attachments are signed `/files/<id>` URLs the worker's browser can fetch. */
  params: JsonObjectSchema,
});
export type PracticeItem = z.infer<typeof PracticeItemSchema>;

export const PracticeSubmitInputSchema = z.strictObject({
  training_task_id: TaskIdSchema,
  response: JsonObjectSchema,
});
export type PracticeSubmitInput = z.infer<typeof PracticeSubmitInputSchema>;

/** What practising taught: the Tasker's answer scored (0 to 1) against the expected one, shown now. */
export const PracticeResultSchema = z.object({
  training_task_id: TaskIdSchema,
  score: z.number().min(0).max(1),
  response: JsonObjectSchema,
  expected_response: JsonObjectSchema,
});
export type PracticeResult = z.infer<typeof PracticeResultSchema>;
