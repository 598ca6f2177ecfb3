import type { ConsolidationResult } from "./definition";
import type {
  NamedEntityRecognitionParams,
  NamedEntityRecognitionResponse,
  NerAnnotation,
  NerRelationship,
} from "./namedentityrecognition";
import { canonicalJson, majorityVote, meanOr1 } from "./shared/vote";

/** Spans match exactly: same start, end and label. */
const spanKey = (annotation: Pick<NerAnnotation, "start" | "end" | "label">): string =>
  `${annotation.start}:${annotation.end}:${annotation.label}`;

const spanSet = (response: NamedEntityRecognitionResponse): Set<string> =>
  new Set(response.annotations.map(spanKey));

/** F1 of two span sets, 2|A∩B| / (|A|+|B|); 1 when both are empty (both found nothing). */
export const spanF1 = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  if (a.size + b.size === 0) return 1;
  let common = 0;
  for (const span of a) if (b.has(span)) common += 1;
  return (2 * common) / (a.size + b.size);
};

/**
 * Gold score: F1 of the response's spans against the gold spans, exact matches only (a span off
 * by one character is a different entity). Relationships are not scored.
 */
export const scoreNamedEntityRecognition = (
  _params: NamedEntityRecognitionParams,
  response: NamedEntityRecognitionResponse,
  gold: NamedEntityRecognitionResponse,
): number => spanF1(spanSet(response), spanSet(gold));

type Support<T> = { first: T; items: T[]; responses: Set<number> };

/** Groups items of all responses by key, remembering which responses produced each key. */
const gather = <T>(
  responses: readonly NamedEntityRecognitionResponse[],
  itemsOf: (response: NamedEntityRecognitionResponse) => readonly T[],
  keyOf: (item: T, response: NamedEntityRecognitionResponse) => string | undefined,
): Map<string, Support<T>> => {
  const groups = new Map<string, Support<T>>();
  responses.forEach((response, index) => {
    for (const item of itemsOf(response)) {
      const key = keyOf(item, response);
      if (key === undefined) continue;
      const group = groups.get(key);
      if (group === undefined)
        groups.set(key, { first: item, items: [item], responses: new Set([index]) });
      else {
        group.items.push(item);
        group.responses.add(index);
      }
    }
  });
  return groups;
};

/** Keeps the first id seen, or suffixes it when another kept item already took it. */
const uniqueId = (id: string, used: Set<string>): string => {
  let candidate = id;
  for (let suffix = 2; used.has(candidate); suffix += 1) candidate = `${id}-${suffix}`;
  used.add(candidate);
  return candidate;
};

/**
 * Span matching: an entity (exact start, end and label) is kept when a strict majority of the
 * responses marked it; one marked by exactly half is a tie and is left out (a tie cannot be a
 * majority; reported in `tied` and `notes`). Attributes are voted on among the responses that
 * marked the entity. Relationships are kept by the same rule (their entities are then kept
 * too: every response that links two spans also marked them).
 *
 * Agreement is the mean pairwise span F1 over all pairs of responses (1 for one response).
 */
export const consolidateNamedEntityRecognition = (
  params: NamedEntityRecognitionParams,
  responses: readonly NamedEntityRecognitionResponse[],
): ConsolidationResult<NamedEntityRecognitionResponse> => {
  const total = responses.length;
  const notes: string[] = [];
  let tied = false;
  const decide = (path: string, what: string, votes: number): boolean => {
    if (votes * 2 === total) {
      tied = true;
      notes.push(`${path}: tie on ${what} (${votes} of ${total} responses); left out`);
    }
    return votes * 2 > total;
  };

  const spans = gather(responses, (response) => response.annotations, spanKey);
  const ordered = [...spans.entries()].sort(
    ([, a], [, b]) => a.first.start - b.first.start || a.first.end - b.first.end,
  );
  const usedIds = new Set<string>();
  const keptIdBySpan = new Map<string, string>();
  const annotations: NerAnnotation[] = [];
  let dropped = 0;
  for (const [key, group] of ordered) {
    const { start, end, label } = group.first;
    if (
      !decide("annotations", `"${params.text.slice(start, end)}" as ${label}`, group.responses.size)
    ) {
      dropped += 1;
      continue;
    }
    const id = uniqueId(group.first.id, usedIds);
    keptIdBySpan.set(key, id);
    const attributes = majorityVote(
      group.items.map((item) => item.attributes),
      canonicalJson,
    ).winner;
    annotations.push({
      id,
      start,
      end,
      text: params.text.slice(start, end),
      label,
      ...(attributes === undefined ? {} : { attributes }),
    });
  }
  if (dropped > 0)
    notes.push(`annotations: ${dropped} span(s) marked by too few responses were left out`);

  // A relationship is identified by the spans it links, so it matches across responses whose
  // annotation ids differ.
  const relationshipKey = (
    relationship: NerRelationship,
    response: NamedEntityRecognitionResponse,
  ) => {
    const spanOf = (id: string) => {
      const annotation = response.annotations.find((candidate) => candidate.id === id);
      return annotation === undefined ? undefined : spanKey(annotation);
    };
    const source = spanOf(relationship.source_ref);
    const target = spanOf(relationship.target_ref);
    if (source === undefined || target === undefined) return undefined;
    return JSON.stringify([source, target, relationship.name ?? null]);
  };
  const relationshipGroups = gather(
    responses,
    (response) => response.relationships,
    relationshipKey,
  );
  const usedRelationshipIds = new Set<string>();
  const relationships: NerRelationship[] = [];
  for (const [key, group] of relationshipGroups) {
    const [source, target] = JSON.parse(key) as [string, string];
    const sourceRef = keptIdBySpan.get(source);
    const targetRef = keptIdBySpan.get(target);
    const name = group.first.name;
    if (!decide("relationships", `"${name ?? "(unnamed)"}"`, group.responses.size)) continue;
    // Unreachable for a majority relationship (see above); kept so a bad input cannot dangle.
    if (sourceRef === undefined || targetRef === undefined) continue;
    const id = uniqueId(group.first.id, usedRelationshipIds);
    relationships.push({
      id,
      source_ref: sourceRef,
      target_ref: targetRef,
      ...(name === undefined ? {} : { name }),
    });
  }

  const sets = responses.map(spanSet);
  const pairScores = sets.flatMap((a, i) => sets.slice(i + 1).map((b) => spanF1(a, b)));
  return { response: { annotations, relationships }, agreement: meanOr1(pairScores), tied, notes };
};
