import { unmetCondition } from "./geometry-attribute-values";
import type { AttributeScope } from "./geometry-attribute-values";
import type { AnnotationAttributes, AttributeValue, AttributeValues } from "./geometry-attributes";
import { pluralityVote } from "./geometry-votes";

export type AttributeVote = {
  values: AttributeValues | undefined;
  /** Names whose vote was a tie (decided by the preferred response). */
  tied: string[];
  /** Names dropped because the voted values no longer satisfy their conditions. */
  dropped: string[];
};

const sortedNames = (valueSets: readonly (AttributeValues | undefined)[]): string[] =>
  [...new Set(valueSets.flatMap((values) => Object.keys(values ?? {})))].sort();

/**
 * Per attribute, a plurality vote over the responses, where "not answered" is a candidate too
 * (so an attribute only one Tasker set among three is left out). Ties go to the value of
 * `preferred` (the cluster's medoid). Voting attributes independently can break conditions
 * (`occluded_by` voted in while `occluded` voted "no"), so values whose conditions no longer hold
 * are dropped, repeatedly, until the set is consistent.
 */
export const voteAttributeValues = (
  valueSets: readonly (AttributeValues | undefined)[],
  preferred: number,
  definitions: AnnotationAttributes | undefined,
  scope: AttributeScope,
): AttributeVote => {
  const values: AttributeValues = {};
  const tied: string[] = [];
  for (const name of sortedNames(valueSets)) {
    const vote = pluralityVote<AttributeValue | undefined>(
      valueSets.map((set) => set?.[name]),
      preferred,
    );
    if (vote === undefined) continue;
    if (vote.tied) tied.push(name);
    if (vote.value !== undefined) values[name] = vote.value;
  }
  const dropped: string[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const [name] of Object.entries(values)) {
      const definition = definitions?.[name];
      if (definition !== undefined && unmetCondition(definition, values, scope) !== undefined) {
        delete values[name];
        dropped.push(name);
        changed = true;
      }
    }
  }
  const keepEmpty = valueSets[preferred] !== undefined;
  return {
    values: Object.keys(values).length > 0 || keepEmpty ? values : undefined,
    tied,
    dropped,
  };
};
