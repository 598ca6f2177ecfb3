import { describe, expect, it } from "vitest";

import { ApiErrorBodySchema, ERROR_CODES, ERROR_HTTP_STATUS, ErrorCodeSchema } from "./errors";

describe("ApiErrorBodySchema", () => {
  it("accepts Scale's error body, with or without issues", () => {
    const scale = { status_code: 404, error: "Task with that ID not found." };
    expect(ApiErrorBodySchema.parse(scale)).toEqual(scale);
    const ours = {
      status_code: 400,
      error: "params.categories: must have at least 2 categories",
      issues: [{ path: "params.categories", message: "must have at least 2 categories" }],
    };
    expect(ApiErrorBodySchema.parse(ours)).toEqual(ours);
  });

  it("rejects a body without an integer status code or message", () => {
    expect(ApiErrorBodySchema.safeParse({ error: "x" }).success).toBe(false);
    expect(ApiErrorBodySchema.safeParse({ status_code: 400.5, error: "x" }).success).toBe(false);
    expect(ApiErrorBodySchema.safeParse({ status_code: 400 }).success).toBe(false);
  });
});

describe("error codes", () => {
  it("map to Scale's HTTP statuses", () => {
    expect(ERROR_CODES.map((code) => ERROR_HTTP_STATUS[code])).toEqual([
      400, 401, 402, 403, 404, 409, 413, 422, 429, 500,
    ]);
  });

  it("are validated by ErrorCodeSchema", () => {
    expect(ErrorCodeSchema.parse("conflict")).toBe("conflict");
    expect(ErrorCodeSchema.safeParse("teapot").success).toBe(false);
  });
});
