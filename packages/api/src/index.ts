export { appRouter, createCaller } from "./routers/root";
export type { AppRouter, RouterInputs, RouterOutputs } from "./routers/root";
export { createContext, createInnerContext, MODE_HEADER } from "./context";
export type { Context } from "./context";
export { AppError, toErrorBody } from "./errors";
export {
  apiKeyFromAuthorization,
  findApiKey,
  generateApiKey,
  hashApiKey,
  keyModeOf,
} from "./api-keys";
export type { AuthenticatedKey, KeyMode } from "./api-keys";
export { forgetApiKeys, startApiKeyCache } from "./api-key-cache";
export type { ApiKeyCacheHandle } from "./api-key-cache";
export type { Scope } from "./scope";
export { memberScopeOf, requirePermission } from "./scope";
export { config, configFromEnv, ConfigSchema, useConfig } from "./config";
export type { Config } from "./config";
export { logger } from "./logger";
export { newTaskId } from "./object-id";
export * from "./services/tasks";
export {
  ensureBootstrapOrganization,
  ensureDemoOrganization,
  parseBootstrapKeys,
} from "./services/organizations/bootstrap";
export * from "./services/seed";
export * from "./services/projects";
export * from "./services/batches";
export { DEFAULT_RATE_LIMIT, RateLimitedError, takeRateLimitToken } from "./services/rate-limit";
export type { RateLimitConfig } from "./services/rate-limit";
export { createRestHandler } from "./rest/handler";
export { readBodyWithin } from "./rest/http";
export { callOperation, operationErrorCause } from "./rest/operations";
export type { OperationPath } from "./rest/operations";
export type { RestHandlerOptions } from "./rest/handler";
export * from "./services/work";
export { getTaskHistory } from "./services/tasks/history";
export * from "./services/callbacks";
export * from "./services/exports";
export * from "./workers";
export * from "./services/accounts";
export * from "./services/imports";
export * from "./services/files";
export * from "./services/media";
