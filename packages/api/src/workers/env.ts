import { z } from "zod";

import { callbackEnvShape, checkCallbackEnv, describeConfigIssues } from "../config";
import type { EnvSource } from "../config";
import type { DeliveryWorkerOptions } from "../services/callbacks";

/** Every TASKFORGE_CALLBACK_… variable, validated once at start-up (they are part of `config()`). */
export const CallbackEnvSchema = z.object(callbackEnvShape).superRefine(checkCallbackEnv);

export type CallbackEnv = z.infer<typeof CallbackEnvSchema>;

export const readCallbackEnv = (env: EnvSource): CallbackEnv => {
  const parsed = CallbackEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid callback configuration: ${describeConfigIssues(parsed.error)}`);
  }
  return parsed.data;
};

const defined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Delivery worker options from environment variables; `listenUrl` enables LISTEN on PostgreSQL. */
export const deliveryOptionsFromEnv = (env: EnvSource, listenUrl?: string): DeliveryWorkerOptions =>
  deliveryOptionsOf(readCallbackEnv(env), listenUrl);

/** Delivery worker options from validated configuration. */
export const deliveryOptionsOf = (e: CallbackEnv, listenUrl?: string): DeliveryWorkerOptions => {
  return {
    ...defined({
      concurrency: e.TASKFORGE_CALLBACK_CONCURRENCY,
      pollIntervalMs: e.TASKFORGE_CALLBACK_POLL_MS,
      leaseMs: e.TASKFORGE_CALLBACK_LEASE_MS,
      timeoutMs: e.TASKFORGE_CALLBACK_TIMEOUT_MS,
      followRedirects: e.TASKFORGE_CALLBACK_FOLLOW_REDIRECTS,
      retentionDays: e.TASKFORGE_CALLBACK_RETENTION_DAYS,
    }),
    destinations: defined({
      start: e.TASKFORGE_CALLBACK_DESTINATION_CONCURRENCY,
      max: e.TASKFORGE_CALLBACK_DESTINATION_MAX_CONCURRENCY,
      breakerFailures: e.TASKFORGE_CALLBACK_BREAKER_FAILURES,
      breakerCooldownMs: e.TASKFORGE_CALLBACK_BREAKER_COOLDOWN_MS,
    }),
    schedule: defined({
      maxAttempts: e.TASKFORGE_CALLBACK_MAX_ATTEMPTS,
      baseDelayMs: e.TASKFORGE_CALLBACK_RETRY_BASE_MS,
      maxDelayMs: e.TASKFORGE_CALLBACK_RETRY_MAX_DELAY_MS,
    }),
    allowlist: (e.TASKFORGE_CALLBACK_ALLOWLIST ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
    smtp:
      e.TASKFORGE_CALLBACK_SMTP_URL && e.TASKFORGE_CALLBACK_SMTP_FROM
        ? { url: e.TASKFORGE_CALLBACK_SMTP_URL, from: e.TASKFORGE_CALLBACK_SMTP_FROM }
        : undefined,
    listenUrl,
  };
};
