import { buffer } from "node:stream/consumers";

import { chromium } from "playwright-core";
import type { Browser, BrowserServer, Download, LaunchOptions } from "playwright-core";
import { inject } from "vitest";

// Debian's Chromium (CI installs it); playwright's own browser download cannot work offline.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const launchOptions: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    // WebGL (the lidar editor) without a GPU: ANGLE on SwiftShader, Chromium's CPU renderer.
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
  ],
};

/** A Chromium that test files connect to (started once by the browser tests' global setup). */
export const launchBrowserServer = (): Promise<BrowserServer> =>
  chromium.launchServer(launchOptions);

/**
 * Chromium for one test file: a connection to the shared Chromium when the global setup started
 * one (closing it closes only this file's contexts), else a Chromium of its own.
 */
export const launchBrowser = (): Promise<Browser> => {
  const endpoint = inject("chromiumEndpoint");
  return endpoint ? chromium.connect(endpoint) : chromium.launch(launchOptions);
};

declare module "vitest" {
  export interface ProvidedContext {
    /** The shared Chromium's websocket endpoint. */
    chromiumEndpoint?: string;
    /** The shared server (see browser-server.ts). */
    sharedServer?: { baseUrl: string; dataDir: string };
  }
}

/** The text of a finished download (its `path()` is not available over a shared Chromium). */
export const downloadedText = async (download: Download): Promise<string> =>
  (await buffer(await download.createReadStream())).toString("utf8");
