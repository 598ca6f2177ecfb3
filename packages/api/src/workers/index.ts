import type { Database } from "@taskforge/db";

import { config, configFromEnv } from "../config";
import type { EnvSource } from "../config";
import { logger } from "../logger";
import { startDeliveryWorkers } from "../services/callbacks";
import { exportsDirOf, startExportRunner } from "../services/exports";
import { deliveryOptionsOf } from "./env";

export {
  CallbackEnvSchema,
  deliveryOptionsFromEnv,
  deliveryOptionsOf,
  readCallbackEnv,
} from "./env";

export type BackgroundWorkers = {
  /** Whether this process delivers callbacks. */
  readonly delivering: boolean;
  /** Stops taking work and waits for what is in flight; call before closing the database. */
  stop(): Promise<void>;
};

export type BackgroundWorkerOptions = {
  /**
   * `web`: deliver from the web process in embedded mode (PGlite lives in one process), and with
   * PostgreSQL only when TASKFORGE_CALLBACK_IN_WEB=true (`pnpm worker` processes do it there).
   * `worker`: always deliver.
   */
  role: "web" | "worker";
  /** Variables to use instead of this process's configuration (tests). */
  env?: EnvSource;
  /** The PostgreSQL URL the database was opened with, to LISTEN for new deliveries. */
  databaseUrl?: string | undefined;
};

/** Starts the background work of a web or worker process, as `config()` says. */
export const startBackgroundWorkers = (
  db: Database,
  options: BackgroundWorkerOptions,
): BackgroundWorkers => {
  const settings = options.env ? configFromEnv(options.env) : config();
  const inWeb = settings.TASKFORGE_CALLBACK_IN_WEB ?? "auto";
  const delivering =
    options.role === "worker" || inWeb === "true" || (inWeb === "auto" && db.kind === "pglite");
  if (!delivering) {
    logger.info(
      "callbacks are delivered by `pnpm worker` processes (set TASKFORGE_CALLBACK_IN_WEB=true to deliver from the web process too)",
    );
    return { delivering, stop: () => Promise.resolve() };
  }
  const listenUrl = db.kind === "postgres" ? options.databaseUrl : undefined;
  const deliveries = startDeliveryWorkers(db, deliveryOptionsOf(settings, listenUrl));
  // Exports run where callbacks are delivered (same rule, same processes).
  const exportRunner = startExportRunner(db, { exportsDir: exportsDirOf(settings) });
  logger.info({ role: options.role, listen: Boolean(listenUrl) }, "callback delivery started");
  return {
    delivering,
    stop: () => Promise.all([deliveries.stop(), exportRunner.stop()]).then(() => undefined),
  };
};
