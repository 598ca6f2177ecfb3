import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  levenshtein,
  normalizeText,
  sequenceSimilarity,
  textSimilarity,
  transcriptWords,
} from "./text-distance";

describe("levenshtein", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["", "ab", 2],
    ["kitten", "sitting", 3],
    ["flaw", "lawn", 2],
  ])("%j → %j is %i", (a, b, expected) => {
    expect(levenshtein(a, b)).toBe(expected);
  });

  it("works on word arrays", () => {
    expect(levenshtein(["the", "cat", "sat"], ["the", "dog", "sat", "down"])).toBe(2);
  });

  it("is a metric bounded by the longer length", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const distance = levenshtein(a, b);
        expect(distance).toBe(levenshtein(b, a));
        expect(distance).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(distance === 0).toBe(a === b);
        expect(sequenceSimilarity(a, b)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe("text normalization", () => {
  it("ignores case, surrounding and repeated whitespace, and compatibility forms", () => {
    expect(normalizeText("  Hello \n  WORLD ")).toBe("hello world");
    expect(normalizeText("Ｈｅｌｌｏ")).toBe("hello");
    expect(textSimilarity("Hello  world", "hello world")).toBe(1);
    expect(textSimilarity("", "")).toBe(1);
    expect(textSimilarity("abcd", "abcx")).toBe(0.75);
  });

  it("splits transcripts into words without punctuation or apostrophes", () => {
    expect(transcriptWords("Hello, world! Don't stop—well-known.")).toEqual([
      "hello",
      "world",
      "dont",
      "stop",
      "well",
      "known",
    ]);
    expect(transcriptWords("  ...  ")).toEqual([]);
    expect(transcriptWords("Ça coûte 3 €")).toEqual(["ça", "coûte", "3"]);
  });
});
