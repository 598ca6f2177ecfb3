import type { ComparisonParams, ComparisonResponse } from "./comparison";
import type { ConsolidationResult } from "./definition";
import { bordaCount, kendallSimilarity } from "./shared/vote-ranking";
import { majorityVote, meanOr1, tieNote } from "./shared/vote";

/** 1 - |a - b| / (max - min) per rated attachment, averaged; null when nothing is rated. */
const ratingsSimilarity = (
  params: ComparisonParams,
  response: ComparisonResponse,
  reference: ComparisonResponse,
): number | null => {
  const scores = (params.fields ?? []).flatMap((field) => {
    const ours = response.ratings?.[field.field_id];
    const theirs = reference.ratings?.[field.field_id];
    if (ours === undefined && theirs === undefined) return [];
    // Rating a field the reference left out (or the reverse) is full disagreement on it.
    if (ours === undefined || theirs === undefined) return [0];
    const range = field.max - field.min;
    return theirs.map((value, index) => 1 - Math.abs((ours[index] ?? field.min) - value) / range);
  });
  return scores.length === 0 ? null : meanOr1(scores);
};

/**
 * Gold score: the mean of the choice score (1 or 0) or ranking score (normalized Kendall tau,
 * the share of attachment pairs ordered as in the gold ranking) and, when the task has rating
 * fields, the ratings similarity (1 - mean absolute difference / the field's range).
 * The rationale is free text and is not scored.
 */
export const scoreComparison = (
  params: ComparisonParams,
  response: ComparisonResponse,
  gold: ComparisonResponse,
): number => {
  const modeScore =
    params.mode === "ranking"
      ? kendallSimilarity(response.ranking ?? [], gold.ranking ?? [])
      : response.choice === gold.choice
        ? 1
        : 0;
  const ratings = ratingsSimilarity(params, response, gold);
  return ratings === null ? modeScore : (modeScore + ratings) / 2;
};

/** Mean rating per attachment over the responses that rated the field. */
const consolidateRatings = (
  params: ComparisonParams,
  responses: readonly ComparisonResponse[],
): Record<string, number[]> | undefined => {
  if (params.fields === undefined) return undefined;
  const entries = params.fields.flatMap((field) => {
    const rated = responses.flatMap((response) => {
      const values = response.ratings?.[field.field_id];
      return values === undefined ? [] : [values];
    });
    if (rated.length === 0) return [];
    const means = params.attachments.map(
      (_, index) => rated.reduce((sum, values) => sum + (values[index] ?? 0), 0) / rated.length,
    );
    return [[field.field_id, means] as const];
  });
  return Object.fromEntries(entries);
};

/**
 * Choice mode: plurality vote (ties go to the option seen first). Ranking mode: Borda count
 * (equal scores keep the first response's order, and are reported as ties). Ratings: the mean
 * per field and attachment. The rationale is taken from the response closest to the consensus
 * (the first one on ties) among those that gave one.
 *
 * Agreement is the mean gold score of each response against the consolidated answer: the
 * winning choice's vote share, or the mean Kendall similarity to the Borda ranking, averaged
 * with the ratings similarity when the task has rating fields.
 */
export const consolidateComparison = (
  params: ComparisonParams,
  responses: readonly ComparisonResponse[],
): ConsolidationResult<ComparisonResponse> => {
  const notes: string[] = [];
  let tied = false;
  let consolidated: ComparisonResponse;
  if (params.mode === "ranking") {
    const borda = bordaCount(responses.map((response) => response.ranking ?? []));
    for (const group of borda.ties) {
      tied = true;
      notes.push(
        `ranking: tie between attachments ${group.join(" and ")} (Borda score ${borda.scores.get(group[0] ?? -1) ?? 0})`,
      );
    }
    consolidated = { ranking: borda.ranking };
  } else {
    const vote = majorityVote(responses.map((response) => response.choice));
    if (vote.leaders.length > 1) {
      tied = true;
      notes.push(tieNote("choice", vote.leaders));
    } else if (vote.count < vote.total) {
      notes.push(
        `choice: ${vote.count} of ${vote.total} responses chose ${JSON.stringify(vote.winner)}`,
      );
    }
    consolidated = vote.winner === undefined ? {} : { choice: vote.winner };
  }
  const ratings = consolidateRatings(params, responses);
  if (ratings !== undefined) consolidated = { ...consolidated, ratings };

  const scores = responses.map((response) => scoreComparison(params, response, consolidated));
  let closest: { score: number; rationale: string } | undefined;
  responses.forEach((response, index) => {
    const score = scores[index] ?? 0;
    const rationale = response.rationale;
    if (
      rationale !== undefined &&
      rationale.trim() !== "" &&
      (closest === undefined || score > closest.score)
    ) {
      closest = { score, rationale };
    }
  });
  if (closest !== undefined) consolidated = { ...consolidated, rationale: closest.rationale };

  return { response: consolidated, agreement: meanOr1(scores), tied, notes };
};
