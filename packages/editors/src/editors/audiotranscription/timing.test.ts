import { taskTypes, validateResponse } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import { formatSeconds } from "../../format";
import { audiotranscriptionEditor } from "./index";
import {
  distributeWords,
  makeSegment,
  newSegmentEnd,
  parseTime,
  responseOf,
  segmentProblems,
  segmentsOf,
  sortSegments,
  tokenize,
  withBounds,
  withText,
  withWordTime,
} from "./timing";

const issuesOf = (response: unknown) => {
  const example = taskTypes.audiotranscription.examples[0];
  if (!example) throw new Error("missing example");
  const result = validateResponse("audiotranscription", example.params, response);
  return result.success ? [] : result.issues;
};

describe("time formatting and parsing", () => {
  it("parses seconds, m:ss and h:mm:ss, to the millisecond", () => {
    expect(parseTime("75.5")).toBe(75.5);
    expect(parseTime("1:15.5")).toBe(75.5);
    expect(parseTime(" 0:02.25 ")).toBe(2.25);
    expect(parseTime("1:02:03")).toBe(3723);
    expect(parseTime("0.12345")).toBe(0.123);
  });

  it("refuses what is not a time", () => {
    for (const input of ["", "abc", "-1", "1:75", "1:2:3:4", "1,5", "1:"]) {
      expect(parseTime(input), input).toBeNull();
    }
  });

  it("reads back what formatSeconds writes", () => {
    for (const seconds of [0, 0.1, 2.25, 59.99, 75.5, 3600.01]) {
      expect(parseTime(formatSeconds(seconds))).toBe(seconds);
    }
  });
});

describe("words and their timings", () => {
  it("splits a line into stored words, punctuation around words dropped", () => {
    expect(tokenize("Hello, world! — don't   stop... well-known")).toEqual([
      "Hello",
      "world",
      "don't",
      "stop",
      "well-known",
    ]);
    expect(tokenize("  ... ")).toEqual([]);
  });

  it("spreads words over a time range in proportion to their length, back to back", () => {
    expect(distributeWords(["ab", "abcd", "ab"], 1, 3)).toEqual([
      { word: "ab", start: 1, end: 1.5 },
      { word: "abcd", start: 1.5, end: 2.5 },
      { word: "ab", start: 2.5, end: 3 },
    ]);
  });

  it("ends the last word exactly at the segment's end despite rounding", () => {
    const words = distributeWords(["a", "b", "c"], 0, 1);
    expect(words.map((w) => [w.start, w.end])).toEqual([
      [0, 0.333],
      [0.333, 0.667],
      [0.667, 1],
    ]);
  });

  it("keeps hand-set word times when a text edit keeps the word count", () => {
    const segment = withWordTime(makeSegment("helo world", 0, 2), 0, 0.2, 0.9);
    const fixed = withText(segment, "hello world");
    expect(fixed.words).toEqual([
      { word: "hello", start: 0.2, end: 0.9 },
      { word: "world", start: 0.889, end: 2 },
    ]);
    expect([fixed.start, fixed.end]).toEqual([0.2, 2]);
    const longer = withText(fixed, "hello big world");
    expect(longer.words.map((w) => w.word)).toEqual(["hello", "big", "world"]);
    expect(longer.words[0]?.start).toBe(0.2);
    expect(longer.words[2]?.end).toBe(2);
  });

  it("stretches word times linearly when a segment's bounds move", () => {
    const segment = makeSegment("ab cd", 1, 2);
    expect(withBounds(segment, 2, 4).words).toEqual([
      { word: "ab", start: 2, end: 3 },
      { word: "cd", start: 3, end: 4 },
    ]);
  });
});

describe("segments in a response", () => {
  const first = makeSegment("Hello, world!", 0.1, 1.2);
  const second = makeSegment("Second line here.", 2, 3.5);

  it("stores segments as transcript lines in time order, with their words in order", () => {
    const response = responseOf([second, first], 4);
    expect(response.transcript).toBe("Hello, world!\nSecond line here.");
    expect(response.alignment.map((w) => w.word)).toEqual([
      "Hello",
      "world",
      "Second",
      "line",
      "here",
    ]);
    expect(response.duration).toBe(4);
    expect(issuesOf(response)).toEqual([]);
  });

  it("reads the segments back from the response it made", () => {
    const response = responseOf([first, second], 4);
    expect(segmentsOf(response.transcript, response.alignment)).toEqual([first, second]);
  });

  it("drops segments without words, and the duration when unknown", () => {
    const response = responseOf([first, makeSegment(" ... ", 3, 4)], undefined);
    expect(response).toEqual({ transcript: "Hello, world!", alignment: first.words });
  });

  it("reads a response made elsewhere as one segment, losing no word", () => {
    const example = taskTypes.audiotranscription.examples[0];
    const response = example?.response as {
      transcript: string;
      alignment: { word: string; start: number; end: number }[];
    };
    expect(segmentsOf(response.transcript, response.alignment)).toEqual([
      { text: "Hello, world!", start: 0.1, end: 1.2, words: response.alignment },
    ]);
    const mismatched = segmentsOf("one two\nthree", [
      { word: "one", start: 0, end: 1 },
      { word: "three", start: 1, end: 2 },
    ]);
    expect(mismatched).toHaveLength(1);
    expect(mismatched[0]?.text).toBe("one two three");
    expect(segmentsOf("", [])).toEqual([]);
  });

  it("sorts segments by start, ties in their order", () => {
    const a = makeSegment("a", 1, 2);
    const b = makeSegment("b", 0, 1);
    const c = makeSegment("c", 1, 3);
    expect(sortSegments([a, b, c]).map((s) => s.text)).toEqual(["b", "a", "c"]);
  });

  it("flags segments that overlap the previous one, run backwards or past the audio", () => {
    const problems = segmentProblems(
      [makeSegment("a", 0, 2), makeSegment("b", 1.5, 3), makeSegment("c", 4, 6)],
      5,
    );
    expect([...problems.keys()]).toEqual([1, 2]);
    expect(problems.get(1)?.[0]).toMatch(/overlaps the previous segment/u);
    expect(problems.get(2)?.[0]).toMatch(/past the end of the audio/u);
    expect(segmentProblems([{ text: "x", start: 2, end: 1, words: [] }], undefined).get(0)).toEqual(
      ["ends before it starts"],
    );
    // Overlapping segments are exactly what the registry refuses (words out of order).
    const overlapping = responseOf([makeSegment("a b", 0, 2), makeSegment("c", 1.5, 3)], 5);
    expect(issuesOf(overlapping)).toEqual([]);
    const crossing = responseOf([makeSegment("a b", 0, 2), makeSegment("c", 0.5, 3)], 5);
    expect(issuesOf(crossing).map((issue) => issue.path)).toEqual([
      ["response", "alignment", 2, "start"],
    ]);
  });

  it("ends a new segment two seconds on, before the next segment and the end of the audio", () => {
    const segments = [makeSegment("a", 3, 4)];
    expect(newSegmentEnd(segments, 0, 10)).toBe(2);
    expect(newSegmentEnd(segments, 2, 10)).toBe(3);
    expect(newSegmentEnd([], 9.5, 10)).toBe(10);
    expect(newSegmentEnd([], 1, undefined)).toBe(3);
  });

  it("starts from a value the registry accepts for every example's params", () => {
    for (const example of taskTypes.audiotranscription.examples) {
      const params = taskTypes.audiotranscription.params.parse(example.params);
      const initial = audiotranscriptionEditor.initialValue(params);
      const result = validateResponse("audiotranscription", example.params, initial);
      expect(result.success ? [] : result.issues).toEqual([]);
    }
  });
});
