import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

import { startServer, temporaryDirectory, waitForHealthy } from "../test/server";
import type { RunningServer } from "../test/server";
import { launchBrowser } from "./browser";

export type BrowserServer = { server: RunningServer; browser: Browser; dataDir: string };

/**
 * One built server on its own embedded data directory and one Chromium for a test file: started
 * before its tests, stopped and removed after them. `env` adds to the server's environment.
 */
export const useBrowserServer = (env: Record<string, string> = {}): BrowserServer => {
  const data = temporaryDirectory();
  const world = { dataDir: data.dir } as BrowserServer;
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
