import { isRecord } from "../../is-record";

export type VoteResult<V> = { value: V; count: number; tied: boolean };

/** Canonical JSON: object keys sorted, so `{a, b}` and `{b, a}` vote together. */
export const canonicalKey = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    isRecord(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  ) ?? "undefined";

/**
 * Plurality vote. On a tie the value at `preferred` (an index into `values`, typically the
 * cluster's medoid) wins if it is among the tied values, otherwise the tied value seen first;
 * either way `tied` is reported so consolidation can say so.
 */
export const pluralityVote = <V>(
  values: readonly V[],
  preferred = 0,
  keyOf: (value: V) => string = canonicalKey,
): VoteResult<V> | undefined => {
  const counts = new Map<string, { value: V; count: number; first: number }>();
  values.forEach((value, i) => {
    const key = keyOf(value);
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { value, count: 1, first: i });
    else entry.count += 1;
  });
  const entries = [...counts.values()];
  const top = Math.max(...entries.map((entry) => entry.count));
  const leaders = entries.filter((entry) => entry.count === top);
  const preferredValue = values[preferred];
  const preferredKey = preferredValue === undefined ? undefined : keyOf(preferredValue);
  const winner =
    leaders.find((entry) => preferredKey !== undefined && keyOf(entry.value) === preferredKey) ??
    leaders.sort((a, b) => a.first - b.first)[0];
  return winner === undefined
    ? undefined
    : { value: winner.value, count: winner.count, tied: leaders.length > 1 };
};
