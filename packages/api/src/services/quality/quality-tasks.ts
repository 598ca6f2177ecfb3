import { isRecord } from "@taskforge/schema";
import type { Prisma } from "@taskforge/db";
import type { QualityTask, ResponseIssue, Task } from "@taskforge/schema";

import { invalidInput } from "../../errors";
import type { Scope } from "../../scope";
import { createTask } from "../tasks";
import type { CreateTaskOptions } from "../tasks";
import { prepareTasks } from "../tasks/insert-tasks";

/**
 * Scale's quality tasks: evaluation tasks (known answers that score Taskers unseen) and training
 * tasks (known answers Taskers practise on and are shown). Both take a task's create body plus
 * `expected_response` in the type's response format, and both belong to a project: a project's
 * Taskers are who answer them.
 */

const INITIAL_RESPONSE_REFUSED =
  "initial_response (a review-phase evaluation task) is not supported: reviewers here are not scored on accepting or correcting a known response; create the evaluation task with expected_response only";

/** The checks both kinds share, before the task body itself is checked. */
const qualityIssues = (fields: Record<string, unknown>): ResponseIssue[] => {
  const issues: ResponseIssue[] = [];
  if (fields.initial_response !== undefined && fields.initial_response !== null)
    issues.push({ path: ["initial_response"], message: INITIAL_RESPONSE_REFUSED });
  if (!isRecord(fields.expected_response))
    issues.push({
      path: ["expected_response"],
      message: "required: the task's known answer, an object in its type's response format",
    });
  if (fields.project === undefined && fields.batch === undefined)
    issues.push({
      path: ["project"],
      message: "required: quality tasks are answered by a project's Taskers",
    });
  return issues;
};

const withoutInitialResponse = (fields: Record<string, unknown>) => {
  const { initial_response: _initial, ...rest } = fields;
  return rest;
};

const quality = (task: Task, expected: Record<string, unknown>): QualityTask => ({
  id: task.task_id,
  type: task.type,
  created_at: task.created_at,
  project: task.project ?? "",
  ...(task.batch !== undefined ? { batch: task.batch } : {}),
  instruction: task.instruction,
  params: task.params,
  metadata: task.metadata,
  expected_response: expected,
});

/**
 * An evaluation task is a gold task of its project: created like any task with its known answer,
 * served to the project's Taskers among their work (at the project's `gold_rate`) and scored with the
 * type's gold scoring, which moves their accuracy and may remove them from the project. It stays
 * pending (gold tasks exist to score Taskers) and is read like any task at `GET /v1/task/{id}`.
 */
export const createEvaluationTask = async (
  scope: Scope,
  input: unknown,
  options: CreateTaskOptions = {},
): Promise<QualityTask> => {
  const fields = isRecord(input) ? input : {};
  const issues = qualityIssues(fields);
  if (issues.length) throw invalidInput(issues);
  const task = await createTask(scope, withoutInitialResponse(fields), options);
  return quality(task, fields.expected_response as Record<string, unknown>);
};

/** Keys of a create body that mean nothing for a training task, which is no customer task. */
const NOT_FOR_TRAINING = [
  ["batch", "training tasks belong to no batch"],
  ["callback_url", "training tasks are never called back"],
  ["unique_id", "training tasks are not customer tasks and take no unique_id"],
  ["tags", "training tasks are not customer tasks and take no tags"],
  ["priority", "training tasks are practice, served before no customer task"],
  ["clear_unique_id_on_error", "training tasks take no unique_id"],
] as const;

/**
 * A training task: practice for the project's Taskers. It is checked like a task (params merged from
 * the project, the expected response against the type's response schema) but stored apart from the
 * customer's tasks, so no list, count, export, batch or callback sees it; the workspace's practice
 * page serves it (`work.practice`) and shows the expected answer once the Tasker has answered.
 */
export const createTrainingTask = async (scope: Scope, input: unknown): Promise<QualityTask> => {
  const fields = isRecord(input) ? input : {};
  const issues = qualityIssues(fields);
  for (const [key, reason] of NOT_FOR_TRAINING) {
    if (fields[key] !== undefined) issues.push({ path: [key], message: `not allowed: ${reason}` });
  }
  if (issues.length) throw invalidInput(issues);
  const db = scope.db.prisma;
  const prepared = await prepareTasks(db, scope, [
    { index: 0, input: withoutInitialResponse(fields) },
  ]);
  const failure = prepared.failures[0];
  if (failure && !failure.ok) throw failure.error;
  const [valid] = prepared.valid;
  if (!valid || valid.projectId === null) throw new Error("a checked training task has no project");
  const expected = valid.input.expected_response ?? {};
  const row = await db.$transaction((tx) =>
    tx.trainingTask.create({
      data: {
        id: valid.id,
        organizationId: scope.organizationId,
        isTest: scope.isTest,
        projectId: valid.projectId as string,
        type: valid.input.type,
        instruction: valid.input.instruction ?? "",
        params: valid.input.params as Prisma.InputJsonObject,
        expectedResponse: expected as Prisma.InputJsonObject,
        metadata: (valid.input.metadata ?? {}) as Prisma.InputJsonObject,
        createdBy: scope.actor,
      },
      select: { createdAt: true },
    }),
  );
  return {
    id: valid.id,
    type: valid.input.type,
    created_at: row.createdAt.toISOString(),
    project: valid.projectName ?? "",
    instruction: valid.input.instruction ?? "",
    params: valid.input.params,
    metadata: valid.input.metadata ?? {},
    expected_response: expected,
  };
};
