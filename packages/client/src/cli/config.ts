import { createTaskforgeClient } from "../index";
import type { TaskforgeClient } from "../index";
import { UsageError } from "./errors";

export type ConnectionOptions = { url?: string | undefined; apiKey?: string | undefined };
export type Connection = { baseUrl: string; apiKey: string };

/**
 * The CLI's environment (`TASKFORGE_URL`, `TASKFORGE_API_KEY`). The CLI is a program of its own on
 * the user's machine; the server's `config()` does not configure it.
 */
// eslint-disable-next-line no-restricted-properties -- the CLI's one read of its own variables.
export const cliEnv = (): NodeJS.ProcessEnv => process.env;

/** Flags win over the environment (`TASKFORGE_URL`, `TASKFORGE_API_KEY`). */
export const resolveConnection = (
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv = cliEnv(),
): Connection => {
  const baseUrl = (options.url ?? env.TASKFORGE_URL ?? "").trim();
  const apiKey = (options.apiKey ?? env.TASKFORGE_API_KEY ?? "").trim();
  if (!baseUrl) {
    throw new UsageError(
      "No server URL: set TASKFORGE_URL (e.g. http://localhost:3000) or pass --url.",
    );
  }
  if (!/^https?:\/\//.test(baseUrl)) {
    throw new UsageError(`The server URL "${baseUrl}" must start with http:// or https://.`);
  }
  if (!apiKey) {
    throw new UsageError(
      "No API key: set TASKFORGE_API_KEY to a live_… or test_… key (API keys page) or pass --api-key.",
    );
  }
  return { baseUrl: baseUrl.replace(/\/+$/, ""), apiKey };
};

export const clientFor = (connection: Connection, fetchImpl?: typeof fetch): TaskforgeClient =>
  createTaskforgeClient({ ...connection, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
