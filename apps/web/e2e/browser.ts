import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";

// Debian's Chromium (CI installs it); playwright's own browser download cannot work offline.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
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
  });
