import { describe, expect, it } from "vitest";

import { configFromEnv } from "./config";

describe("configuration", () => {
  it("has a safe default for every setting in embedded mode", () => {
    const config = configFromEnv({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config).toMatchObject({
      TASKFORGE_DATA_DIR: "./.data",
      TASKFORGE_DB_POOL_SIZE: 10,
      PORT: 3000,
      TASKFORGE_RATE_LIMIT_PER_SECOND: 200,
      TASKFORGE_RATE_LIMIT_BURST: 400,
      TASKFORGE_MAX_IMPORT_BYTES: 2 * 1024 ** 3,
      TASKFORGE_OIDC_NAME: "Single sign-on",
    });
  });

  it("treats empty variables as unset and turns numbers into numbers", () => {
    const config = configFromEnv({
      DATABASE_URL: "",
      TASKFORGE_DATA_DIR: "",
      TASKFORGE_DB_POOL_SIZE: "25",
      TASKFORGE_CALLBACK_IN_WEB: "true",
    });
    expect(config).toMatchObject({
      DATABASE_URL: undefined,
      TASKFORGE_DATA_DIR: "./.data",
      TASKFORGE_DB_POOL_SIZE: 25,
      TASKFORGE_CALLBACK_IN_WEB: "true",
    });
  });

  it("fails naming each variable that is invalid or has an unknown value", () => {
    expect(() => configFromEnv({ TASKFORGE_DB_POOL_SIZE: "lots" })).toThrow(
      "Invalid configuration: TASKFORGE_DB_POOL_SIZE:",
    );
    expect(() => configFromEnv({ TASKFORGE_DB_POOL_SIZE: "0" })).toThrow(
      /TASKFORGE_DB_POOL_SIZE: Too small/,
    );
    expect(() => configFromEnv({ TASKFORGE_CALLBACK_IN_WEB: "maybe" })).toThrow(
      /TASKFORGE_CALLBACK_IN_WEB: .*"auto"\|"true"\|"false"/,
    );
    expect(() => configFromEnv({ TASKFORGE_LOG_LEVEL: "verbose" })).toThrow(/TASKFORGE_LOG_LEVEL:/);
    const both = () => configFromEnv({ DATABASE_URL: "mysql://db/taskforge", PORT: "http" });
    expect(both).toThrow("DATABASE_URL: must be a postgres:// or postgresql:// URL");
    expect(both).toThrow("PORT: ");
    expect(() => configFromEnv({ TASKFORGE_S3_ACCESS_KEY_ID: "key" })).toThrow(
      "TASKFORGE_S3_SECRET_ACCESS_KEY: TASKFORGE_S3_ACCESS_KEY_ID and TASKFORGE_S3_SECRET_ACCESS_KEY go together",
    );
    expect(() => configFromEnv({ TASKFORGE_CALLBACK_SMTP_URL: "smtp://mail.lan" })).toThrow(
      "TASKFORGE_CALLBACK_SMTP_FROM: is required when TASKFORGE_CALLBACK_SMTP_URL is set",
    );
  });
});
