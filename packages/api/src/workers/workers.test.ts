import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { createTestDatabase } from "@taskforge/db/testing";
import { describe, expect, it } from "vitest";

import { deliveryOptionsFromEnv, startBackgroundWorkers } from "./index";

describe("callback configuration from the environment", () => {
  it("maps every variable, treating empty ones as unset", () => {
    expect(
      deliveryOptionsFromEnv(
        {
          TASKFORGE_CALLBACK_ALLOWLIST: "10.0.0.0/8, hooks.lan",
          TASKFORGE_CALLBACK_MAX_ATTEMPTS: "5",
          TASKFORGE_CALLBACK_RETRY_BASE_MS: "1000",
          TASKFORGE_CALLBACK_RETRY_MAX_DELAY_MS: "60000",
          TASKFORGE_CALLBACK_TIMEOUT_MS: "",
          TASKFORGE_CALLBACK_CONCURRENCY: "8",
          TASKFORGE_CALLBACK_DESTINATION_CONCURRENCY: "2",
          TASKFORGE_CALLBACK_BREAKER_FAILURES: "7",
          TASKFORGE_CALLBACK_RETENTION_DAYS: "0",
          TASKFORGE_CALLBACK_SMTP_URL: "smtp://mail.lan:25",
          TASKFORGE_CALLBACK_SMTP_FROM: "taskforge@example.org",
        },
        "postgres://db/taskforge",
      ),
    ).toEqual({
      concurrency: 8,
      retentionDays: 0,
      destinations: { start: 2, breakerFailures: 7 },
      schedule: { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60000 },
      allowlist: ["10.0.0.0/8", "hooks.lan"],
      smtp: { url: "smtp://mail.lan:25", from: "taskforge@example.org" },
      listenUrl: "postgres://db/taskforge",
    });
  });

  it("names the variable that is wrong", () => {
    expect(() => deliveryOptionsFromEnv({ TASKFORGE_CALLBACK_MAX_ATTEMPTS: "twenty" })).toThrow(
      "Invalid callback configuration: TASKFORGE_CALLBACK_MAX_ATTEMPTS:",
    );
    expect(() =>
      deliveryOptionsFromEnv({ TASKFORGE_CALLBACK_SMTP_URL: "smtp://mail.lan" }),
    ).toThrow("TASKFORGE_CALLBACK_SMTP_FROM: is required when TASKFORGE_CALLBACK_SMTP_URL is set");
  });

  it("delivers from the web process only in embedded mode unless told otherwise", async () => {
    const db = await createTestDatabase("pglite");
    try {
      const embedded = startBackgroundWorkers(db, { role: "web", env: {} });
      expect(embedded.delivering).toBe(true);
      await embedded.stop();
      const off = startBackgroundWorkers(db, {
        role: "web",
        env: { TASKFORGE_CALLBACK_IN_WEB: "false" },
      });
      expect(off.delivering).toBe(false);
      await off.stop();
      expect(() =>
        startBackgroundWorkers(db, {
          role: "worker",
          env: { TASKFORGE_CALLBACK_ALLOWLIST: "10.0.0.0/40" },
        }),
      ).toThrow('callback allowlist entry "10.0.0.0/40": the prefix must be 0 to 32');
    } finally {
      await db.close();
    }
  });
});

describe("pnpm worker", () => {
  it("refuses to start without a PostgreSQL DATABASE_URL, saying why", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/bin/worker.ts"], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      env: { ...process.env, DATABASE_URL: "" },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("pnpm worker needs DATABASE_URL=postgres://");
  });

  it("refuses to start with an invalid pool size, naming the variable", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/bin/worker.ts"], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      env: {
        ...process.env,
        DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
        TASKFORGE_DB_POOL_SIZE: "many",
      },
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("pnpm worker: Invalid configuration: TASKFORGE_DB_POOL_SIZE:");
  });
});
