import { ReplayCallbacksInputSchema, SendCallbackInputSchema } from "@taskforge/schema";

import { bodyObject, withTaskId } from "../inputs";
import { defineRoute } from "../route";
import type { RestRoute } from "../route";

/** Callback endpoints of `/v1`: Scale's `send_callback`, plus the delivery log and replay. */
export const callbackRoutes: RestRoute[] = [
  defineRoute({
    method: "POST",
    path: "/task/:task_id/send_callback",
    operation: "callbacks.resend",
    summary:
      "Send a task's callback again with the task as it is now; waits up to wait_ms (default 10 s) for the first attempt and reports whether it was accepted",
    tag: "Tasks",
    query: SendCallbackInputSchema.omit({ task_id: true }),
    toInput: (request) =>
      withTaskId(
        request,
        request.query.wait_ms !== undefined ? { wait_ms: request.query.wait_ms } : {},
      ),
  }),
  defineRoute({
    method: "GET",
    path: "/task/:task_id/callbacks",
    operation: "callbacks.list",
    summary: "List a task's callback deliveries (newest first), each with its attempts",
    tag: "Tasks",
    toInput: (request) => withTaskId(request),
  }),
  defineRoute({
    method: "POST",
    path: "/callbacks/replay",
    operation: "callbacks.replay",
    summary:
      "Queue again every failed callback delivery created between from and to (ISO-8601), with a fresh attempt budget and the same webhook-id",
    tag: "Tasks",
    body: ReplayCallbacksInputSchema,
    toInput: ({ body }) => bodyObject(body),
  }),
];
