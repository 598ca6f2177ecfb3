import { describe, expect, it } from "vitest";

import { MetadataSchema } from "./common";
import { SetProjectParamsInputSchema } from "./project";
import { findUnstorableJson, MAX_JSON_DEPTH } from "./storable-json";
import { DraftInputSchema } from "./work";

/** `levels` objects nested in one another, the innermost holding 1. */
const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe("findUnstorableJson", () => {
  it("allows MAX_JSON_DEPTH levels and refuses one more, naming the path", () => {
    expect(findUnstorableJson(nested(MAX_JSON_DEPTH))).toBeNull();
    const found = findUnstorableJson(nested(MAX_JSON_DEPTH + 1), ["metadata"]);
    expect(found?.path).toEqual(["metadata", ...Array<string>(MAX_JSON_DEPTH).fill("a")]);
    expect(found?.message).toBe(
      `is nested too deeply: at most ${MAX_JSON_DEPTH} levels of objects and arrays are allowed`,
    );
  });

  it("counts arrays as levels and walks 100,000 levels without overflowing the stack", () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableJson({ list: deep })?.path.slice(0, 3)).toEqual(["list", 0, 0]);
  });

  it("still refuses NUL, lone surrogates and __proto__ keys", () => {
    expect(findUnstorableJson({ a: ["x\u0000"] })?.path).toEqual(["a", 0]);
    expect(findUnstorableJson({ a: "\ud800" })?.message).toContain("surrogates");
    expect(findUnstorableJson(JSON.parse('{"b":{"__proto__":{}}}'))?.path).toEqual([
      "b",
      "__proto__",
    ]);
  });
});

describe("stored JSON fields", () => {
  it("refuse nesting past the limit with the field's path", () => {
    const metadata = MetadataSchema.safeParse({ deep: nested(MAX_JSON_DEPTH) });
    expect(metadata.success).toBe(false);
    expect(metadata.error?.issues[0]?.path.slice(0, 2)).toEqual(["deep", "a"]);
    const draft = DraftInputSchema.safeParse({
      assignment_id: "0190b4b2-7c7e-7000-8000-000000000000",
      draft: { annotations: nested(MAX_JSON_DEPTH) },
    });
    expect(draft.success).toBe(false);
    expect(draft.error?.issues[0]?.path.slice(0, 2)).toEqual(["draft", "annotations"]);
    const params = SetProjectParamsInputSchema.safeParse({
      name: "p",
      params: { x: nested(MAX_JSON_DEPTH) },
    });
    expect(params.success).toBe(false);
  });

  it("take JSON within the limit as it is", () => {
    const value = { deep: nested(MAX_JSON_DEPTH - 1) };
    expect(MetadataSchema.parse(value)).toEqual(value);
  });
});
