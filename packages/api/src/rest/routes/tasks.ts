import {
  AuditOrFixTaskBodySchema,
  CancelTaskInputSchema,
  CreateTaskCommonSchema,
  SetUniqueIdInputSchema,
  splitFlatTaskBody,
  TagsSchema,
  TASK_TYPE_IDS,
  TaskListQuerySchema,
  taskTypes,
} from "@taskforge/schema";
import { z } from "zod";

import { bodyObject, withTaskId } from "../inputs";
import { defineRoute } from "../route";
import type { RestRoute } from "../route";

// Scale's create body is flat: the common fields and the type's params side by side.
const createRoutes = TASK_TYPE_IDS.map((type) =>
  defineRoute({
    method: "POST",
    path: `/task/${type}`,
    operation: "tasks.create",
    summary: `Create a ${taskTypes[type].title} task`,
    tag: "Tasks",
    body: z.intersection(CreateTaskCommonSchema, taskTypes[type].inputParams),
    toInput: ({ body }) => splitFlatTaskBody(type, body),
  }),
);

export const taskRoutes: RestRoute[] = [
  ...createRoutes,
  defineRoute({
    method: "POST",
    path: "/task/:type",
    operation: "tasks.create",
    summary: "Create a task of a type this server does not support (always an error)",
    tag: "Tasks",
    toInput: ({ params, body }) => splitFlatTaskBody(params.type ?? "", body),
  }),
  defineRoute({
    method: "GET",
    path: "/task/:task_id",
    operation: "tasks.get",
    summary: "Retrieve a task",
    tag: "Tasks",
    toInput: (request) => withTaskId(request),
  }),
  defineRoute({
    method: "GET",
    path: "/task/:task_id/history",
    operation: "tasks.history",
    summary: "A task's history: every event with its actor and time, oldest first",
    tag: "Tasks",
    toInput: (request) => withTaskId(request),
  }),
  defineRoute({
    method: "GET",
    path: "/tasks",
    operation: "tasks.list",
    // `limited_response=true`: each task reduced to task_id, status, metadata and project.
    alternate: {
      operation: "tasks.listLimited",
      when: ({ query }) => String(query.limited_response ?? "").toLowerCase() === "true",
    },
    summary:
      "List tasks, newest first; `include_attachment_url` adds each task's `attachment_url`, `limited_response` keeps only task_id, status, metadata and project",
    tag: "Tasks",
    query: TaskListQuerySchema.omit({ base_url: true }),
    // Signed attachment URLs point at the origin the client called.
    toInput: ({ query, request }) => ({ ...query, base_url: new URL(request.url).origin }),
  }),
  defineRoute({
    method: "POST",
    path: "/task/:task_id/cancel",
    operation: "tasks.cancel",
    summary: "Cancel a pending task",
    tag: "Tasks",
    query: CancelTaskInputSchema.pick({ clear_unique_id: true }),
    toInput: (request) => withTaskId(request, { clear_unique_id: request.query.clear_unique_id }),
  }),
  defineRoute({
    method: "POST",
    path: "/task/:task_id/setMetadata",
    operation: "tasks.setMetadata",
    summary: "Replace a task's metadata (the body is the metadata object)",
    tag: "Tasks",
    body: z.record(z.string(), z.unknown()),
    toInput: (request) => withTaskId(request, { metadata: request.body }),
  }),
  ...(
    [
      ["POST", "Replace a task's tags (the body is a JSON array)", "tasks.setTags"],
      ["PUT", "Add tags to a task", "tasks.addTags"],
      ["DELETE", "Remove tags from a task", "tasks.removeTags"],
    ] as const
  ).map(([method, summary, operation]) =>
    defineRoute({
      method,
      path: "/task/:task_id/tags",
      operation,
      summary,
      tag: "Tasks",
      body: TagsSchema,
      toInput: (request) => withTaskId(request, { tags: request.body }),
    }),
  ),
  defineRoute({
    method: "POST",
    path: "/task/:task_id/unique_id",
    operation: "tasks.setUniqueId",
    summary: "Set a task's unique_id",
    tag: "Tasks",
    body: SetUniqueIdInputSchema.omit({ task_id: true }),
    toInput: (request) => withTaskId(request, bodyObject(request.body)),
  }),
  defineRoute({
    method: "DELETE",
    path: "/task/:task_id/unique_id",
    operation: "tasks.clearUniqueId",
    summary: "Clear a task's unique_id",
    tag: "Tasks",
    toInput: (request) => withTaskId(request),
  }),
  defineRoute({
    method: "POST",
    path: "/task/:task_id/audit",
    operation: "tasks.audit",
    summary:
      "Audit a completed task: accept, reject (back to pending for redo), or fix with a corrected response",
    tag: "Tasks",
    body: AuditOrFixTaskBodySchema,
    toInput: (request) => withTaskId(request, bodyObject(request.body)),
  }),
];
