import { z } from "zod";
import { describe, expect, it } from "vitest";

import {
  formatIssuePath,
  formatIssues,
  prefixIssues,
  toApiIssues,
  zodIssuesToResponseIssues,
} from "./issues";

describe("formatIssuePath", () => {
  it("dots names and brackets indices", () => {
    expect(formatIssuePath(["params", "fields", 1, "field_id"])).toBe("params.fields[1].field_id");
    expect(formatIssuePath([0, "a"])).toBe("[0].a");
    expect(formatIssuePath([])).toBe("");
  });
});

describe("formatIssues", () => {
  it("joins path-prefixed messages with semicolons", () => {
    expect(
      formatIssues([
        { path: ["params", "categories"], message: "must have at least 2 categories" },
        { path: ["response", "category"], message: "is required" },
        { path: [], message: 'Unrecognized key: "x"' },
      ]),
    ).toBe(
      'params.categories: must have at least 2 categories; response.category: is required; Unrecognized key: "x"',
    );
  });
});

describe("zodIssuesToResponseIssues", () => {
  const schema = z.object({ fields: z.array(z.object({ field_id: z.string() })) });

  it("keeps zod's paths, under an optional prefix", () => {
    const result = schema.safeParse({ fields: [{ field_id: "a" }, { field_id: 1 }] });
    if (result.success) throw new Error("expected failure");
    const issues = zodIssuesToResponseIssues(result.error, ["params"]);
    expect(issues).toEqual([
      { path: ["params", "fields", 1, "field_id"], message: expect.any(String) as string },
    ]);
    expect(zodIssuesToResponseIssues(result.error)[0]?.path).toEqual(["fields", 1, "field_id"]);
  });
});

describe("prefixIssues and toApiIssues", () => {
  it("prefix paths and render them dotted for the REST body", () => {
    const issues = prefixIssues(["response"], [{ path: ["category", 0], message: "bad" }]);
    expect(issues).toEqual([{ path: ["response", "category", 0], message: "bad" }]);
    expect(toApiIssues(issues)).toEqual([{ path: "response.category[0]", message: "bad" }]);
  });
});
