import type { TestProject } from "vitest/node";

import { startServer, temporaryDirectory, waitForHealthy } from "../test/server";
import { launchBrowserServer } from "./browser";

/**
 * Once per run of the browser tests: one Chromium that every file connects to, and one built
 * server on a fresh embedded data directory that files share (see useBrowserServer). Starting
 * them once instead of in each file saves a server start and a browser launch per file.
 */
export default async function setup(project: TestProject) {
  const data = temporaryDirectory();
  const chromium = await launchBrowserServer();
  const server = await startServer({ TASKFORGE_DATA_DIR: data.dir }).catch(async (error) => {
    await chromium.close();
    throw error;
  });
  try {
    await waitForHealthy(server);
  } catch (error) {
    await server.stop();
    await chromium.close();
    throw error;
  }
  project.provide("chromiumEndpoint", chromium.wsEndpoint());
  project.provide("sharedServer", { baseUrl: server.baseUrl, dataDir: data.dir });
  return async () => {
    await server.stop();
    await chromium.close();
    data.remove();
  };
}
