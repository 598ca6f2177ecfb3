// `pnpm start`: builds the app when no build exists yet, then serves it on PORT (default 3000).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: appDir, stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync(resolve(appDir, ".next", "BUILD_ID"))) {
  console.log("taskforge: no build found, building the web app (once)...");
  run("pnpm", [
    "exec",
    "turbo",
    "run",
    "build",
    "--filter=@taskforge/web",
    "--output-logs=errors-only",
  ]);
}

// Relative data directories are taken from where the command was started, not from apps/web.
const startedIn = process.env.INIT_CWD ?? process.cwd();
const env = {
  ...process.env,
  TASKFORGE_DATA_DIR: resolve(startedIn, process.env.TASKFORGE_DATA_DIR ?? ".data"),
  NODE_ENV: "production",
};
const port = process.env.PORT ?? "3000";
const server = spawnSync("pnpm", ["exec", "next", "start", "--port", port], {
  cwd: appDir,
  stdio: "inherit",
  env,
});
process.exit(server.status ?? 1);
