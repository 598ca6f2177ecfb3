import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { prepareTestDataDirectory } from "@taskforge/db/testing";

const appDir = fileURLToPath(new URL("..", import.meta.url));

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });

export type RunningServer = {
  baseUrl: string;
  output: () => string;
  stop: () => Promise<number | null>;
  process: ChildProcess;
};

/**
 * Starts the production server (`pnpm start`'s scripts/serve.ts) as a separate process, as a user
 * would. An empty embedded data directory is first filled with the migrated test template
 * (migrating PGlite takes many seconds; the server then finds every migration applied, as on any
 * later start).
 */
export const startServer = async (env: Record<string, string>): Promise<RunningServer> => {
  if (!existsSync(join(appDir, ".next", "BUILD_ID"))) {
    throw new Error(
      "apps/web has no production build: run `pnpm build` (turbo runs it before these tests).",
    );
  }
  const dataDir = env.TASKFORGE_DATA_DIR;
  if (dataDir && !env.DATABASE_URL && existsSync(dataDir) && readdirSync(dataDir).length === 0) {
    await prepareTestDataDirectory(dataDir);
  }
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/serve.ts", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: appDir,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    process: child,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
};

/** Polls /api/health until it answers 200, failing with the server's output if it never does. */
export const waitForHealthy = async (server: RunningServer, timeoutMs = 90_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.process.exitCode !== null)
      throw new Error(`server exited early:\n${server.output()}`);
    try {
      const response = await fetch(`${server.baseUrl}/api/health`);
      if (response.status === 200) return (await response.json()) as unknown;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${server.output()}`);
};

export const temporaryDirectory = () => {
  const dir = mkdtempSync(join(tmpdir(), "taskforge-e2e-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};
