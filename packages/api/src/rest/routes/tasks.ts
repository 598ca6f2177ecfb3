import {
  AuditTaskInputSchema,
  CancelTaskInputSchema,
  ChangeTagsInputSchema,
  CreateTaskCommonSchema,
  FixTaskInputSchema,
  QueryBooleanSchema,
  SetMetadataInputSchema,
  SetTagsInputSchema,
  SetUniqueIdInputSchema,
  splitFlatTaskBody,
  TagSchema,
  TASK_TYPE_IDS,
  TaskIdInputSchema,
  TaskListQuerySchema,
  TaskListResponseSchema,
  TaskSchema,
  TaskTypeSchema,
  taskTypes,
} from "@taskforge/schema";
import { z } from "zod";

import {
  addTaskTags,
  auditTask,
  cancelTask,
  clearTaskUniqueId,
  createTask,
  fixTask,
  getTask,
  listTasks,
  removeTaskTags,
  setTaskMetadata,
  setTaskTags,
  setTaskUniqueId,
} from "../../services/tasks";
import { getTaskHistory, TaskEventSchema } from "../../services/tasks/history";
import { defineRoute } from "../route";
import type { RestRoute, RouteRequest } from "../route";

const withTaskId = (request: RouteRequest, rest: Record<string, unknown> = {}) => ({
  task_id: request.params.task_id,
  ...rest,
});

const bodyObject = (body: unknown): Record<string, unknown> =>
  body !== null && typeof body === "object" && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};

// `{accepted, comments}` audits; adding `response` makes it a fix, where `accepted` is implied.
const AuditOrFixInputSchema = AuditTaskInputSchema.extend({
  accepted: AuditTaskInputSchema.shape.accepted.optional(),
  response: FixTaskInputSchema.shape.response.optional(),
}).refine((input) => input.response !== undefined || input.accepted !== undefined, {
  path: ["accepted"],
  error: "accepted must be true or false",
});

const createRoutes = TASK_TYPE_IDS.map((type) =>
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: `/task/${type}`,
    summary: `Create a ${taskTypes[type].title} task`,
    tag: "Tasks",
    body: z.intersection(CreateTaskCommonSchema, taskTypes[type].inputParams),
    response: TaskSchema,
    input: z.unknown(),
    toInput: ({ body }) => splitFlatTaskBody(type, body),
    handle: (scope, input, { headers }) =>
      createTask(scope, input, { idempotencyKey: headers.get("idempotency-key") ?? undefined }),
  }),
);

export const taskRoutes: RestRoute[] = [
  ...createRoutes,
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/task/:type",
    summary: "Create a task of a type this server does not support (always an error)",
    tag: "Tasks",
    response: TaskSchema,
    input: z.object({ type: TaskTypeSchema }),
    toInput: ({ params }) => ({ type: params.type }),
    handle: () => Promise.reject(new Error("unreachable: every supported type has its own route")),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/task/:task_id",
    summary: "Retrieve a task",
    tag: "Tasks",
    response: TaskSchema,
    input: TaskIdInputSchema,
    toInput: (request) => withTaskId(request),
    handle: (scope, input) => getTask(scope, input.task_id),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/task/:task_id/history",
    summary: "A task's history: every event with its actor and time, oldest first",
    tag: "Tasks",
    response: z.array(TaskEventSchema),
    input: TaskIdInputSchema,
    toInput: (request) => withTaskId(request),
    handle: (scope, input) => getTaskHistory(scope, input.task_id),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/tasks",
    summary: "List tasks, newest first",
    tag: "Tasks",
    query: TaskListQuerySchema,
    response: TaskListResponseSchema,
    input: TaskListQuerySchema,
    toInput: ({ query }) => query,
    handle: (scope, input) => listTasks(scope, input),
  }),
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/task/:task_id/cancel",
    summary: "Cancel a pending task",
    tag: "Tasks",
    query: z.object({ clear_unique_id: QueryBooleanSchema.optional() }),
    response: TaskSchema,
    input: CancelTaskInputSchema.extend({ clear_unique_id: QueryBooleanSchema.default(false) }),
    toInput: (request) => withTaskId(request, { clear_unique_id: request.query.clear_unique_id }),
    handle: (scope, input) => cancelTask(scope, input),
  }),
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/task/:task_id/setMetadata",
    summary: "Replace a task's metadata (the body is the metadata object)",
    tag: "Tasks",
    body: z.record(z.string(), z.unknown()),
    response: TaskSchema,
    input: SetMetadataInputSchema,
    toInput: (request) => withTaskId(request, { metadata: request.body }),
    handle: (scope, input) => setTaskMetadata(scope, input.task_id, input.metadata),
  }),
  ...(
    [
      ["POST", "Replace a task's tags (the body is a JSON array)", SetTagsInputSchema, setTaskTags],
      ["PUT", "Add tags to a task", ChangeTagsInputSchema, addTaskTags],
      ["DELETE", "Remove tags from a task", ChangeTagsInputSchema, removeTaskTags],
    ] as const
  ).map(([method, summary, input, change]) =>
    defineRoute({
      method,
      access: "manage_work",
      path: "/task/:task_id/tags",
      summary,
      tag: "Tasks",
      body: z.array(TagSchema),
      response: TaskSchema,
      input,
      toInput: (request) => withTaskId(request, { tags: request.body }),
      handle: (scope, parsed) => change(scope, parsed.task_id, parsed.tags),
    }),
  ),
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/task/:task_id/unique_id",
    summary: "Set a task's unique_id",
    tag: "Tasks",
    body: SetUniqueIdInputSchema.omit({ task_id: true }),
    response: TaskSchema,
    input: SetUniqueIdInputSchema,
    toInput: (request) => withTaskId(request, bodyObject(request.body)),
    handle: (scope, input) => setTaskUniqueId(scope, input.task_id, input.unique_id),
  }),
  defineRoute({
    method: "DELETE",
    access: "manage_work",
    path: "/task/:task_id/unique_id",
    summary: "Clear a task's unique_id",
    tag: "Tasks",
    response: TaskSchema,
    input: TaskIdInputSchema,
    toInput: (request) => withTaskId(request),
    handle: (scope, input) => clearTaskUniqueId(scope, input.task_id),
  }),
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/task/:task_id/audit",
    summary:
      "Audit a completed task: accept, reject (back to pending for redo), or fix with a corrected response",
    tag: "Tasks",
    body: AuditTaskInputSchema.omit({ task_id: true }).extend({
      response: FixTaskInputSchema.shape.response.optional(),
    }),
    response: TaskSchema,
    input: AuditOrFixInputSchema,
    toInput: (request) => withTaskId(request, bodyObject(request.body)),
    handle: (scope, { task_id, accepted, comments, response }) =>
      response !== undefined
        ? fixTask(scope, { task_id, response, comments })
        : auditTask(scope, { task_id, accepted: accepted ?? false, comments }),
  }),
];
