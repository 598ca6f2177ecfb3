import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  DEFAULT_MAX_DECODED_POINTS,
  MAX_LABEL_INDEX,
  decodeLabels,
  encodeLabels,
} from "./lidar-rle";

/** base64 of little-endian uint32 words, built independently of the code under test. */
const wordsToBase64 = (words: number[]): string => {
  const bytes = words.flatMap((word) => [
    word & 0xff,
    (word >>> 8) & 0xff,
    (word >>> 16) & 0xff,
    word >>> 24,
  ]);
  return btoa(String.fromCharCode(...bytes));
};

describe("encodeLabels", () => {
  it("matches the documented example", () => {
    expect(encodeLabels([3, 3, 3, 0, 7, 7])).toBe("AwAAAAMAAAABAAAAAAAAAAIAAAAHAAAA");
    expect(encodeLabels([3, 3, 3, 0, 7, 7])).toBe(wordsToBase64([3, 3, 1, 0, 2, 7]));
  });

  it("encodes no points as the empty string, and accepts typed arrays", () => {
    expect(encodeLabels([])).toBe("");
    expect(encodeLabels(new Uint16Array([MAX_LABEL_INDEX, MAX_LABEL_INDEX]))).toBe(
      wordsToBase64([2, MAX_LABEL_INDEX]),
    );
  });

  it.each([[[-1]], [[1.5]], [[MAX_LABEL_INDEX + 1]], [[Number.NaN]]])("rejects %j", (labels) => {
    expect(() => encodeLabels(labels)).toThrow(RangeError);
  });

  it("stays compact for long runs", () => {
    expect(encodeLabels(new Uint16Array(100_000).fill(4))).toHaveLength(12);
  });
});

describe("decodeLabels", () => {
  it("decodes runs, including adjacent runs of one label", () => {
    expect([...decodeLabels(wordsToBase64([2, 5, 1, 5, 1, 0]))]).toEqual([5, 5, 5, 0]);
    expect(decodeLabels("")).toEqual(new Uint16Array(0));
  });

  it.each([
    ["not base64", "a*b", "is not valid base64"],
    ["a partial run", wordsToBase64([1, 2, 3]), "decodes to 12 bytes, which is not a whole number"],
    ["an empty run", wordsToBase64([0, 1]), "run 0 has a count of 0"],
    ["a label above 65535", wordsToBase64([1, 70_000]), "run 0 has label 70000"],
    [
      "too many points",
      wordsToBase64([0xffffffff, 1]),
      `more than ${DEFAULT_MAX_DECODED_POINTS} points`,
    ],
  ])("rejects %s", (_name, encoded, message) => {
    expect(() => decodeLabels(encoded)).toThrow(message);
  });

  it("honours a smaller point limit", () => {
    expect(() => decodeLabels(wordsToBase64([5, 1]), 4)).toThrow("more than 4 points");
    expect(decodeLabels(wordsToBase64([4, 1]), 4)).toHaveLength(4);
  });

  it("round-trips any labels", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: MAX_LABEL_INDEX }), { maxLength: 300 }),
        (labels) => {
          expect([...decodeLabels(encodeLabels(labels))]).toEqual(labels);
        },
      ),
    );
  });

  it("round-trips long runs of few labels", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 3 })), {
          maxLength: 20,
        }),
        (runs) => {
          const labels = new Uint16Array(
            runs.flatMap(([count, label]) => Array<number>(count).fill(label)),
          );
          expect(decodeLabels(encodeLabels(labels))).toEqual(labels);
        },
      ),
    );
  });
});
