/**
 * Text distances for consolidating and scoring free-text answers (text collection fields, audio
 * transcripts). Pure and browser-safe.
 */

/**
 * Edit distance (insertions, deletions, substitutions, each costing 1) between two sequences:
 * characters of a string or words of a transcript. O(a·b) time, O(b) memory.
 */
export const levenshtein = <T>(a: ArrayLike<T>, b: ArrayLike<T>): number => {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
};

/**
 * 1 - distance / longer length, in [0, 1]; 1 for two empty sequences. Dividing by the longer
 * length (not the reference's) keeps it symmetric, which the medoid needs.
 */
export const sequenceSimilarity = <T>(a: ArrayLike<T>, b: ArrayLike<T>): number => {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - levenshtein(a, b) / longest;
};

/**
 * Case, surrounding and repeated whitespace, and Unicode compatibility forms (NFKC: full-width
 * letters, ligatures) say nothing about whether two workers wrote the same text.
 */
export const normalizeText = (text: string): string =>
  text.normalize("NFKC").trim().toLowerCase().replace(/\s+/gu, " ");

/** Character-level similarity of two free-text answers after `normalizeText`. */
export const textSimilarity = (a: string, b: string): number =>
  // Array.from splits by code point, so an emoji counts as one edit, not two.
  sequenceSimilarity(Array.from(normalizeText(a)), Array.from(normalizeText(b)));

/**
 * Words for transcript comparison: NFKC, lower case, apostrophes dropped ("don't" = "dont"),
 * every other character that is not a letter, digit or combining mark treated as a separator
 * (so "well-known," = "well known"). Used both to compare transcripts and to check that an
 * alignment's words spell the transcript.
 */
export const transcriptWords = (text: string): string[] =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/['’ʼ]/gu, "")
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((word) => word !== "");
