import type { CategorizationParams, CategorizationResponse } from "./categorization";
import type { ConsolidationResult } from "./definition";
import { majorityVote, meanOr1, tieNote } from "./shared/vote";

/** The chosen labels of a response; a single choice is a one-element set. */
const chosenLabels = (response: CategorizationResponse): string[] =>
  Array.isArray(response.category) ? response.category : [response.category];

/** |A ∩ B| / |A ∪ B|; 1 when both are empty (they agree that nothing applies). */
export const jaccard = (a: readonly string[], b: readonly string[]): number => {
  const left = new Set(a);
  const right = new Set(b);
  const union = new Set([...left, ...right]);
  if (union.size === 0) return 1;
  let intersection = 0;
  for (const label of left) if (right.has(label)) intersection += 1;
  return intersection / union.size;
};

/**
 * Gold score: 1 or 0 for a single choice; Jaccard similarity of the chosen sets for multiple
 * choice (partial credit for overlapping answers).
 */
export const scoreCategorization = (
  params: CategorizationParams,
  response: CategorizationResponse,
  gold: CategorizationResponse,
): number => {
  const chosen = chosenLabels(response);
  const expected = chosenLabels(gold);
  if (params.allow_multiple) return jaccard(chosen, expected);
  return chosen.length === 1 && chosen[0] === expected[0] ? 1 : 0;
};

const idsFor = (params: CategorizationParams, labels: readonly string[]): string[] | undefined => {
  const ids = params.category_ids;
  if (ids === undefined) return undefined;
  return labels.map((label) => ids[params.categories.indexOf(label)] ?? "");
};

/**
 * Single choice: plurality vote (ties go to the label seen first). Multiple choice: each
 * category is voted on separately and kept when a strict majority chose it; when exactly half
 * chose it, that is a tie and the first response's decision wins (the definition's tie rule).
 * Should no category reach a majority, the most chosen one is kept, since a multiple-choice
 * answer must name at least one category.
 *
 * Agreement is the mean gold score of each response against the consolidated answer: the
 * winner's vote share for a single choice, the mean Jaccard similarity for multiple choice.
 * Ids are included when any response gave them (they are derived from the params).
 */
export const consolidateCategorization = (
  params: CategorizationParams,
  responses: readonly CategorizationResponse[],
): ConsolidationResult<CategorizationResponse> => {
  const notes: string[] = [];
  let tied = false;
  const withIds = responses.some(
    (response) => response.category_id !== undefined || response.category_ids !== undefined,
  );

  let consolidated: CategorizationResponse;
  if (!params.allow_multiple) {
    const vote = majorityVote(responses.map((response) => chosenLabels(response)[0] ?? ""));
    if (vote.leaders.length > 1) {
      tied = true;
      notes.push(tieNote("category", vote.leaders));
    } else if (vote.count < vote.total) {
      notes.push(`category: ${vote.count} of ${vote.total} responses chose "${vote.winner}"`);
    }
    const id = withIds ? idsFor(params, [vote.winner])?.[0] : undefined;
    consolidated =
      id === undefined ? { category: vote.winner } : { category: vote.winner, category_id: id };
  } else {
    const sets = responses.map((response) => new Set(chosenLabels(response)));
    const first = sets[0] ?? new Set<string>();
    const labels = params.categories.filter((label) => {
      const votes = sets.filter((set) => set.has(label)).length;
      if (votes === 0) return false;
      if (votes * 2 === sets.length) {
        tied = true;
        notes.push(
          `category: tie on "${label}" (${votes} of ${sets.length} responses chose it); ` +
            `${first.has(label) ? "kept" : "left out"} as in the first response`,
        );
        return first.has(label);
      }
      if (votes < sets.length && votes * 2 > sets.length) {
        notes.push(`category: ${votes} of ${sets.length} responses chose "${label}"`);
      }
      return votes * 2 > sets.length;
    });
    if (labels.length === 0) {
      const vote = majorityVote(sets.flatMap((set) => [...set]));
      if (vote.leaders.length > 1) {
        tied = true;
        notes.push(tieNote("category", vote.leaders));
      }
      notes.push(`category: no category was chosen by a majority; kept "${vote.winner}"`);
      labels.push(vote.winner);
    }
    const ids = withIds ? idsFor(params, labels) : undefined;
    consolidated =
      ids === undefined ? { category: labels } : { category: labels, category_ids: ids };
  }

  const agreement = meanOr1(
    responses.map((response) => scoreCategorization(params, response, consolidated)),
  );
  return { response: consolidated, agreement, tied, notes };
};
