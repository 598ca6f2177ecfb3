// The production server `pnpm start` runs (through start.mjs): one node:http server that answers
// /v1 and /api/trpc itself and hands every other path to the built Next.js app.
// Usage: node --import tsx scripts/serve.ts [--port 3000] [--hostname 0.0.0.0]
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { config, logger } from "@taskforge/api";
import { DataDirectoryInUseError } from "@taskforge/db";
import next from "next";

import { createTaskforgeServer } from "../src/server/http/server";
import { getRuntime } from "../src/server/runtime";

const dir = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const env = config();
const port = values.port === undefined ? env.PORT : Number(values.port);
const hostname = values.hostname ?? "0.0.0.0";

// The database opens (and migrates) while Next.js prepares; a failure is logged and retried on the
// next request, and the status page says so. An embedded data directory another process holds
// will not come free by retrying: this process says so and exits instead of serving errors.
void getRuntime().catch((error: unknown) => {
  if (!(error instanceof DataDirectoryInUseError)) return;
  process.stderr.write(`taskforge: ${error.message}\n`);
  process.exit(1);
});
const app = next({ dev: false, dir, hostname, port });
await app.prepare();
const server = createTaskforgeServer({ env, next: app.getRequestHandler() });
// Longer than a reverse proxy's idle timeout, so the proxy closes idle connections first.
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  logger.info({ port, hostname }, "taskforge server listening");
  process.stdout.write(`taskforge: ready on http://${hostname}:${port}\n`);
});
process.once("SIGTERM", () => server.close());
process.once("SIGINT", () => server.close());
