import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

export type WorkerProcess = {
  process: ChildProcess;
  output: () => string;
  /** Resolves once the worker logged that it is ready. */
  ready: Promise<void>;
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => Promise<number | null>;
};

/** `pnpm worker` as its own process (what an operator runs), on the given database. */
export const startWorkerProcess = (env: Record<string, string>): WorkerProcess => {
  const child = spawn(process.execPath, ["--import", "tsx", "src/bin/worker.ts"], {
    cwd: packageDir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("worker ready")) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then(() => reject(new Error(`worker exited before it was ready:\n${output}`)));
  });
  return {
    process: child,
    output: () => output,
    ready,
    exited,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
};
