/**
 * Rank aggregation for comparison tasks. Rankings are permutations of item indices, best first.
 */

/**
 * Normalized Kendall tau as a similarity in [0, 1]: the share of item pairs that both rankings
 * order the same way. 1 for identical rankings, 0 for reversed ones; 1 when there are fewer
 * than two items (nothing to order). Items missing from either ranking are ignored.
 */
export const kendallSimilarity = (a: readonly number[], b: readonly number[]): number => {
  const positionInB = new Map(b.map((item, position) => [item, position]));
  const common = a.filter((item) => positionInB.has(item));
  const pairs = (common.length * (common.length - 1)) / 2;
  if (pairs === 0) return 1;
  let concordant = 0;
  for (let i = 0; i < common.length; i += 1) {
    for (let j = i + 1; j < common.length; j += 1) {
      // `common` follows a's order, so the pair agrees when b also puts item i first.
      if ((positionInB.get(common[i] ?? -1) ?? 0) < (positionInB.get(common[j] ?? -1) ?? 0)) {
        concordant += 1;
      }
    }
  }
  return concordant / pairs;
};

export type BordaOutcome = {
  /** Items by descending Borda score; equal scores keep the order of the first ranking. */
  ranking: number[];
  /** Borda score per item: the sum over rankings of the number of items ranked below it. */
  scores: Map<number, number>;
  /** Groups of two or more items whose scores are equal. */
  ties: number[][];
};

/**
 * Borda count: with n items, the item in position p of a ranking earns n - 1 - p points. It
 * rewards items every ranking places high, which a plurality of first places would miss.
 */
export const bordaCount = (rankings: readonly (readonly number[])[]): BordaOutcome => {
  const scores = new Map<number, number>();
  for (const ranking of rankings) {
    ranking.forEach((item, position) => {
      scores.set(item, (scores.get(item) ?? 0) + ranking.length - 1 - position);
    });
  }
  // Stable sort from the first ranking's order: ties go to the order seen first.
  const first = rankings[0] ?? [];
  const items = [...first, ...[...scores.keys()].filter((item) => !first.includes(item))];
  const ranking = items.sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0));
  const ties: number[][] = [];
  let group: number[] = [];
  for (const item of ranking) {
    const previous = group[0];
    if (previous !== undefined && scores.get(previous) === scores.get(item)) group.push(item);
    else {
      if (group.length > 1) ties.push(group);
      group = [item];
    }
  }
  if (group.length > 1) ties.push(group);
  return { ranking, scores, ties };
};
