import { resolve } from "node:path";

import {
  config,
  createRestHandler,
  ensureBootstrapAdmin,
  ensureBootstrapOrganization,
  ensureInstanceSecret,
  ensureDemoOrganization,
  filesConfig,
  logger,
  parseBootstrapAdmin,
  parseBootstrapKeys,
  seedDemo,
  startApiKeyCache,
  startBackgroundWorkers,
  startWorkJobs,
} from "@taskforge/api";
import type { Config, RateLimitConfig } from "@taskforge/api";
import { openDatabase } from "@taskforge/db";
import type { Database } from "@taskforge/db";

export type Runtime = {
  db: Database;
  env: Config;
  /** Signs session cookies (next-auth). */
  authSecret: string;
  rateLimit: RateLimitConfig;
  /** Scale's Task API v1, mounted at /v1. */
  rest: (request: Request) => Promise<Response>;
};

const startRuntime = async (): Promise<Runtime> => {
  // Every variable is validated here, at start: a wrong one fails start-up naming it.
  const env = config();
  filesConfig();
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: resolve(env.TASKFORGE_DATA_DIR),
    poolSize: env.TASKFORGE_DB_POOL_SIZE,
    connectTimeoutMs: env.TASKFORGE_DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: env.TASKFORGE_DB_STATEMENT_TIMEOUT_MS,
  });
  logger.info({ database: db.description }, "database ready, migrations applied");
  if (env.TASKFORGE_BOOTSTRAP_API_KEY) {
    const keys = parseBootstrapKeys(env.TASKFORGE_BOOTSTRAP_API_KEY);
    const { organizationId } = await ensureBootstrapOrganization(db, keys);
    logger.info(
      { organizationId, keys: keys.length },
      "bootstrap organization holds the configured API keys",
    );
  } else if (db.kind === "pglite") {
    const demo = await ensureDemoOrganization(db);
    if (demo) {
      // A project per task type with a few tasks, and a demo worker to label them.
      const seeded = await seedDemo(db, { organizationId: demo.organizationId });
      // Printed once, on the first start: only hashes of the keys and the password are stored.
      process.stdout.write(
        [
          "",
          "taskforge: created a demo organization. Its API keys are shown only this once:",
          `  live key: ${demo.liveKey}`,
          `  test key: ${demo.testKey}`,
          "Call the API with `Authorization: Bearer <key>`.",
          ...(seeded.worker.password
            ? [
                `It has ${seeded.tasksCreated} demo tasks in ${seeded.projectsCreated} projects. Label them as the demo worker:`,
                `  email: ${seeded.worker.email}`,
                `  password: ${seeded.worker.password}`,
              ]
            : []),
          "",
        ].join("\n") + "\n",
      );
    }
  }
  const url = `http://localhost:${env.PORT}`;
  let signInHint = `Open ${url}/sign-up to create your account and organization, or ${url}/sign-in.`;
  if (env.TASKFORGE_BOOTSTRAP_ADMIN) {
    const admin = parseBootstrapAdmin(env.TASKFORGE_BOOTSTRAP_ADMIN);
    const { created } = await ensureBootstrapAdmin(db, admin);
    logger.info({ email: admin.email, created }, "platform admin from TASKFORGE_BOOTSTRAP_ADMIN");
    signInHint = `${signInHint} Platform admin: sign in as ${admin.email}.`;
  }
  if (db.kind === "pglite") process.stdout.write(`taskforge: ${signInHint}\n`);
  const authSecret = env.NEXTAUTH_SECRET ?? (await ensureInstanceSecret(db, "session_secret"));
  // The lease sweep runs in every web process; it is idempotent, so several processes may run it.
  const jobs = startWorkJobs(db);
  // Callback delivery: in the web process in embedded mode; `pnpm worker` processes with PostgreSQL.
  const workers = startBackgroundWorkers(db, { role: "web", databaseUrl: env.DATABASE_URL });
  // API keys are remembered a few seconds; revoking one reaches every process at once.
  const keyCache = startApiKeyCache(db, {
    databaseUrl: env.DATABASE_URL,
    ttlMs: env.TASKFORGE_API_KEY_CACHE_MS,
  });
  await keyCache.ready;
  closeOnShutdown(db, async () => {
    await keyCache.stop();
    jobs.stop();
    await workers.stop();
  });
  const rateLimit = {
    perSecond: env.TASKFORGE_RATE_LIMIT_PER_SECOND,
    burst: env.TASKFORGE_RATE_LIMIT_BURST,
  };
  return { db, env, authSecret, rateLimit, rest: createRestHandler({ db, rateLimit }) };
};

// PGlite flushes and releases its data directory on close; PostgreSQL pools end cleanly.
const closeOnShutdown = (db: Database, stopWork: () => Promise<void>) => {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "closing the database before exit");
    stopWork()
      .then(() => db.close())
      .catch((error: unknown) => logger.error({ err: error }, "database did not close cleanly"))
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
};

// Kept on globalThis so hot reloads and separately bundled routes share one database. Only a runtime
// that started successfully is kept: a cached rejection would poison the process for good.
const store = globalThis as typeof globalThis & { taskforgeRuntime?: Promise<Runtime> };

export const getRuntime = (): Promise<Runtime> => {
  if (!store.taskforgeRuntime) {
    const starting = startRuntime();
    store.taskforgeRuntime = starting;
    starting.catch((error: unknown) => {
      if (store.taskforgeRuntime === starting) delete store.taskforgeRuntime;
      logger.error({ err: error }, "taskforge failed to start");
    });
  }
  return store.taskforgeRuntime;
};

/** Whether start-up finished, without starting it. */
export const runtimeState = async (): Promise<"ready" | "starting" | "failed"> => {
  const pending = store.taskforgeRuntime;
  if (!pending) return "failed";
  const settled = await Promise.race([
    pending.then(
      () => "ready" as const,
      () => "failed" as const,
    ),
    new Promise<"starting">((done) => setTimeout(() => done("starting"), 50)),
  ]);
  return settled;
};
