import type { Browser } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

import { startServer, temporaryDirectory, waitForHealthy } from "../test/server";
import type { RunningServer } from "../test/server";
import { launchBrowser } from "./browser";

export type BrowserServer = {
  server: Pick<RunningServer, "baseUrl">;
  browser: Browser;
  /** The server's embedded data directory. */
  dataDir: string;
};

/** A server of the file's own: its output, its own data directory and environment. */
export type OwnBrowserServer = BrowserServer & { server: RunningServer };

/**
 * A built server and Chromium for a test file, ready before its tests and let go after them.
 *
 * With no `env`, the file shares the browser tests' one server (started by e2e/global-setup.ts, on
 * its own embedded data directory, with no environment variable set): every file signs up its own
 * organization, and an organization sees only its own data, so files do not meet. With `env`, the
 * file gets a server of its own (see useOwnBrowserServer).
 */
export const useBrowserServer = (env: Record<string, string> = {}): BrowserServer => {
  const shared = inject("sharedServer");
  if (!shared || Object.keys(env).length > 0) return useOwnBrowserServer(env);
  const world = { server: { baseUrl: shared.baseUrl }, dataDir: shared.dataDir } as BrowserServer;
  beforeAll(async () => {
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
  });
  return world;
};

/**
 * A built server of the file's own, on a fresh embedded data directory with `env` added to its
 * environment, for a file that needs a fresh installation (the first start, its output, an empty
 * data directory) or environment variables.
 */
export const useOwnBrowserServer = (env: Record<string, string> = {}): OwnBrowserServer => {
  const data = temporaryDirectory();
  const world = { dataDir: data.dir } as OwnBrowserServer;
  beforeAll(async () => {
    world.server = await startServer({ TASKFORGE_DATA_DIR: data.dir, ...env });
    await waitForHealthy(world.server);
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.stop();
    data.remove();
  });
  return world;
};
