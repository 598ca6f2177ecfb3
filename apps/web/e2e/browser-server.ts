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

/**
 * A built server and Chromium for a test file, started before its tests and stopped after them.
 *
 * With no `env`, the file shares the browser tests' one server (started by e2e/global-setup.ts,
 * on its own embedded data directory, with no environment variable set): every file signs up its
 * own organization, and an organization sees only its own data, so files do not meet. A file that
 * needs environment variables, the server's output or a fresh installation (an empty data
 * directory, the first start) passes `env` or `{ ownServer: true }` and gets a server of its own.
 */
export const useBrowserServer = (
  env: Record<string, string> = {},
  options: { ownServer?: boolean } = {},
): BrowserServer => {
  const shared = inject("sharedServer");
  const own = options.ownServer || Object.keys(env).length > 0 || !shared;
  const data = own ? temporaryDirectory() : undefined;
  const world = { dataDir: data?.dir ?? shared?.dataDir } as BrowserServer;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    if (data) {
      server = await startServer({ TASKFORGE_DATA_DIR: data.dir, ...env });
      await waitForHealthy(server);
      world.server = server;
    } else if (shared) {
      world.server = { baseUrl: shared.baseUrl };
    }
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
    await server?.stop();
    data?.remove();
  });
  return world;
};
