import { TaskIdInputSchema } from "@taskforge/schema";
import { z } from "zod";

import {
  CallbackDeliveryListSchema,
  ReplayCallbacksInputSchema,
  ReplayCallbacksResultSchema,
  SendCallbackInputSchema,
  SendCallbackResultSchema,
  listTaskCallbacks,
  replayFailedCallbacks,
  resendTaskCallback,
} from "../../services/callbacks";
import { defineRoute } from "../route";
import type { RestRoute } from "../route";

const bodyObject = (body: unknown): Record<string, unknown> =>
  body !== null && typeof body === "object" && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};

/** Callback endpoints of `/v1`: Scale's `send_callback`, plus the delivery log and replay. */
export const callbackRoutes: RestRoute[] = [
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/task/:task_id/send_callback",
    summary:
      "Send a task's callback again with the task as it is now; waits up to wait_ms (default 10 s) for the first attempt and reports whether it was accepted",
    tag: "Tasks",
    query: z.object({ wait_ms: z.string().optional() }),
    response: SendCallbackResultSchema,
    input: SendCallbackInputSchema,
    toInput: ({ params, query }) => ({
      task_id: params.task_id,
      ...(query.wait_ms !== undefined ? { wait_ms: query.wait_ms } : {}),
    }),
    handle: (scope, input) => resendTaskCallback(scope, input.task_id, { waitMs: input.wait_ms }),
  }),
  defineRoute({
    method: "GET",
    access: "read",
    path: "/task/:task_id/callbacks",
    summary: "List a task's callback deliveries (newest first), each with its attempts",
    tag: "Tasks",
    response: CallbackDeliveryListSchema,
    input: TaskIdInputSchema,
    toInput: ({ params }) => ({ task_id: params.task_id }),
    handle: (scope, input) => listTaskCallbacks(scope, input.task_id),
  }),
  defineRoute({
    method: "POST",
    access: "manage_work",
    path: "/callbacks/replay",
    summary:
      "Queue again every failed callback delivery created between from and to (ISO-8601), with a fresh attempt budget and the same webhook-id",
    tag: "Tasks",
    body: z.object({ from: z.string(), to: z.string() }),
    response: ReplayCallbacksResultSchema,
    input: ReplayCallbacksInputSchema,
    toInput: ({ body }) => bodyObject(body),
    handle: (scope, input) => replayFailedCallbacks(scope, input),
  }),
];
