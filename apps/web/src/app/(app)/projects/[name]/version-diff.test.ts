import { describe, expect, it } from "vitest";

import { diffSummary, versionDiffLines } from "./version-diff";

const at = "2026-01-01T00:00:00.000Z";

describe("project params version diffs", () => {
  it("shows the first version in full, unchanged", () => {
    const lines = versionDiffLines(undefined, { version: 0, created_at: at, categories: ["a"] });
    expect(lines.every((l) => l.kind === "same")).toBe(true);
    expect(lines.map((l) => l.text).join("\n")).toContain('"categories"');
    expect(lines.map((l) => l.text).join("\n")).not.toContain("version");
  });

  it("marks changed params and instruction as removed and added lines, ignoring bookkeeping", () => {
    const lines = versionDiffLines(
      { version: 0, created_at: at, categories: ["a", "b"], attachment_type: "text" },
      {
        version: 1,
        created_at: "2026-02-01T00:00:00.000Z",
        instruction: "Be careful",
        categories: ["a", "c"],
        attachment_type: "text",
      },
    );
    expect(lines.filter((l) => l.kind === "removed").map((l) => l.text.trim())).toEqual(['"b"']);
    expect(lines.filter((l) => l.kind === "added").map((l) => l.text.trim())).toEqual([
      '"c"',
      '"instruction": "Be careful"',
    ]);
    expect(diffSummary(lines)).toEqual({ added: 2, removed: 1 });
    expect(lines.some((l) => l.text.includes("created_at"))).toBe(false);
  });
});

describe("the first version", () => {
  it("lists keys sorted, as the diffs of later versions do", () => {
    const lines = versionDiffLines(undefined, {
      version: 0,
      created_at: at,
      b: 1,
      a: { d: 1, c: 2 },
    });
    expect(lines.map((l) => l.text.trim())).toEqual([
      "{",
      '"a": {',
      '"c": 2,',
      '"d": 1',
      "},",
      '"b": 1',
      "}",
    ]);
  });
});
