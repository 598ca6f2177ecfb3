// Runs `prisma generate` offline. Prisma refuses to start without a schema-engine binary even though
// generate never uses it, and the binary is a download this project cannot rely on; the documented
// override PRISMA_SCHEMA_ENGINE_BINARY pointed at any executable satisfies that check.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = existsSync("/bin/true") ? "/bin/true" : process.execPath;
}
const result = spawnSync(fileURLToPath(new URL("../node_modules/.bin/prisma", import.meta.url)), ["generate"], { stdio: "inherit", env, shell: process.platform === "win32" });
process.exit(result.status ?? 1);
