/**
 * The REST API over HTTP in a process of its own, for the import memory test: the test samples this
 * process's resident memory while it streams a large upload. Prints `listening <baseUrl>` when ready.
 */
import { openDatabase } from "@taskforge/db";

import { startRestServer } from "./rest-server";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is required");
const db = await openDatabase({ databaseUrl, poolSize: 5 });
const server = await startRestServer({ db });
process.stdout.write(`listening ${server.baseUrl}\n`);
process.once("SIGTERM", () => {
  void server
    .close()
    .then(() => db.close())
    .finally(() => process.exit(0));
});
