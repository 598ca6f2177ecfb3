// `pnpm worker`: delivers callbacks from PostgreSQL until SIGTERM or SIGINT, then finishes the
// callbacks in flight and exits. Run any number of them; they share the work through the database.
import { openDatabase } from "@taskforge/db";

import { config } from "../config";
import type { Config } from "../config";
import { logger } from "../logger";
import { startBackgroundWorkers } from "../workers";

// The same validated configuration as the web server's: a wrong variable stops the worker here.
const settings = ((): Config => {
  try {
    return config();
  } catch (error) {
    process.stderr.write(
      `pnpm worker: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
})();
const { DATABASE_URL: databaseUrl, TASKFORGE_DB_POOL_SIZE: poolSize } = settings;
if (!databaseUrl) {
  process.stderr.write(
    "pnpm worker needs DATABASE_URL=postgres://…: in embedded mode (PGlite) the web process delivers callbacks itself.\n",
  );
  process.exit(1);
}

const db = await openDatabase({ databaseUrl, poolSize });
const workers = startBackgroundWorkers(db, { role: "worker", databaseUrl });
logger.info({ database: db.description, pid: process.pid }, "worker ready");

let stopping = false;
const shutdown = (signal: NodeJS.Signals) => {
  if (stopping) {
    logger.warn({ signal }, "second signal: exiting without waiting for callbacks in flight");
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, "draining callbacks in flight before exit");
  workers
    .stop()
    .then(() => db.close())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "worker did not shut down cleanly");
        process.exit(1);
      },
    );
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
