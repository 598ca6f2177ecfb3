import { describe, expect, it } from "vitest";

import {
  clusterAcrossResponses,
  greedyMatch,
  meanPairwise,
  medoid,
  weightedF1,
} from "./geometry-matching";
import { pluralityVote } from "./geometry-votes";

/** 1-D "objects": similarity falls off linearly, 0.5 at distance 5. */
type Item = { at: number; kind: string };
const similarity = (a: Item, b: Item) => Math.max(0, 1 - Math.abs(a.at - b.at) / 10);
const group = (item: Item) => item.kind;
const item = (at: number, kind = "car"): Item => ({ at, kind });

describe("greedyMatch", () => {
  it("matches best pairs first, one to one, above the threshold only", () => {
    const a = [item(0), item(10)];
    const b = [item(1), item(9), item(40)];
    expect(greedyMatch(a, b, similarity, group)).toEqual([
      { a: 0, b: 0, similarity: 0.9 },
      { a: 1, b: 1, similarity: 0.9 },
    ]);
  });

  it("never matches across groups", () => {
    expect(greedyMatch([item(0, "car")], [item(0, "bus")], similarity, group)).toEqual([]);
  });

  it("breaks similarity ties by index", () => {
    const pairs = greedyMatch([item(0)], [item(-2), item(2)], similarity, group);
    expect(pairs).toEqual([{ a: 0, b: 0, similarity: 0.8 }]);
  });
});

describe("weightedF1", () => {
  it.each([
    ["both empty", [], [], 1],
    ["one empty", [item(0)], [], 0],
    ["identical", [item(0), item(20)], [item(0), item(20)], 1],
    ["one of two found, exactly", [item(0), item(20)], [item(0)], 2 / 3],
    ["shifted by 2 (similarity 0.8)", [item(0)], [item(2)], 0.8],
    ["too far apart to match", [item(0)], [item(6)], 0],
  ])("%s", (_name, a, b, expected) => {
    expect(weightedF1(a, b, similarity, group)).toBeCloseTo(expected, 12);
  });
});

describe("clusterAcrossResponses", () => {
  it("groups one item per response, ordered by first member", () => {
    const clusters = clusterAcrossResponses(
      [[item(0), item(50)], [item(51), item(1)], [item(2)]],
      similarity,
      group,
    );
    expect(clusters.map((c) => c.members.map((m) => [m.response, m.index]))).toEqual([
      [
        [0, 0],
        [1, 1],
        [2, 0],
      ],
      [
        [0, 1],
        [1, 0],
      ],
    ]);
  });

  it("uses complete linkage: a chain of small shifts does not merge distant items", () => {
    // 0–4 and 4–8 match, 0–8 does not, so 8 stays alone.
    const clusters = clusterAcrossResponses([[item(0)], [item(4)], [item(8)]], similarity, group);
    expect(clusters.map((c) => c.members.length)).toEqual([2, 1]);
  });

  it("keeps two items of one response apart even when they overlap", () => {
    const clusters = clusterAcrossResponses([[item(0), item(1)], [item(0)]], similarity, group);
    expect(clusters.map((c) => c.members.map((m) => [m.response, m.index]))).toEqual([
      [
        [0, 0],
        [1, 0],
      ],
      [[0, 1]],
    ]);
  });
});

describe("medoid, meanPairwise and votes", () => {
  it("picks the member closest to the others, the earliest on ties", () => {
    expect(medoid([item(0), item(3), item(4)], similarity)).toBe(1);
    expect(medoid([item(0), item(2)], similarity)).toBe(0);
  });

  it("averages over unordered pairs and is 1 for a single response", () => {
    expect(meanPairwise([1, 2, 3], (a, b) => a + b)).toBe((3 + 4 + 5) / 3);
    expect(meanPairwise([1], () => 0)).toBe(1);
  });

  it("votes by plurality, reports ties and lets the preferred value win them", () => {
    expect(pluralityVote(["a", "b", "a"])).toEqual({ value: "a", count: 2, tied: false });
    expect(pluralityVote(["a", "b"])).toEqual({ value: "a", count: 1, tied: true });
    expect(pluralityVote(["a", "b"], 1)).toEqual({ value: "b", count: 1, tied: true });
    expect(
      pluralityVote([
        { x: 1, y: 2 },
        { y: 2, x: 1 },
      ])?.count,
    ).toBe(2);
  });
});
