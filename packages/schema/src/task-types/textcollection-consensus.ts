import { parseIsoDateTime } from "../iso-date";
import type { ConsolidationResult } from "./definition";
import { normalizeText, textSimilarity } from "./shared/text-distance";
import { majorityVote, meanOr1, medoid, tieNote } from "./shared/vote";
import type {
  TextCollectionField,
  TextCollectionParams,
  TextCollectionResponse,
  TextCollectionValue,
} from "./textcollection";

type Answer = TextCollectionValue | TextCollectionValue[] | undefined;

const answerOf = (response: TextCollectionResponse, fieldId: string): Answer =>
  // hasOwn: a field_id such as "constructor" must not find Object.prototype members.
  Object.hasOwn(response.annotations, fieldId) ? response.annotations[fieldId] : undefined;

const NO_ANSWER = "(no answer)";

/**
 * Identity of a non-text answer for voting. Date-times compare as instants (so `…T10:00Z` and
 * `…T12:00+02:00` agree) and multi-value answers as sets (the order values were entered in
 * carries no meaning).
 */
const exactKey = (field: TextCollectionField, answer: Answer): string => {
  if (answer === undefined) return NO_ANSWER;
  const keyOf = (value: TextCollectionValue): string => {
    if (field.type === "datetime" && typeof value === "string") {
      const instant = parseIsoDateTime(value);
      if (instant !== null) return `t:${instant.getTime()}`;
    }
    return JSON.stringify(value);
  };
  return Array.isArray(answer) ? JSON.stringify(answer.map(keyOf).sort()) : keyOf(answer);
};

/** Text answers: multi-value answers are compared as their values joined by line breaks. */
const textOf = (answer: Answer): string | undefined =>
  answer === undefined ? undefined : (Array.isArray(answer) ? answer : [answer]).join("\n");

/**
 * How alike two answers to one field are, in [0, 1]: 1 - normalized Levenshtein distance for
 * text, exact equality otherwise. Both unanswered counts as agreement.
 */
export const fieldSimilarity = (field: TextCollectionField, a: Answer, b: Answer): number => {
  if (field.type !== "text") return exactKey(field, a) === exactKey(field, b) ? 1 : 0;
  const left = textOf(a);
  const right = textOf(b);
  if (left === undefined || right === undefined) return left === right ? 1 : 0;
  return textSimilarity(left, right);
};

/** Gold score: the mean over the task's fields of `fieldSimilarity`. */
export const scoreTextCollection = (
  params: TextCollectionParams,
  response: TextCollectionResponse,
  gold: TextCollectionResponse,
): number =>
  meanOr1(
    params.fields.map((field) =>
      fieldSimilarity(field, answerOf(response, field.field_id), answerOf(gold, field.field_id)),
    ),
  );

type FieldOutcome = { answer: Answer; agreement: number; tied: boolean; notes: string[] };

const display = (answer: Answer): unknown => answer ?? NO_ANSWER;

const consolidateField = (field: TextCollectionField, answers: readonly Answer[]): FieldOutcome => {
  const path = `annotations.${field.field_id}`;
  if (field.type !== "text") {
    const vote = majorityVote(answers, (answer) => exactKey(field, answer));
    const tied = vote.leaders.length > 1;
    const notes = tied
      ? [tieNote(path, vote.leaders.map(display))]
      : vote.count < vote.total
        ? [`${path}: ${vote.count} of ${vote.total} responses agree`]
        : [];
    return { answer: vote.winner, agreement: vote.count / vote.total, tied, notes };
  }
  // Free text is rarely identical, so instead of voting, keep the answer closest to all others.
  const center = medoid(answers, (a, b) => fieldSimilarity(field, a, b));
  const answer = answers[center.index];
  // Leaders that only differ in case or spacing are the same answer, not a tie.
  const distinctLeaders = new Map(
    center.leaders.map((index) => {
      const text = textOf(answers[index]);
      return [text === undefined ? undefined : normalizeText(text), answers[index]];
    }),
  );
  const tied = distinctLeaders.size > 1;
  const notes = tied ? [tieNote(path, [...distinctLeaders.values()].map(display))] : [];
  if (!tied && center.meanSimilarity < 1) {
    notes.push(`${path}: answers differ (mean similarity ${center.meanSimilarity.toFixed(2)})`);
  }
  return { answer, agreement: center.meanSimilarity, tied, notes };
};

/**
 * Field by field: a plurality vote for category, number, boolean and date-time fields (ties go
 * to the answer seen first), and the medoid for text fields. Leaving an optional field
 * unanswered is a vote like any other. Agreement is the mean over fields of the winner's vote
 * share (exact fields) or the mean similarity to the medoid (text fields).
 */
export const consolidateTextCollection = (
  params: TextCollectionParams,
  responses: readonly TextCollectionResponse[],
): ConsolidationResult<TextCollectionResponse> => {
  const outcomes = params.fields.map(
    (field) =>
      [
        field.field_id,
        consolidateField(
          field,
          responses.map((response) => answerOf(response, field.field_id)),
        ),
      ] as const,
  );
  const annotations = Object.fromEntries(
    outcomes.flatMap(([fieldId, outcome]) =>
      outcome.answer === undefined ? [] : [[fieldId, outcome.answer] as const],
    ),
  );
  return {
    response: { annotations },
    agreement: meanOr1(outcomes.map(([, outcome]) => outcome.agreement)),
    tied: outcomes.some(([, outcome]) => outcome.tied),
    notes: outcomes.flatMap(([, outcome]) => outcome.notes),
  };
};
