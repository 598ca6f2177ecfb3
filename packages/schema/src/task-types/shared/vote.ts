import { isRecord } from "../../is-record";

/**
 * Voting helpers shared by the consolidation functions of the non-geometric task types.
 * Everything here is pure and deterministic: ties are broken by first appearance, never by
 * randomness, so re-running consensus on the same responses gives the same answer.
 */

export type VoteOutcome<T> = {
  /** The most frequent value; on a tie, the tied value that appeared first. */
  winner: T;
  /** How many inputs voted for the winner. */
  count: number;
  /** How many inputs voted in total. */
  total: number;
  /** Every value that reached the winning count (the winner first); length > 1 means a tie. */
  leaders: T[];
};

/**
 * Plurality vote over `values`, compared by `key`. Throws on an empty list: consolidation is only
 * defined for N >= 1 responses, and a silent default would hide the caller's bug.
 */
export const majorityVote = <T>(
  values: readonly T[],
  key: (value: T) => string = (value) => JSON.stringify(value),
): VoteOutcome<T> => {
  const tally = new Map<string, { value: T; count: number }>();
  for (const value of values) {
    const k = key(value);
    const entry = tally.get(k);
    if (entry === undefined) tally.set(k, { value, count: 1 });
    else entry.count += 1;
  }
  // Map iteration follows insertion order, i.e. first appearance, which breaks ties.
  let best: { value: T; count: number } | undefined;
  for (const entry of tally.values()) {
    if (best === undefined || entry.count > best.count) best = entry;
  }
  if (best === undefined) throw new RangeError("cannot vote on an empty list");
  const winningCount = best.count;
  const leaders = [...tally.values()]
    .filter((entry) => entry.count === winningCount)
    .map((entry) => entry.value);
  return { winner: best.value, count: winningCount, total: values.length, leaders };
};

/** `category: tie between "big" and "small"`. */
export const tieNote = (path: string, options: readonly unknown[]): string =>
  `${path}: tie between ${options.map((option) => JSON.stringify(option) ?? String(option)).join(" and ")}`;

/** Arithmetic mean; 1 for an empty list, since "nothing to disagree on" is full agreement. */
export const meanOr1 = (values: readonly number[]): number =>
  values.length === 0 ? 1 : values.reduce((sum, value) => sum + value, 0) / values.length;

export const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));

export type MedoidOutcome = {
  /** Index of the item with the highest total similarity to all items (first on a tie). */
  index: number;
  /** Indices of every item that reached that total (the medoid first). */
  leaders: number[];
  /** Mean similarity of every item to the medoid, itself included; in [0, 1]. */
  meanSimilarity: number;
};

/**
 * The medoid: the input most similar to all the others. Used where averaging is meaningless
 * (free text), so the consolidated answer is always one a worker actually gave. O(N²) similarity
 * calls, fine for the handful of responses consensus collects.
 */
export const medoid = <T>(
  items: readonly T[],
  similarity: (a: T, b: T) => number,
): MedoidOutcome => {
  if (items.length === 0) throw new RangeError("cannot find the medoid of an empty list");
  const matrix = items.map((a) => items.map((b) => similarity(a, b)));
  const totals = matrix.map((row) => row.reduce((sum, value) => sum + value, 0));
  const bestTotal = Math.max(...totals);
  // A small tolerance so float rounding does not hide a genuine tie.
  const leaders = totals.flatMap((total, index) => (bestTotal - total < 1e-9 ? [index] : []));
  const index = leaders[0] ?? 0;
  return { index, leaders, meanSimilarity: (totals[index] ?? 0) / items.length };
};

/**
 * JSON with object keys sorted at every level, so that `{a: 1, b: 2}` and `{b: 2, a: 1}` vote
 * together. Only meant for JSON data (what responses are).
 */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    isRecord(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  ) ?? "undefined";
