import { isRecord } from "@taskforge/schema";

import type { RouteRequest } from "./route";

/** A JSON body that is an object, or `{}`: the procedure's schema then names what is missing. */
export const bodyObject = (body: unknown): Record<string, unknown> => (isRecord(body) ? body : {});

/** The `:task_id` path parameter with the rest of a procedure's input. */
export const withTaskId = (request: RouteRequest, rest: Record<string, unknown> = {}) => ({
  task_id: request.params.task_id,
  ...rest,
});
