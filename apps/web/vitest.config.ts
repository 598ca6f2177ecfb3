import { defineConfig } from "vitest/config";

/**
 * Three kinds of tests, each its own turbo task (see turbo.json): `unit` (src/, no server),
 * `http` (test/: the built server driven over HTTP) and `browser` (e2e/: the built server and
 * Chromium). `vitest run` runs all three; `--project <name>` one of them.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["src/**/*.test.ts"] } },
      { extends: true, test: { name: "http", include: ["test/**/*.test.ts"] } },
      {
        extends: true,
        // One Chromium and one shared server for the whole run (see e2e/browser-server.ts).
        test: {
          name: "browser",
          include: ["e2e/**/*.test.ts"],
          globalSetup: ["e2e/global-setup.ts"],
        },
      },
      // Measurements (`pnpm measure`), in no test run: defined only when asked for.
      ...(process.env.TASKFORGE_MEASURE
        ? [
            {
              extends: true as const,
              test: {
                name: "measure",
                include: ["e2e/**/*.measure.ts"],
                globalSetup: ["e2e/global-setup.ts"],
                testTimeout: 600_000,
              },
            },
          ]
        : []),
    ],
  },
});
