import { defineConfig } from "vitest/config";

/**
 * Every database test runs twice: on embedded PGlite and on the machine's PostgreSQL (the test
 * helpers in @taskforge/db read TASKFORGE_TEST_DB). Files named *.pg.test.ts need a real server
 * (concurrency) and run on PostgreSQL only; *.pglite.test.ts are about the embedded database alone.
 * Files named *.unit.test.ts never open a database and run once, in the `unit` project; there
 * `createTestDatabase` throws, so a file that does open one cannot hide under that name.
 */
export const databaseTestConfig = () =>
  defineConfig({
    test: {
      testTimeout: 30_000,
      hookTimeout: 60_000,
      projects: [
        {
          extends: true,
          test: {
            name: "unit",
            include: ["src/**/*.unit.test.ts"],
            env: { TASKFORGE_TEST_DB: "none" },
          },
        },
        {
          extends: true,
          test: {
            name: "pglite",
            include: ["src/**/*.test.ts"],
            exclude: ["src/**/*.pg.test.ts", "src/**/*.unit.test.ts"],
            env: { TASKFORGE_TEST_DB: "pglite" },
          },
        },
        {
          extends: true,
          test: {
            name: "postgres",
            include: ["src/**/*.test.ts"],
            exclude: ["src/**/*.pglite.test.ts", "src/**/*.unit.test.ts"],
            env: { TASKFORGE_TEST_DB: "postgres" },
          },
        },
      ],
    },
  });
