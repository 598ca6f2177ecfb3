// Callbacks: the outbox (enqueue in the caller's transaction), the delivery workers, signing, the
// SSRF guard, and the scoped services behind the REST and tRPC endpoints.
export { enqueueBatchCallback, enqueueTaskCallback, enqueueTaskCallbacks } from "./enqueue";
export type { BatchCallbackEvent, TaskCallbackEvent, TaskCallbackReason } from "./enqueue";
export { batchCallbackPayload, taskCallbackPayload } from "./payloads";
export type { BatchCallbackPayload, BatchTaskCounts, TaskCallbackPayload } from "./payloads";
export { isEmailTarget, startDeliveryWorkers } from "./worker";
export type { DeliveryWorkers } from "./worker";
export type { DeliveryWorkerOptions } from "./options";
export { DEFAULT_RETRY_SCHEDULE, retryDelayMs, retryWindowMs } from "./schedule";
export type { RetrySchedule } from "./schedule";
export type { SmtpConfig } from "./email-sender";
export {
  CallbackTargetRefusedError,
  forbiddenRange,
  guardedLookup,
  parseAllowlist,
  refusalFor,
} from "./ssrf";
export type { Resolver, TargetPolicy } from "./ssrf";
export { callbackHeaders, generateCallbackSecret, signPayload } from "./signing";
export {
  listTaskCallbacks,
  replayFailedCallbacks,
  resendTaskCallback,
  retryCallbackDelivery,
} from "./deliveries";
export { getCallbackSettings, rotateCallbackSecret, setDefaultCallbackUrl } from "./settings";
