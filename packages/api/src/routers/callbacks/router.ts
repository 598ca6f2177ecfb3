import {
  CallbackDeliveryIdInputSchema,
  CallbackDeliveryListSchema,
  CallbackDeliverySchema,
  CallbackSettingsSchema,
  ReplayCallbacksInputSchema,
  ReplayCallbacksResultSchema,
  RotateCallbackSecretInputSchema,
  SendCallbackInputSchema,
  SendCallbackResultSchema,
  SetDefaultCallbackUrlInputSchema,
  TaskIdInputSchema,
} from "@taskforge/schema";

import {
  getCallbackSettings,
  listTaskCallbacks,
  replayFailedCallbacks,
  resendTaskCallback,
  retryCallbackDelivery,
  rotateCallbackSecret,
  setDefaultCallbackUrl,
} from "../../services/callbacks";
import { createTRPCRouter, orgSettingsProcedure, orgProcedureFor } from "../../trpc";

export const callbacksRouter = createTRPCRouter({
  /** A task's deliveries, newest first, each with its attempts. */
  list: orgProcedureFor("read")
    .input(TaskIdInputSchema)
    .output(CallbackDeliveryListSchema)
    .query(({ ctx, input }) => listTaskCallbacks(ctx.scope, input.task_id)),
  /** Send the task's callback again and wait (briefly) for the first attempt. */
  resend: orgProcedureFor("manage_work")
    .input(SendCallbackInputSchema)
    .output(SendCallbackResultSchema)
    .mutation(({ ctx, input }) =>
      resendTaskCallback(ctx.scope, input.task_id, { waitMs: input.wait_ms }),
    ),
  /** Queue one failed delivery again. */
  retry: orgProcedureFor("manage_work")
    .input(CallbackDeliveryIdInputSchema)
    .output(CallbackDeliverySchema)
    .mutation(({ ctx, input }) => retryCallbackDelivery(ctx.scope, input.delivery_id)),
  /** Queue again every failed delivery created in a time range. */
  replay: orgProcedureFor("manage_work")
    .input(ReplayCallbacksInputSchema)
    .output(ReplayCallbacksResultSchema)
    .mutation(({ ctx, input }) => replayFailedCallbacks(ctx.scope, input)),
  /** The default callback URL and the signing secrets. */
  settings: orgSettingsProcedure
    .output(CallbackSettingsSchema)
    .query(({ ctx }) => getCallbackSettings(ctx.scope)),
  setDefaultUrl: orgSettingsProcedure
    .input(SetDefaultCallbackUrlInputSchema)
    .output(CallbackSettingsSchema)
    .mutation(({ ctx, input }) => setDefaultCallbackUrl(ctx.scope, input.default_callback_url)),
  /** Start signing with a new secret; the current ones keep signing for `overlap_seconds`. */
  rotateSecret: orgSettingsProcedure
    .input(RotateCallbackSecretInputSchema)
    .output(CallbackSettingsSchema)
    .mutation(({ ctx, input }) => rotateCallbackSecret(ctx.scope, input.overlap_seconds)),
});
