// The production server of apps/web (scripts/serve.ts, what `pnpm start` runs) as its own process,
// the way a user runs it, and the bare Node server the HTTP scenarios compare it with.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const WEB_DIR = fileURLToPath(new URL("../../apps/web/", import.meta.url));
const BENCH_DIR = fileURLToPath(new URL("../", import.meta.url));

export const LIVE_KEY = "live_bench_0123456789abcdef";

const freePort = () =>
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

export type BenchServer = {
  baseUrl: string;
  pid: number;
  stop: () => Promise<void>;
};

const start = async (
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  ready: (baseUrl: string) => Promise<boolean>,
): Promise<BenchServer> => {
  const port = await freePort();
  const child: ChildProcess = spawn(command, args, {
    cwd,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on(
    "data",
    (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)),
  );
  child.stderr?.on(
    "data",
    (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)),
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited early:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`${command} did not become ready:\n${output}`);
    }
    try {
      if (await ready(baseUrl)) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
};

/**
 * taskforge itself: PostgreSQL when `databaseUrl` is given, embedded PGlite in `dataDir` otherwise.
 * The rate limits are off: the benchmark is the only client and would otherwise measure them.
 */
export const startTaskforge = (options: { databaseUrl?: string; dataDir: string }) => {
  if (!existsSync(`${WEB_DIR}.next/BUILD_ID`)) {
    throw new Error("apps/web has no production build: run `pnpm --filter @taskforge/web build`.");
  }
  return start(
    process.execPath,
    ["--import", "tsx", "scripts/serve.ts", "--hostname", "127.0.0.1"],
    WEB_DIR,
    {
      TASKFORGE_DATA_DIR: options.dataDir,
      TASKFORGE_BOOTSTRAP_API_KEY: LIVE_KEY,
      TASKFORGE_RATE_LIMIT_PER_SECOND: "0",
      TASKFORGE_CLIENT_RATE_LIMIT_PER_SECOND: "0",
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    },
    async (baseUrl) => (await fetch(`${baseUrl}/api/health`)).status === 200,
  );
};

/** bare-server.ts: node:http and `pg`, nothing else, answering the same JSON from the same SQL. */
export const startBareServer = (databaseUrl: string, organizationId: string) =>
  start(
    process.execPath,
    ["--import", "tsx", "src/bare-server.ts"],
    BENCH_DIR,
    { DATABASE_URL: databaseUrl, ORGANIZATION_ID: organizationId },
    async (baseUrl) => (await fetch(`${baseUrl}/health`)).status === 200,
  );

export const authHeaders = {
  authorization: `Bearer ${LIVE_KEY}`,
  "content-type": "application/json",
};
