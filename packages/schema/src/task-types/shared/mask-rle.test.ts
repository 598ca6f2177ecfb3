import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { consolidateMasks, pixelAccuracy } from "./mask-consolidate";
import { alignRuns, decodeMask, decodeRuns, encodeMask, encodeRuns } from "./mask-rle";

describe("encodeMask / decodeMask", () => {
  it("encodes the documented example byte for byte", () => {
    expect(encodeMask([2, 2, 2, 0], 2, 2)).toEqual({
      width: 2,
      height: 2,
      encoding: "rle",
      data: "AwAAAAIAAAABAAAAAAAAAA==",
    });
  });

  it("accepts typed arrays and large indices", () => {
    const mask = encodeMask(new Uint16Array([65535, 65535, 1]), 3, 1);
    expect([...decodeMask(mask)]).toEqual([65535, 65535, 1]);
    expect([...decodeMask(encodeMask(new Uint8Array([7]), 1, 1))]).toEqual([7]);
  });

  it.each([
    ["too few indices", () => encodeMask([1, 2], 3, 1), /expected 3×1 = 3 indices/],
    ["a negative index", () => encodeMask([1, -1], 2, 1), /pixel 1 must be an integer/],
    ["a fractional index", () => encodeMask([1.5], 1, 1), /pixel 0/],
  ])("refuses %s", (_name, run, message) => {
    expect(run).toThrow(message);
  });

  it.each([
    ["non-base64", "***", /not valid base64/],
    ["unpadded base64", "AwAAAAIAAAABAAAAAAAAAA", /not valid base64/],
    ["a partial run", "AAAA", /not a whole number of 8-byte/],
    ["a zero-length run", encodeRuns([{ count: 0, index: 1 }]), /count of 0/],
  ])("decodeRuns refuses %s", (_name, data, message) => {
    expect(() => decodeRuns(data)).toThrow(message);
  });

  it("decodeMask refuses runs that do not cover the mask", () => {
    expect(() =>
      decodeMask({ width: 2, height: 2, data: encodeRuns([{ count: 3, index: 1 }]) }),
    ).toThrow("runs cover 3 pixels, but the mask is 2×2 = 4");
  });

  it("round-trips any mask (property)", () => {
    const maskArb = fc
      .record({ width: fc.integer({ min: 1, max: 20 }), height: fc.integer({ min: 1, max: 20 }) })
      .chain(({ width, height }) =>
        fc.record({
          width: fc.constant(width),
          height: fc.constant(height),
          indices: fc.array(fc.integer({ min: 0, max: 4 }), {
            minLength: width * height,
            maxLength: width * height,
          }),
        }),
      );
    fc.assert(
      fc.property(maskArb, ({ width, height, indices }) => {
        expect([...decodeMask(encodeMask(indices, width, height))]).toEqual(indices);
      }),
    );
  });
});

describe("run alignment, voting and accuracy", () => {
  it("walks several run lists in step", () => {
    const stretches: [number, number[]][] = [];
    alignRuns(
      [
        [
          { count: 3, index: 1 },
          { count: 1, index: 2 },
        ],
        [
          { count: 1, index: 5 },
          { count: 3, index: 6 },
        ],
      ],
      (length, indices) => stretches.push([length, [...indices]]),
    );
    expect(stretches).toEqual([
      [1, [1, 5]],
      [2, [1, 6]],
      [1, [2, 6]],
    ]);
  });

  it("compares labels, not indices", () => {
    const a = { runs: [{ count: 4, index: 1 }], labelMap: { "1": "road" } };
    const b = {
      runs: [
        { count: 2, index: 9 },
        { count: 2, index: 3 },
      ],
      labelMap: { "9": "road", "3": "car" },
    };
    expect(pixelAccuracy(a, b)).toBe(0.5);
  });

  it("votes per pixel and breaks ties towards the lowest output index", () => {
    const road = { runs: [{ count: 4, index: 1 }], labelMap: { "1": "road" } };
    const car = { runs: [{ count: 4, index: 1 }], labelMap: { "1": "car" } };
    const merged = consolidateMasks([car, road], ["road", "car"]);
    // The first response's indices are kept: car = 1, so car wins the tie.
    expect(merged).toEqual({
      runs: [{ count: 4, index: 1 }],
      labelMap: { "1": "car" },
      tiedPixels: 4,
    });
  });
});
