import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { utf8ByteLength } from "./encoding";

const encodedLength = (text: string) => new TextEncoder().encode(text).length;

describe("utf8ByteLength", () => {
  it("counts one to four bytes per character, and 3 for an unpaired surrogate", () => {
    expect(utf8ByteLength("")).toBe(0);
    expect(utf8ByteLength("a")).toBe(1);
    expect(utf8ByteLength("é")).toBe(2);
    expect(utf8ByteLength("€")).toBe(3);
    expect(utf8ByteLength("😀")).toBe(4);
    expect(utf8ByteLength("\ud83d")).toBe(3);
    expect(utf8ByteLength("\ude00x")).toBe(4);
    expect(utf8ByteLength("\ud83d\ud83d\ude00")).toBe(7);
  });

  it("agrees with TextEncoder on any string, unpaired surrogates included", () => {
    const loneSurrogate = fc
      .integer({ min: 0xd800, max: 0xdfff })
      .map((code) => String.fromCharCode(code));
    const text = fc
      .array(fc.oneof(fc.string({ unit: "binary" }), loneSurrogate))
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (t) => utf8ByteLength(t) === encodedLength(t)),
      { numRuns: 2000 },
    );
  });
});
