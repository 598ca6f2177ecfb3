import { z } from "zod";

export const ERROR_CODES = [
  "bad_request",
  "unauthorized",
  // Scale answers 402 when a task type is not enabled for the account.
  "not_enabled",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "unprocessable",
  "rate_limited",
  "internal",
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ERROR_HTTP_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  not_enabled: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

export const ApiIssueSchema = z.object({
  /** Dotted path such as `params.fields[1].field_id`; empty for the whole body. */
  path: z.string(),
  message: z.string(),
});
export type ApiIssue = z.infer<typeof ApiIssueSchema>;

/**
 * Scale's REST error body. `issues` is our addition (Scale clients read only `error`), so that
 * callers can point at each invalid field.
 */
export const ApiErrorBodySchema = z.object({
  status_code: z.int(),
  error: z.string(),
  issues: z.array(ApiIssueSchema).optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
