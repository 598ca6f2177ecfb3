import { z } from "zod";

import { requiredFieldError } from "../common";
import {
  consolidateAudioTranscription,
  scoreAudioTranscription,
} from "./audiotranscription-consensus";
import type { TaskTypeExample } from "./definition";
import { defineTaskType } from "./definition";
import type { ResponseIssue } from "./issues";
import { ATTACHMENT_URL_PROTOCOL } from "./shared/image-attachment";
import { transcriptWords } from "./shared/text-distance";

// Audio may live in customers' buckets, as Scale allows for images.
const AudioUrlSchema = z.url({
  protocol: ATTACHMENT_URL_PROTOCOL,
  error: "must be an http(s), s3 or gs URL of the audio file",
});

/** Loose, like every params schema (Scale's `skip_human_transcription` is kept, not used). */
export const AudioTranscriptionParamsSchema = z.looseObject({
  attachment: z.string(requiredFieldError("a URL")).pipe(AudioUrlSchema),
  attachment_type: z.literal("audio", { error: 'must be "audio"' }).default("audio"),
  /** Transcribe disfluencies (um, uh, false starts) instead of cleaning them up. */
  verbatim: z.boolean().default(false),
  /** The spoken language, as a BCP 47 tag such as "en" or "pt-BR". */
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, {
      error: 'must be a BCP 47 language tag such as "en" or "pt-BR"',
    })
    .optional(),
});
export type AudioTranscriptionParams = z.output<typeof AudioTranscriptionParamsSchema>;

const SecondsSchema = z.number(requiredFieldError("a number of seconds")).min(0, {
  error: "must not be negative",
});

/** One aligned word; times in seconds from the start of the audio. */
export const AlignedWordSchema = z.strictObject({
  word: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
  start: SecondsSchema,
  end: SecondsSchema,
  confidence: z.number().min(0).max(1, { error: "must be from 0 to 1" }).optional(),
});
export type AlignedWord = z.output<typeof AlignedWordSchema>;

export const AudioTranscriptionResponseSchema = z.strictObject({
  transcript: z.string(requiredFieldError("a string")),
  /** Length of the audio in seconds. */
  duration: SecondsSchema.optional(),
  alignment: z.array(AlignedWordSchema, requiredFieldError("an array of aligned words")),
});
export type AudioTranscriptionResponse = z.output<typeof AudioTranscriptionResponseSchema>;

const checkAlignment = (response: AudioTranscriptionResponse): ResponseIssue[] => {
  const issues: ResponseIssue[] = [];
  response.alignment.forEach((word, index) => {
    const path = ["alignment", index];
    if (word.end < word.start) {
      issues.push({ path: [...path, "end"], message: `must not be before start (${word.start})` });
    }
    const previous = response.alignment[index - 1];
    if (previous !== undefined && word.start < previous.start) {
      issues.push({
        path: [...path, "start"],
        message: `must not be before the previous word's start (${previous.start}); words must be in order`,
      });
    }
    if (response.duration !== undefined && word.end > response.duration) {
      issues.push({
        path: [...path, "end"],
        message: `must not be after the end of the audio (duration ${response.duration})`,
      });
    }
  });
  return issues;
};

/**
 * The aligned words must spell the transcript, compared as `transcriptWords` (case,
 * punctuation, apostrophes and spacing ignored), so "Hello, world!" matches the words "hello"
 * and "world", while a missing, extra or different word is an error.
 */
const checkWordsMatchTranscript = (response: AudioTranscriptionResponse): ResponseIssue[] => {
  const expected = transcriptWords(response.transcript);
  const aligned = response.alignment.flatMap((word) => transcriptWords(word.word));
  const firstDifference = expected.findIndex((word, index) => aligned[index] !== word);
  if (firstDifference === -1 && aligned.length === expected.length) return [];
  const index = firstDifference === -1 ? expected.length : firstDifference;
  const found = aligned[index] === undefined ? "the end of the alignment" : `"${aligned[index]}"`;
  const wanted = expected[index] === undefined ? "no more words" : `"${expected[index]}"`;
  return [
    {
      path: ["alignment"],
      message: `must spell the transcript word for word: at word ${index}, expected ${wanted}, found ${found}`,
    },
  ];
};

const checkAudioTranscriptionResponse = (
  _params: AudioTranscriptionParams,
  response: AudioTranscriptionResponse,
): ResponseIssue[] => [...checkAlignment(response), ...checkWordsMatchTranscript(response)];

/** Scale's test-mode transcript. */
export const PLACEHOLDER_TRANSCRIPT = "This is an example transcript using your Scale test key.";
const PLACEHOLDER_SECONDS_PER_WORD = 0.5;

/** Scale's test-mode transcript, each word given an equal half-second slot. */
const placeholderAudioTranscriptionResponse = (): AudioTranscriptionResponse => {
  const words = PLACEHOLDER_TRANSCRIPT.split(" ");
  return {
    transcript: PLACEHOLDER_TRANSCRIPT,
    duration: words.length * PLACEHOLDER_SECONDS_PER_WORD,
    alignment: words.map((word, index) => ({
      word: word.replace(/[.,]$/u, ""),
      start: index * PLACEHOLDER_SECONDS_PER_WORD,
      end: (index + 1) * PLACEHOLDER_SECONDS_PER_WORD,
      confidence: 1,
    })),
  };
};

export const AUDIOTRANSCRIPTION_EXAMPLES: readonly TaskTypeExample[] = [
  {
    name: "a short clip with word timings",
    params: { attachment: "https://example.com/hello.mp3", attachment_type: "audio" },
    response: {
      transcript: "Hello, world!",
      duration: 1.5,
      alignment: [
        { word: "Hello", start: 0.1, end: 0.6, confidence: 0.98 },
        { word: "world", start: 0.7, end: 1.2, confidence: 0.95 },
      ],
    },
  },
  {
    name: "a verbatim transcription in Brazilian Portuguese",
    params: { attachment: "s3://bucket/call.wav", verbatim: true, language: "pt-BR" },
    response: {
      transcript: "hum, bom dia",
      alignment: [
        { word: "hum", start: 0, end: 0.4 },
        { word: "bom", start: 0.5, end: 0.8 },
        { word: "dia", start: 0.8, end: 1.1 },
      ],
    },
  },
];

export const audiotranscriptionTaskType = defineTaskType({
  id: "audiotranscription",
  title: "Audio transcription",
  description: "Transcribe an audio file, with the start and end time of every word.",
  params: AudioTranscriptionParamsSchema,
  response: AudioTranscriptionResponseSchema,
  checkResponse: checkAudioTranscriptionResponse,
  placeholderResponse: placeholderAudioTranscriptionResponse,
  consolidate: consolidateAudioTranscription,
  scoreAgainstGold: scoreAudioTranscription,
  examples: AUDIOTRANSCRIPTION_EXAMPLES,
});
