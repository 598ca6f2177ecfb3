import { isRecord, TASK_ID_PATTERN } from "@taskforge/schema";

import { taskNotFound } from "../errors";
import type { RouteRequest } from "./route";

/** A JSON body that is an object, or `{}`: the procedure's schema then names what is missing. */
export const bodyObject = (body: unknown): Record<string, unknown> => (isRecord(body) ? body : {});

/**
 * The `:task_id` path parameter with the rest of a procedure's input. An id that cannot be a task's
 * names no task: Scale answers 404 for it as for an unknown one, never 400.
 */
export const withTaskId = (request: RouteRequest, rest: Record<string, unknown> = {}) => {
  const taskId = request.params.task_id ?? "";
  if (!TASK_ID_PATTERN.test(taskId)) throw taskNotFound();
  return { task_id: taskId, ...rest };
};
