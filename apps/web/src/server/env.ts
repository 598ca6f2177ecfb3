import { z } from "zod";

// Configuration comes from the environment only, validated once at start-up.
const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  TASKFORGE_DATA_DIR: z.string().min(1).default("./.data"),
  TASKFORGE_BOOTSTRAP_API_KEY: z.string().optional(),
  TASKFORGE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  // Per API key; 0 turns the limit off.
  TASKFORGE_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).default(200),
  TASKFORGE_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(400),
  // Per client address, for every route (pages, sign-in, tRPC, REST); 0 turns the limit off.
  TASKFORGE_CLIENT_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).default(100),
  TASKFORGE_CLIENT_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(300),
  // Take the client address from the last X-Forwarded-For hop (set it behind a reverse proxy).
  TASKFORGE_TRUST_PROXY: z
    .enum(["true", "false", "1", "0", ""])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  // Request bodies: without valid credentials, and with them (uploads and imports have their own).
  TASKFORGE_ANONYMOUS_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  TASKFORGE_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(10 * 1024 * 1024),
  // The most calls one tRPC batch may carry.
  TASKFORGE_TRPC_MAX_BATCH: z.coerce.number().int().min(1).default(50),
  // How long an authenticated API key is remembered; revocations still apply at once. 0: no cache.
  TASKFORGE_API_KEY_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  // email:password of the first platform admin, created (or reset) at start.
  TASKFORGE_BOOTSTRAP_ADMIN: z.string().optional(),
  // Signs session cookies; generated once and kept in the database when unset.
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // Optional external sign-in: GitHub, and any OpenID Connect issuer.
  TASKFORGE_GITHUB_CLIENT_ID: z.string().min(1).optional(),
  TASKFORGE_GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  TASKFORGE_OIDC_ISSUER: z.url().optional(),
  TASKFORGE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  TASKFORGE_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  TASKFORGE_OIDC_NAME: z.string().min(1).default("Single sign-on"),
});

export type Env = z.infer<typeof EnvSchema>;

export const readEnv = (source: NodeJS.ProcessEnv = process.env): Env => {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${details}`);
  }
  return parsed.data;
};
