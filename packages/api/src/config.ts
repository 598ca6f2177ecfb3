import { z } from "zod";

// The one place configuration is read: every environment variable the web server and `pnpm worker`
// use, validated once with zod. Code elsewhere calls `config()` (lint forbids `process.env` there).

// Unset and empty variables both mean "use the default".
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess((value) => (value === "" || value === undefined ? fallback : value), schema);

const int = (min: number, max: number) => optional(z.coerce.number().int().min(min).max(max));

/** Every variable the attachments read. */
export const filesEnvShape = {
  /** Where uploaded files are kept on disk (default `<TASKFORGE_DATA_DIR>/files`). */
  TASKFORGE_FILES_DIR: optional(z.string()),
  TASKFORGE_MAX_FILE_BYTES: optional(z.coerce.number().int().min(1)),
  /** How long a signed file URL stays valid. */
  TASKFORGE_FILE_URL_TTL_SECONDS: int(10, 7 * 86_400),
  TASKFORGE_FILE_IMPORT_TIMEOUT_MS: int(1, 3_600_000),
  /** Imports from URLs obey the callbacks' SSRF guard and its allowlist. */
  TASKFORGE_CALLBACK_ALLOWLIST: optional(z.string()),
  TASKFORGE_S3_BUCKET: optional(z.string().min(1)),
  TASKFORGE_S3_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
  TASKFORGE_S3_REGION: optional(z.string().min(1)),
  TASKFORGE_S3_ACCESS_KEY_ID: optional(z.string().min(1)),
  TASKFORGE_S3_SECRET_ACCESS_KEY: optional(z.string().min(1)),
  TASKFORGE_S3_FORCE_PATH_STYLE: optional(z.enum(["true", "false", "1", "0"])),
};

/** Every TASKFORGE_CALLBACK_… variable. */
export const callbackEnvShape = {
  /** Comma-separated hosts, IPs and CIDR ranges allowed despite being private (e.g. `10.0.0.0/8,hooks.lan`). */
  TASKFORGE_CALLBACK_ALLOWLIST: optional(z.string()),
  TASKFORGE_CALLBACK_MAX_ATTEMPTS: int(1, 1000),
  TASKFORGE_CALLBACK_RETRY_BASE_MS: int(0, 86_400_000),
  TASKFORGE_CALLBACK_RETRY_MAX_DELAY_MS: int(0, 7 * 86_400_000),
  TASKFORGE_CALLBACK_TIMEOUT_MS: int(1, 600_000),
  TASKFORGE_CALLBACK_LEASE_MS: int(1, 3_600_000),
  TASKFORGE_CALLBACK_CONCURRENCY: int(1, 4096),
  TASKFORGE_CALLBACK_DESTINATION_CONCURRENCY: int(1, 4096),
  TASKFORGE_CALLBACK_DESTINATION_MAX_CONCURRENCY: int(1, 4096),
  TASKFORGE_CALLBACK_BREAKER_FAILURES: int(1, 1000),
  TASKFORGE_CALLBACK_BREAKER_COOLDOWN_MS: int(0, 86_400_000),
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
};

type FilesFields = { TASKFORGE_S3_ACCESS_KEY_ID?: string; TASKFORGE_S3_SECRET_ACCESS_KEY?: string };
type CallbackFields = {
  TASKFORGE_CALLBACK_SMTP_URL?: string;
  TASKFORGE_CALLBACK_SMTP_FROM?: string;
};

export const checkFilesEnv = (env: FilesFields, ctx: z.RefinementCtx) => {
  if (!env.TASKFORGE_S3_ACCESS_KEY_ID !== !env.TASKFORGE_S3_SECRET_ACCESS_KEY)
    ctx.addIssue({
      code: "custom",
      path: ["TASKFORGE_S3_SECRET_ACCESS_KEY"],
      message: "TASKFORGE_S3_ACCESS_KEY_ID and TASKFORGE_S3_SECRET_ACCESS_KEY go together",
    });
};

export const checkCallbackEnv = (env: CallbackFields, ctx: z.RefinementCtx) => {
  if (env.TASKFORGE_CALLBACK_SMTP_URL && !env.TASKFORGE_CALLBACK_SMTP_FROM)
    ctx.addIssue({
      code: "custom",
      path: ["TASKFORGE_CALLBACK_SMTP_FROM"],
      message: "is required when TASKFORGE_CALLBACK_SMTP_URL is set",
    });
};

export const ConfigSchema = z
  .object({
    NODE_ENV: optional(z.string()),
    /** Where `pnpm` was started; relative directories of `pnpm seed` are taken from there. */
    INIT_CWD: optional(z.string()),
    /** The web server's port (the start script listens on it; start-up messages name it). */
    PORT: withDefault(z.coerce.number().int().min(1).max(65_535), 3000),
    TASKFORGE_LOG_LEVEL: optional(
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
    ),
    /** PostgreSQL; unset means the embedded database (PGlite) in TASKFORGE_DATA_DIR. */
    DATABASE_URL: optional(
      z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL"),
    ),
    TASKFORGE_DATA_DIR: withDefault(z.string(), "./.data"),
    TASKFORGE_DB_POOL_SIZE: withDefault(z.coerce.number().int().min(1).max(500), 10),
    TASKFORGE_DB_CONNECT_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100), 10_000),
    TASKFORGE_DB_STATEMENT_TIMEOUT_MS: withDefault(z.coerce.number().int().min(1_000), 120_000),
    TASKFORGE_BOOTSTRAP_API_KEY: optional(z.string()),
    // Per API key; 0 turns the limit off.
    TASKFORGE_RATE_LIMIT_PER_SECOND: withDefault(z.coerce.number().min(0), 200),
    TASKFORGE_RATE_LIMIT_BURST: withDefault(z.coerce.number().int().min(1), 400),
    // Per client address, for every route (pages, sign-in, tRPC, REST); 0 turns the limit off.
    TASKFORGE_CLIENT_RATE_LIMIT_PER_SECOND: withDefault(z.coerce.number().min(0), 100),
    TASKFORGE_CLIENT_RATE_LIMIT_BURST: withDefault(z.coerce.number().int().min(1), 300),
    // Take the client address from the last X-Forwarded-For hop (set it behind a reverse proxy).
    TASKFORGE_TRUST_PROXY: withDefault(z.enum(["true", "false", "1", "0"]), "false").transform(
      (v) => v === "true" || v === "1",
    ),
    // Request bodies: without valid credentials, and with them (uploads and imports have their own).
    TASKFORGE_ANONYMOUS_BODY_LIMIT_BYTES: withDefault(z.coerce.number().int().min(1024), 64 * 1024),
    TASKFORGE_BODY_LIMIT_BYTES: withDefault(
      z.coerce
        .number()
        .int()
        .min(64 * 1024),
      10 * 1024 * 1024,
    ),
    // The most calls one tRPC batch may carry.
    TASKFORGE_TRPC_MAX_BATCH: withDefault(z.coerce.number().int().min(1), 50),
    // How long an authenticated API key is remembered; revocations still apply at once. 0: no cache.
    TASKFORGE_API_KEY_CACHE_MS: withDefault(z.coerce.number().int().min(0).max(60_000), 5_000),
    // email:password of the first platform admin, created (or reset) at start.
    TASKFORGE_BOOTSTRAP_ADMIN: optional(z.string()),
    // Signs session cookies; generated once and kept in the database when unset.
    NEXTAUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
    // Optional external sign-in: GitHub, and any OpenID Connect issuer.
    TASKFORGE_GITHUB_CLIENT_ID: optional(z.string().min(1)),
    TASKFORGE_GITHUB_CLIENT_SECRET: optional(z.string().min(1)),
    TASKFORGE_OIDC_ISSUER: optional(z.url()),
    TASKFORGE_OIDC_CLIENT_ID: optional(z.string().min(1)),
    TASKFORGE_OIDC_CLIENT_SECRET: optional(z.string().min(1)),
    TASKFORGE_OIDC_NAME: withDefault(z.string(), "Single sign-on"),
    /** Uploads are streamed, so this bounds time, not memory (default 2 GB). */
    TASKFORGE_MAX_IMPORT_BYTES: withDefault(
      z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      2 * 1024 ** 3,
    ),
    /** A zip dropped on a project is spooled to disk and its entries streamed (default 5 GiB). */
    TASKFORGE_MAX_ZIP_BYTES: withDefault(
      z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      5 * 1024 ** 3,
    ),
    /** Finished exports (default `<TASKFORGE_DATA_DIR>/exports`). */
    TASKFORGE_EXPORTS_DIR: optional(z.string()),
    ...filesEnvShape,
    ...callbackEnvShape,
  })
  .superRefine((env, ctx) => {
    checkFilesEnv(env, ctx);
    checkCallbackEnv(env, ctx);
  });

export type Config = z.output<typeof ConfigSchema>;

/** Environment variables, as `process.env` holds them. */
export type EnvSource = Record<string, string | undefined>;

/** `VARIABLE: problem; VARIABLE: problem`, naming each variable that is wrong. */
export const describeConfigIssues = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");

/** Validates the given variables; throws an error naming every variable that is wrong. */
export const configFromEnv = (env: EnvSource): Config => {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success)
    throw new Error(`Invalid configuration: ${describeConfigIssues(parsed.error)}`);
  return parsed.data;
};

let current: Config | undefined;

/** This process's configuration, read from the environment on first use (at start-up). */
export const config = (): Config =>
  // eslint-disable-next-line no-restricted-properties -- the one place the environment is read.
  (current ??= configFromEnv(process.env));

/** Replaces this process's configuration (tests and embedders); `undefined` reads it again. */
export const useConfig = (replacement: Config | undefined) => {
  current = replacement;
};
