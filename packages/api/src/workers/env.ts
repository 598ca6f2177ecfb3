import { z } from "zod";

import type { DeliveryWorkerOptions } from "../services/callbacks";

// Unset and empty variables both mean "use the default".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const int = (min: number, max: number) => optional(z.coerce.number().int().min(min).max(max));

/** Every TASKFORGE_CALLBACK_… variable, validated once at start-up. */
export const CallbackEnvSchema = z
  .object({
    /** Comma-separated hosts, IPs and CIDR ranges allowed despite being private (e.g. `10.0.0.0/8,hooks.lan`). */
    TASKFORGE_CALLBACK_ALLOWLIST: optional(z.string()),
    TASKFORGE_CALLBACK_MAX_ATTEMPTS: int(1, 1000),
    TASKFORGE_CALLBACK_RETRY_BASE_MS: int(0, 86_400_000),
    TASKFORGE_CALLBACK_RETRY_MAX_DELAY_MS: int(0, 7 * 86_400_000),
    TASKFORGE_CALLBACK_TIMEOUT_MS: int(1, 600_000),
    TASKFORGE_CALLBACK_LEASE_MS: int(1, 3_600_000),
    TASKFORGE_CALLBACK_CONCURRENCY: int(1, 1000),
    TASKFORGE_CALLBACK_POLL_MS: int(1, 600_000),
    TASKFORGE_CALLBACK_FOLLOW_REDIRECTS: int(0, 10),
    /** Days finished deliveries are kept for listing and replay (0 keeps them forever). */
    TASKFORGE_CALLBACK_RETENTION_DAYS: int(0, 3650),
    TASKFORGE_CALLBACK_SMTP_URL: optional(
      z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL"),
    ),
    TASKFORGE_CALLBACK_SMTP_FROM: optional(z.email()),
    /** Whether the web process delivers callbacks: `auto` (only in embedded mode), `true` or `false`. */
    TASKFORGE_CALLBACK_IN_WEB: optional(z.enum(["auto", "true", "false"])),
  })
  .refine((env) => !env.TASKFORGE_CALLBACK_SMTP_URL || env.TASKFORGE_CALLBACK_SMTP_FROM, {
    path: ["TASKFORGE_CALLBACK_SMTP_FROM"],
    error: "is required when TASKFORGE_CALLBACK_SMTP_URL is set",
  });

export type CallbackEnv = z.infer<typeof CallbackEnvSchema>;

export const readCallbackEnv = (env: NodeJS.ProcessEnv): CallbackEnv => {
  const parsed = CallbackEnvSchema.safeParse(env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid callback configuration: ${details}`);
  }
  return parsed.data;
};

const defined = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Delivery worker options from the environment; `listenUrl` enables LISTEN on PostgreSQL. */
export const deliveryOptionsFromEnv = (
  env: NodeJS.ProcessEnv,
  listenUrl?: string,
): DeliveryWorkerOptions => {
  const e = readCallbackEnv(env);
  return {
    ...defined({
      concurrency: e.TASKFORGE_CALLBACK_CONCURRENCY,
      pollIntervalMs: e.TASKFORGE_CALLBACK_POLL_MS,
      leaseMs: e.TASKFORGE_CALLBACK_LEASE_MS,
      timeoutMs: e.TASKFORGE_CALLBACK_TIMEOUT_MS,
      followRedirects: e.TASKFORGE_CALLBACK_FOLLOW_REDIRECTS,
      retentionDays: e.TASKFORGE_CALLBACK_RETENTION_DAYS,
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
