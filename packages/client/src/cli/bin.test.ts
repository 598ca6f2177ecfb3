import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

// `taskforge` under its own name, as the README tells users to run it after `pnpm install`: from
// the repository root and from inside the client package.
const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** pnpm as the test was started by it (its script runner sets npm_execpath), else from PATH. */
const pnpm = (args: string[], cwd: string) => {
  const execPath = process.env.npm_execpath;
  const [command, commandArgs] =
    execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath, ...args]] : ["pnpm", args];
  const child = spawn(command, commandArgs, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
};

describe("the taskforge bin", () => {
  it.each([
    ["the repository root", ["exec", "taskforge", "--help"]],
    ["the client package", ["--filter", "./packages/client", "exec", "taskforge", "--help"]],
  ])("runs as `taskforge` from %s", async (_where, args) => {
    const result = await pnpm(args, ROOT);
    expect(result.output).toContain("Usage: taskforge [options] [command]");
    expect(result.output).toContain("import [options] <file>");
    expect(result.code).toBe(0);
  });
});
