/**
 * Matching items across the responses of several Taskers, generic over the item type so image
 * annotations, document blocks and video events share one implementation.
 *
 * Similarities are in [0, 1] (IoU, or a distance mapped to [0, 1]); two items match when their
 * similarity is at least MATCH_THRESHOLD. 0.5 is the usual detection threshold (PASCAL VOC's
 * IoU ≥ 0.5): strict enough that a match is the same object, loose enough for drawing noise.
 *
 * Matching is greedy by descending similarity rather than Hungarian: with a threshold of 0.5 two
 * candidates for the same item rarely compete, greedy is deterministic with a simple tie-break
 * (lower response, then lower index first) and runs in O(E log E).
 */
export const MATCH_THRESHOLD = 0.5;

export type Similarity<T> = (a: T, b: T) => number;
/** Only items in the same group are compared (e.g. same type and label); others score 0. */
export type GroupKey<T> = (item: T) => string;

const groupIndices = <T>(items: readonly T[], groupOf: GroupKey<T>): Map<string, number[]> => {
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = groupOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [i]);
    else group.push(i);
  });
  return groups;
};

export type MatchedPair = { a: number; b: number; similarity: number };

/** One-to-one greedy matching of two lists (indices into `a` and `b`). */
export const greedyMatch = <T>(
  a: readonly T[],
  b: readonly T[],
  similarity: Similarity<T>,
  groupOf: GroupKey<T>,
  threshold = MATCH_THRESHOLD,
): MatchedPair[] => {
  const groupsB = groupIndices(b, groupOf);
  const candidates: MatchedPair[] = [];
  a.forEach((itemA, i) => {
    for (const j of groupsB.get(groupOf(itemA)) ?? []) {
      const itemB = b[j];
      if (itemB === undefined) continue;
      const value = similarity(itemA, itemB);
      if (value >= threshold) candidates.push({ a: i, b: j, similarity: value });
    }
  });
  candidates.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: MatchedPair[] = [];
  for (const candidate of candidates) {
    if (usedA.has(candidate.a) || usedB.has(candidate.b)) continue;
    usedA.add(candidate.a);
    usedB.add(candidate.b);
    pairs.push(candidate);
  }
  return pairs;
};

/**
 * F1 where each true positive counts its similarity instead of 1: 2·Σsim / (|a| + |b|). Two
 * empty lists agree perfectly. Used both for agreement between Taskers and for gold scores.
 * `weight` replaces the similarity as a matched pair's credit (documents: IoU × text match)
 * while matching itself still uses the similarity.
 */
export const weightedF1 = <T>(
  a: readonly T[],
  b: readonly T[],
  similarity: Similarity<T>,
  groupOf: GroupKey<T>,
  weight: (a: T, b: T, similarity: number) => number = (_a, _b, value) => value,
): number => {
  if (a.length + b.length === 0) return 1;
  const total = greedyMatch(a, b, similarity, groupOf).reduce((sum, pair) => {
    const itemA = a[pair.a];
    const itemB = b[pair.b];
    return itemA === undefined || itemB === undefined
      ? sum
      : sum + weight(itemA, itemB, pair.similarity);
  }, 0);
  return Math.min(1, Math.max(0, (2 * total) / (a.length + b.length)));
};

/** Mean of `score` over all unordered pairs of responses; a single response agrees with itself. */
export const meanPairwise = <R>(responses: readonly R[], score: (a: R, b: R) => number): number => {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < responses.length; i += 1) {
    for (let j = i + 1; j < responses.length; j += 1) {
      const a = responses[i];
      const b = responses[j];
      if (a === undefined || b === undefined) continue;
      sum += score(a, b);
      count += 1;
    }
  }
  return count === 0 ? 1 : sum / count;
};

export type ClusterMember<T> = { response: number; index: number; item: T };
export type Cluster<T> = { members: ClusterMember<T>[] };

/**
 * Groups the items of N responses into clusters holding at most one item per response.
 * Greedy agglomeration over cross-response pairs by descending similarity, with complete
 * linkage: two clusters merge only when every pair across them matches, so a chain of small
 * shifts cannot glue two distinct objects together. Clusters come out ordered by their first
 * member (response, then index), which keeps the consolidated output deterministic.
 */
export const clusterAcrossResponses = <T>(
  lists: readonly (readonly T[])[],
  similarity: Similarity<T>,
  groupOf: GroupKey<T>,
  threshold = MATCH_THRESHOLD,
): Cluster<T>[] => {
  const items: ClusterMember<T>[] = lists.flatMap((list, response) =>
    list.map((item, index) => ({ response, index, item })),
  );
  const matches = new Set<string>();
  const edges: { p: number; q: number; similarity: number }[] = [];
  for (const group of groupIndices(items, (member) => groupOf(member.item)).values()) {
    for (let gp = 0; gp < group.length; gp += 1) {
      for (let gq = gp + 1; gq < group.length; gq += 1) {
        const p = group[gp] ?? 0;
        const q = group[gq] ?? 0;
        const a = items[p];
        const b = items[q];
        if (a === undefined || b === undefined || a.response === b.response) continue;
        const value = similarity(a.item, b.item);
        if (value < threshold) continue;
        matches.add(`${p},${q}`);
        edges.push({ p, q, similarity: value });
      }
    }
  }
  edges.sort((x, y) => y.similarity - x.similarity || x.p - y.p || x.q - y.q);

  const clusterOf = items.map((_, i) => i);
  const clusters = new Map<number, number[]>(items.map((_, i) => [i, [i]]));
  const matched = (p: number, q: number) => matches.has(p < q ? `${p},${q}` : `${q},${p}`);
  for (const { p, q } of edges) {
    const cp = clusterOf[p] ?? p;
    const cq = clusterOf[q] ?? q;
    if (cp === cq) continue;
    const left = clusters.get(cp) ?? [];
    const right = clusters.get(cq) ?? [];
    const responses = new Set(left.map((i) => items[i]?.response));
    if (right.some((i) => responses.has(items[i]?.response))) continue;
    if (!left.every((i) => right.every((j) => matched(i, j)))) continue;
    const merged = [...left, ...right].sort((x, y) => x - y);
    clusters.delete(cq);
    clusters.set(cp, merged);
    for (const i of right) clusterOf[i] = cp;
  }
  return [...clusters.values()]
    .map((indices) => indices.sort((x, y) => x - y))
    .sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0))
    .map((indices) => ({
      members: indices.flatMap((i) => {
        const member = items[i];
        return member === undefined ? [] : [member];
      }),
    }));
};

/** The member most similar to all others (ties: earliest); the representative of a cluster. */
export const medoid = <T>(items: readonly T[], similarity: Similarity<T>): number => {
  let best = 0;
  let bestScore = -Infinity;
  items.forEach((item, i) => {
    let score = 0;
    items.forEach((other, j) => {
      if (i !== j) score += similarity(item, other);
    });
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
};

export const isStrictMajority = (support: number, total: number): boolean => support * 2 > total;
