import { transcriptWords } from "@taskforge/schema";
import type { AlignedWord } from "@taskforge/schema";

/**
 * The editor's segments: one line of the transcript each, with its aligned words. The response
 * has no segments of its own (`transcript` + `alignment`), so a segment is stored as a line of
 * the transcript, and its words as the next run of alignment entries; a segment's start and end
 * are its first word's start and last word's end. Reading a response splits it back the same way.
 */
export type Segment = { start: number; end: number; text: string; words: AlignedWord[] };

/** Times are kept to the millisecond: finer is noise, and it keeps stored numbers short. */
export const roundTime = (seconds: number): number => Math.round(seconds * 1000) / 1000;

/**
 * Parses a time typed by a person: seconds ("75.5"), minutes:seconds ("1:15.5") or
 * hours:minutes:seconds ("1:02:03"). Null for anything else (empty, negative, "1:75").
 */
export const parseTime = (input: string): number | null => {
  const parts = input.trim().split(":");
  if (parts.length > 3 || parts.some((part) => !/^\d+(\.\d+)?$/u.test(part))) return null;
  const numbers = parts.map(Number);
  // Every part but the first counts within a minute or an hour.
  if (numbers.slice(1).some((n) => n >= 60)) return null;
  return roundTime(numbers.reduce((total, n) => total * 60 + n, 0));
};

/**
 * The words of a line as the alignment stores them: split on whitespace, punctuation around a
 * word dropped ("Hello," → "Hello"), punctuation inside kept ("don't", "well-known"), tokens
 * with no letter or digit (a dash, "...") left out, since the schema needs every word to
 * contain one.
 */
export const tokenize = (line: string): string[] =>
  line
    .split(/\s+/u)
    .map((token) => token.replace(/^[^\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]+$/gu, ""))
    .filter((token) => transcriptWords(token).length > 0);

/**
 * Words spread over [start, end], each given time in proportion to its length in characters,
 * back to back, the last ending exactly at `end`.
 */
export const distributeWords = (words: readonly string[], start: number, end: number) => {
  const total = words.reduce((sum, word) => sum + word.length, 0);
  const span = Math.max(0, end - start);
  let used = 0;
  return words.map((word, index): AlignedWord => {
    const wordStart = roundTime(start + (span * used) / total);
    used += word.length;
    const wordEnd =
      index === words.length - 1 ? roundTime(end) : roundTime(start + (span * used) / total);
    return { word, start: wordStart, end: wordEnd };
  });
};

/** A segment of the given text over [start, end], its words spread over that time. */
export const makeSegment = (text: string, start: number, end: number): Segment => ({
  start: roundTime(start),
  end: roundTime(end),
  text,
  words: distributeWords(tokenize(text), start, end),
});

/**
 * A segment with new text: when it still has as many words, each keeps its timing (a spelling
 * fix must not undo hand-set word times); otherwise the words are spread over the segment again.
 */
export const withText = (segment: Segment, text: string): Segment => {
  const words = tokenize(text);
  if (words.length === segment.words.length) {
    return {
      ...segment,
      text,
      words: segment.words.map((old, index) => ({ ...old, word: words[index] ?? old.word })),
    };
  }
  return makeSegment(text, segment.start, segment.end);
};

/** A segment moved to [start, end], its words stretched linearly to keep their proportions. */
export const withBounds = (segment: Segment, start: number, end: number): Segment => {
  const oldSpan = segment.end - segment.start;
  const scale = (t: number) =>
    oldSpan > 0 ? roundTime(start + ((t - segment.start) / oldSpan) * (end - start)) : start;
  if (oldSpan <= 0) return makeSegment(segment.text, start, end);
  return {
    ...segment,
    start: roundTime(start),
    end: roundTime(end),
    words: segment.words.map((word) => ({
      ...word,
      start: scale(word.start),
      end: scale(word.end),
    })),
  };
};

/**
 * A segment with one word's timing set by hand; the segment's bounds follow its first and last
 * word.
 */
export const withWordTime = (
  segment: Segment,
  index: number,
  start: number,
  end: number,
): Segment => {
  const words = segment.words.map((word, i) =>
    i === index ? { ...word, start: roundTime(start), end: roundTime(end) } : word,
  );
  return { ...segment, words, ...boundsOf(words) };
};

const boundsOf = (words: readonly AlignedWord[]) => ({
  start: words[0]?.start ?? 0,
  end: words.reduce((latest, word) => Math.max(latest, word.end), words[0]?.end ?? 0),
});

/** Segments in time order (ties keep their order), so the stored words are in order too. */
export const sortSegments = (segments: readonly Segment[]): Segment[] =>
  segments
    .map((segment, index) => ({ segment, index }))
    .sort((a, b) => a.segment.start - b.segment.start || a.index - b.index)
    .map(({ segment }) => segment);

export type TranscriptValue = {
  transcript: string;
  alignment: AlignedWord[];
  duration?: number;
};

/**
 * The response for a list of segments: segments with no word are dropped (a segment is stored
 * through its words), the rest in time order, one transcript line each.
 */
export const responseOf = (
  segments: readonly Segment[],
  duration: number | undefined,
): TranscriptValue => {
  const kept = sortSegments(segments.filter((segment) => segment.words.length > 0));
  return {
    transcript: kept.map((segment) => segment.text.trim()).join("\n"),
    alignment: kept.flatMap((segment) => segment.words),
    ...(duration !== undefined && duration > 0 ? { duration: roundTime(duration) } : {}),
  };
};

const sameWords = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((word, index) => word === b[index]);

/**
 * Splits a response back into segments: each transcript line takes the alignment entries that
 * spell it. A response that was not made this way (typed as JSON, a consensus result) becomes
 * one segment holding every word, so nothing is lost.
 */
export const segmentsOf = (transcript: string, alignment: readonly AlignedWord[]): Segment[] => {
  if (transcript.trim() === "" && alignment.length === 0) return [];
  const segments: Segment[] = [];
  let next = 0;
  for (const line of transcript.split("\n")) {
    const expected = transcriptWords(line);
    if (expected.length === 0) continue;
    const words: AlignedWord[] = [];
    let spelled: string[] = [];
    while (spelled.length < expected.length && next < alignment.length) {
      const word = alignment[next] as AlignedWord;
      words.push(word);
      spelled = [...spelled, ...transcriptWords(word.word)];
      next += 1;
    }
    if (!sameWords(spelled, expected)) return [wholeSegment(transcript, alignment)];
    segments.push({ text: line, words, ...boundsOf(words) });
  }
  if (next < alignment.length) return [wholeSegment(transcript, alignment)];
  return segments;
};

const wholeSegment = (transcript: string, alignment: readonly AlignedWord[]): Segment => ({
  text: transcript.replace(/\s*\n\s*/gu, " ").trim(),
  words: [...alignment],
  ...boundsOf(alignment),
});

/**
 * Problems of each segment, by index in `segments` (which must be in time order): a segment
 * that ends before it starts, overlaps the previous one (the stored words would be out of
 * order) or runs past the end of the audio.
 */
export const segmentProblems = (
  segments: readonly Segment[],
  duration: number | undefined,
): Map<number, string[]> => {
  const problems = new Map<number, string[]>();
  const add = (index: number, message: string) =>
    problems.set(index, [...(problems.get(index) ?? []), message]);
  segments.forEach((segment, index) => {
    if (segment.end <= segment.start) add(index, "ends before it starts");
    const previous = segments[index - 1];
    if (previous !== undefined && segment.start < previous.end) {
      add(index, `overlaps the previous segment (which ends at ${previous.end.toFixed(2)} s)`);
    }
    if (duration !== undefined && duration > 0 && segment.end > duration + 0.0005) {
      add(index, `runs past the end of the audio (${duration.toFixed(2)} s)`);
    }
  });
  return problems;
};

/** Where a new segment at the playhead ends: a couple of seconds on, within the audio and before the next segment. */
export const newSegmentEnd = (
  segments: readonly Segment[],
  at: number,
  duration: number | undefined,
  length = 2,
): number => {
  const nextStart = segments.find((segment) => segment.start > at)?.start;
  const limits = [at + length];
  if (nextStart !== undefined) limits.push(nextStart);
  if (duration !== undefined && duration > 0) limits.push(duration);
  return roundTime(Math.max(at + 0.1, Math.min(...limits)));
};
