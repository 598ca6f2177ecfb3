import { z } from "zod";

import { CallbackUrlSchema, TaskIdSchema, TimestampSchema } from "./common";
import { DateFilterSchema, queryInt } from "./query-values";

/** Wire shapes of the callback endpoints (REST and tRPC share them). */

export const CallbackAttemptSchema = z.object({
  attempt: z.int(),
  /**
   * `in_flight` from the moment a worker claims the delivery; `interrupted` when that worker
   * stopped (crashed) before the attempt ended and another one took the delivery over.
   */
  outcome: z.enum(["in_flight", "succeeded", "failed", "interrupted"]),
  started_at: TimestampSchema,
  /** Null while in flight and for an interrupted attempt. */
  latency_ms: z.int().nullable(),
  status_code: z.int().nullable(),
  error: z.string().nullable(),
  /** The first bytes (up to 1 KB) of the receiver's reply. */
  response_excerpt: z.string().nullable(),
});

/**
 * A receiver's circuit breaker, per destination (a URL's origin, or `mailto:` and the domain):
 * `open` after several failures in a row (its callbacks wait, no attempt is spent, until
 * `open_until`), then `half_open` (one callback goes as a probe: success closes it, failure opens
 * it again).
 */
export const CallbackDestinationStateSchema = z.object({
  destination: z.string(),
  state: z.enum(["closed", "open", "half_open"]),
  consecutive_failures: z.int(),
  open_until: TimestampSchema.nullable(),
  last_error: z.string().nullable(),
});
export type CallbackDestinationState = z.infer<typeof CallbackDestinationStateSchema>;

export const CallbackDeliverySchema = z.object({
  /** Also the `webhook-id` header of every attempt. */
  delivery_id: z.string(),
  event: z.string(),
  url: z.string(),
  /** The breaker of the delivery's destination, now. */
  destination: CallbackDestinationStateSchema,
  status: z.enum(["pending", "succeeded", "failed"]),
  attempts: z.int(),
  created_at: TimestampSchema,
  next_attempt_at: TimestampSchema.nullable(),
  finished_at: TimestampSchema.nullable(),
  last_status_code: z.int().nullable(),
  last_error: z.string().nullable(),
  /** The JSON body sent (the same on every attempt). */
  payload: z.unknown(),
  attempt_log: z.array(CallbackAttemptSchema),
});
export type CallbackDelivery = z.infer<typeof CallbackDeliverySchema>;

export const CallbackDeliveryListSchema = z.object({ docs: z.array(CallbackDeliverySchema) });

export const SendCallbackInputSchema = z.strictObject({
  task_id: TaskIdSchema,
  /** How long to wait for the first attempt's outcome (default 10 s; 0 only queues it). */
  wait_ms: queryInt(0, 30_000, "wait_ms must be an integer from 0 to 30000").optional(),
});

export const SendCallbackResultSchema = z.object({
  /** True once the receiver accepted it (2xx, or the SMTP server took the email). */
  success: z.boolean(),
  delivery_id: z.string(),
  status: z.enum(["pending", "succeeded", "failed"]),
  error: z.string().optional(),
});
export type SendCallbackResult = z.infer<typeof SendCallbackResultSchema>;

export const ReplayCallbacksInputSchema = z
  .strictObject({ from: DateFilterSchema, to: DateFilterSchema })
  .refine((range) => range.from <= range.to, { path: ["to"], error: "must not be before from" });

export const ReplayCallbacksResultSchema = z.object({ replayed: z.int() });

export const CallbackDeliveryIdInputSchema = z.strictObject({ delivery_id: z.uuid() });

export const CallbackSettingsSchema = z.object({
  default_callback_url: z.string().nullable(),
  /** Active signing secrets, oldest first; more than one during a rotation's overlap. */
  secrets: z.array(
    z.object({
      secret: z.string(),
      created_at: TimestampSchema,
      expires_at: TimestampSchema.nullable(),
    }),
  ),
  /** The destinations of the default URL and of the organization's pending callbacks. */
  destinations: z.array(CallbackDestinationStateSchema.extend({ pending: z.int() })),
});
export type CallbackSettings = z.infer<typeof CallbackSettingsSchema>;

export const SetDefaultCallbackUrlInputSchema = z.strictObject({
  default_callback_url: CallbackUrlSchema.nullable(),
});

export const RotateCallbackSecretInputSchema = z.strictObject({
  /** How long the secrets in use keep signing alongside the new one (default 24 h, at most 30 days). */
  overlap_seconds: z
    .int()
    .min(0)
    .max(30 * 24 * 3600)
    .default(24 * 3600),
});
