import type { AudioTranscriptionParams, AudioTranscriptionResponse } from "./audiotranscription";
import type { ConsolidationResult } from "./definition";
import { levenshtein, sequenceSimilarity, transcriptWords } from "./shared/text-distance";
import { clamp01, medoid, tieNote } from "./shared/vote";

/**
 * Word error rate of `hypothesis` against `reference`: word-level edits / reference words,
 * after `transcriptWords` normalization (case and punctuation ignored). An empty reference
 * gives 0 for an empty hypothesis and 1 otherwise. May exceed 1 (many insertions).
 */
export const wordErrorRate = (hypothesis: string, reference: string): number => {
  const expected = transcriptWords(reference);
  const actual = transcriptWords(hypothesis);
  if (expected.length === 0) return actual.length === 0 ? 0 : 1;
  return levenshtein(actual, expected) / expected.length;
};

/** Gold score: 1 - word error rate against the gold transcript, clamped to [0, 1]. */
export const scoreAudioTranscription = (
  _params: AudioTranscriptionParams,
  response: AudioTranscriptionResponse,
  gold: AudioTranscriptionResponse,
): number => clamp01(1 - wordErrorRate(response.transcript, gold.transcript));

/**
 * The medoid: the whole response (transcript, alignment and duration, which belong together)
 * whose transcript is closest to all others, by word-level edit distance divided by the longer
 * transcript's word count. Agreement = 1 - the mean of that normalized distance from each
 * response to the medoid. Transcripts cannot be averaged, so disagreement shows only in the
 * agreement and notes; a tie (several different transcripts equally central, as with two
 * responses) keeps the first.
 */
export const consolidateAudioTranscription = (
  _params: AudioTranscriptionParams,
  responses: readonly AudioTranscriptionResponse[],
): ConsolidationResult<AudioTranscriptionResponse> => {
  const words = responses.map((response) => transcriptWords(response.transcript));
  const center = medoid(words, sequenceSimilarity);
  const chosen = responses[center.index];
  if (chosen === undefined) throw new RangeError("cannot consolidate zero responses");
  // Leaders with the same words (differing in case or punctuation) are one answer, not a tie.
  const distinct = new Map<string, string>();
  for (const index of center.leaders) {
    const key = (words[index] ?? []).join(" ");
    if (!distinct.has(key)) distinct.set(key, responses[index]?.transcript ?? "");
  }
  const tied = distinct.size > 1;
  const notes: string[] = [];
  if (tied) {
    notes.push(tieNote("transcript", [...distinct.values()]));
  } else if (center.meanSimilarity < 1) {
    notes.push(
      `transcript: transcripts differ (mean word-level distance to the chosen one ${(1 - center.meanSimilarity).toFixed(2)})`,
    );
  }
  return { response: chosen, agreement: center.meanSimilarity, tied, notes };
};
