import fc from "fast-check";
import { describe, expect, it } from "vitest";

import type { AudioTranscriptionResponse } from "./audiotranscription";
import {
  AudioTranscriptionParamsSchema,
  AudioTranscriptionResponseSchema,
  PLACEHOLDER_TRANSCRIPT,
  audiotranscriptionTaskType,
} from "./audiotranscription";
import { wordErrorRate } from "./audiotranscription-consensus";

const params = AudioTranscriptionParamsSchema.parse({ attachment: "https://example.com/a.mp3" });
// Called through the definition: its members are methods (unbound-method).
const type = audiotranscriptionTaskType;
const issuesOf = (input: unknown) =>
  (AudioTranscriptionParamsSchema.safeParse(input).error?.issues ?? []).map((issue) => ({
    path: issue.path,
    message: issue.message,
  }));

/** A response whose alignment gives each word of the transcript one second. */
const said = (transcript: string): AudioTranscriptionResponse => ({
  transcript,
  alignment: transcript
    .split(" ")
    .filter((word) => word !== "")
    .map((word, index) => ({ word, start: index, end: index + 1 })),
});

describe("audiotranscription params", () => {
  it("defaults attachment_type and verbatim", () => {
    expect(params).toEqual({
      attachment: "https://example.com/a.mp3",
      attachment_type: "audio",
      verbatim: false,
    });
  });

  it.each([
    { input: {}, issue: { path: ["attachment"], message: "is required" } },
    {
      input: { attachment: "a.mp3" },
      issue: {
        path: ["attachment"],
        message: "must be an http(s), s3 or gs URL of the audio file",
      },
    },
    {
      input: { attachment: "s3://b/a.mp3", attachment_type: "video" },
      issue: { path: ["attachment_type"], message: 'must be "audio"' },
    },
    {
      input: { attachment: "s3://b/a.mp3", language: "english!" },
      issue: {
        path: ["language"],
        message: 'must be a BCP 47 language tag such as "en" or "pt-BR"',
      },
    },
  ])("rejects $input", ({ input, issue }) => {
    expect(issuesOf(input)).toEqual([issue]);
  });
});

describe("audiotranscription response", () => {
  const check = (response: unknown) =>
    type.checkResponse(params, AudioTranscriptionResponseSchema.parse(response));
  const hello = {
    transcript: "Hello, world!",
    duration: 2,
    alignment: [
      { word: "Hello", start: 0, end: 0.5, confidence: 0.9 },
      { word: "world", start: 0.5, end: 1 },
    ],
  };

  it("accepts words that spell the transcript, ignoring case and punctuation", () => {
    expect(check(hello)).toEqual([]);
    expect(check({ ...hello, transcript: "hello WORLD" })).toEqual([]);
    expect(check({ transcript: "", alignment: [] })).toEqual([]);
    expect(
      check({
        transcript: "I don't know",
        alignment: [
          { word: "I", start: 0, end: 0 },
          { word: "don't", start: 0, end: 1 },
          { word: "know", start: 1, end: 2 },
        ],
      }),
    ).toEqual([]);
  });

  it.each([
    {
      name: "a word ending before it starts",
      alignment: [hello.alignment[0], { word: "world", start: 1, end: 0.8 }],
      issue: { path: ["alignment", 1, "end"], message: "must not be before start (1)" },
    },
    {
      name: "words out of order",
      alignment: [
        { word: "Hello", start: 0.6, end: 0.7 },
        { word: "world", start: 0.5, end: 1 },
      ],
      issue: {
        path: ["alignment", 1, "start"],
        message: "must not be before the previous word's start (0.6); words must be in order",
      },
    },
    {
      name: "a word past the end of the audio",
      alignment: [hello.alignment[0], { word: "world", start: 1, end: 2.5 }],
      issue: {
        path: ["alignment", 1, "end"],
        message: "must not be after the end of the audio (duration 2)",
      },
    },
    {
      name: "a different word",
      alignment: [hello.alignment[0], { word: "word", start: 0.5, end: 1 }],
      issue: {
        path: ["alignment"],
        message:
          'must spell the transcript word for word: at word 1, expected "world", found "word"',
      },
    },
    {
      name: "a missing word",
      alignment: [hello.alignment[0]],
      issue: {
        path: ["alignment"],
        message:
          'must spell the transcript word for word: at word 1, expected "world", found the end of the alignment',
      },
    },
    {
      name: "an extra word",
      alignment: [...hello.alignment, { word: "again", start: 1, end: 1.5 }],
      issue: {
        path: ["alignment"],
        message:
          'must spell the transcript word for word: at word 2, expected no more words, found "again"',
      },
    },
  ])("rejects $name", ({ alignment, issue }) => {
    expect(check({ ...hello, alignment })).toEqual([issue]);
  });

  it("rejects responses of the wrong shape", () => {
    for (const response of [
      { transcript: "x" },
      { transcript: "x", alignment: [{ word: "x", start: -1, end: 0 }] },
      { transcript: "x", alignment: [{ word: "x", start: 0, end: 1, confidence: 2 }] },
      { transcript: "x", alignment: [{ word: "", start: 0, end: 1 }] },
      { transcript: "x", alignment: [], duration: -1 },
    ]) {
      expect(AudioTranscriptionResponseSchema.safeParse(response).success).toBe(false);
    }
  });

  it("has Scale's test-mode transcript as its placeholder", () => {
    const placeholder = type.placeholderResponse(params);
    expect(placeholder.transcript).toBe(PLACEHOLDER_TRANSCRIPT);
    expect(placeholder.alignment).toHaveLength(10);
    expect(placeholder.alignment[9]).toEqual({ word: "key", start: 4.5, end: 5, confidence: 1 });
    expect(type.checkResponse(params, placeholder)).toEqual([]);
  });
});

describe("audiotranscription consolidation", () => {
  it("keeps the medoid transcript with its alignment", () => {
    const responses = [
      said("the cat sat on the mat"),
      said("the cat sat on a mat"),
      said("a cat sat on the mat"),
    ];
    const result = type.consolidate(params, responses);
    expect(result.response).toBe(responses[0]);
    // Distances to the medoid: 0, 1/6, 1/6.
    expect(result.agreement).toBeCloseTo(1 - (0 + 1 / 6 + 1 / 6) / 3);
    expect(result.tied).toBe(false);
    expect(result.notes).toEqual([
      "transcript: transcripts differ (mean word-level distance to the chosen one 0.11)",
    ]);
  });

  it("ignores case and punctuation, and reports two different transcripts as a tie", () => {
    expect(type.consolidate(params, [said("Hello, world."), said("hello world")]).agreement).toBe(
      1,
    );
    const tie = type.consolidate(params, [said("good morning"), said("good evening")]);
    expect(tie.response.transcript).toBe("good morning");
    expect(tie.tied).toBe(true);
    expect(tie.agreement).toBeCloseTo(0.75);
    expect(tie.notes).toEqual(['transcript: tie between "good morning" and "good evening"']);
  });
});

describe("audiotranscription scoreAgainstGold", () => {
  it.each([
    { actual: "the cat sat", gold: "The cat sat.", score: 1 },
    { actual: "the cat", gold: "the cat sat", score: 2 / 3 },
    { actual: "the bat sat", gold: "the cat sat", score: 2 / 3 },
    { actual: "a b c d e f g", gold: "x", score: 0 },
    { actual: "", gold: "", score: 1 },
    { actual: "something", gold: "", score: 0 },
  ])("$actual vs $gold → $score", ({ actual, gold, score }) => {
    expect(type.scoreAgainstGold(params, said(actual), said(gold))).toBeCloseTo(score);
  });

  it("is 1 - WER clamped to [0, 1]", () => {
    expect(wordErrorRate("a b c d e f g", "x")).toBe(7);
    const text = fc
      .array(fc.constantFrom("a", "b", "c"), { maxLength: 6 })
      .map((words) => words.join(" "));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const score = type.scoreAgainstGold(params, said(a), said(b));
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(type.scoreAgainstGold(params, said(a), said(a))).toBe(1);
      }),
    );
  });
});
