import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { prepareTestDataDirectory } from "@taskforge/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";

import { freePort, temporaryDirectory } from "./server";

const appDir = fileURLToPath(new URL("..", import.meta.url));

let data: ReturnType<typeof temporaryDirectory>;
beforeAll(async () => {
  data = temporaryDirectory();
  // The migrated template, as on any start after the first migration; the demo organization is
  // still made on this start (its data directory holds no organization).
  await prepareTestDataDirectory(data.dir);
});
afterAll(() => data.remove());

it("`pnpm start` says what it does, then how to sign in, then ready, once /api/health answers ok", async () => {
  if (!existsSync(join(appDir, ".next", "BUILD_ID")))
    throw new Error("apps/web has no production build: run `pnpm build` first.");
  const port = await freePort();
  // The build exists, so start.mjs skips building and starts the server, as on every later start.
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: appDir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      TASKFORGE_DATA_DIR: data.dir,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: stopping it stops the server it started too.
    detached: true,
  });
  let output = "";
  // When "ready" is printed, what /api/health answers at that moment.
  let healthAtReady: Promise<number> | undefined;
  const readyLine = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!healthAtReady && /taskforge is ready at/.test(output)) {
        healthAtReady = fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    await Promise.race([
      readyLine,
      exited.then(() => {
        throw new Error(`start.mjs exited before ready:\n${output}`);
      }),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no "ready" within 90 s:\n${output}`)), 90_000),
      ),
    ]);
    expect(await healthAtReady).toBe(200);
  } finally {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
    await exited;
  }
  // The order, all before the process was stopped: progress, the database set up (the demo
  // organization of the first start), the sign-in hint, then ready.
  const at = (text: string) => {
    const index = output.indexOf(text);
    expect(index, `"${text}" missing from:\n${output}`).toBeGreaterThanOrEqual(0);
    return index;
  };
  const order = [
    at("starting the server..."),
    at("ready on http"),
    at("setting up the database"),
    at("created a demo organization"),
    at(`1. Create your account: http://localhost:${port}/sign-up`),
    at(`3. Label them at http://localhost:${port}/work`),
    at(`taskforge is ready at http://localhost:${port}`),
  ];
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(output.match(/taskforge is ready at/g)).toHaveLength(1);
});
