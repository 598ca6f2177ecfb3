import { voteAttributeValues } from "./geometry-attribute-votes";
import type { GeometryTaskConfig } from "./geometry-check";
import { labelMatches } from "./geometry-labels";
import {
  clusterAcrossResponses,
  isStrictMajority,
  meanPairwise,
  medoid,
  weightedF1,
} from "./geometry-matching";
import { mergeGeometry } from "./geometry-merge";
import { indexGeometryLabels } from "./geometry-params";
import { annotationGroup, annotationSimilarity, similarityContextFor } from "./geometry-similarity";
import type { Annotation } from "./geometry-shapes";

export type AnnotationSource = { response: number; uuid: string };

export type AnnotationListConsolidation = {
  annotations: Annotation[];
  tied: boolean;
  notes: string[];
  /** For each consolidated annotation, the annotations it was built from (video tracks). */
  sources: AnnotationSource[][];
};

const similarityFor = (config: GeometryTaskConfig) => {
  const context = similarityContextFor(config.size);
  return (a: Annotation, b: Annotation) => annotationSimilarity(a, b, context);
};

/** Agreement of two annotation lists: IoU-weighted F1 (see `weightedF1`). */
export const scoreAnnotationList = (
  config: GeometryTaskConfig,
  response: readonly Annotation[],
  gold: readonly Annotation[],
): number => weightedF1(response, gold, similarityFor(config), annotationGroup);

export const annotationListAgreement = (
  config: GeometryTaskConfig,
  lists: readonly (readonly Annotation[])[],
): number => meanPairwise(lists, (a, b) => scoreAnnotationList(config, a, b));

/**
 * Picks each output's uuid from its members in response order, skipping uuids already taken, so
 * two Taskers who both named different objects "1" cannot produce a duplicate.
 */
const uniqueUuid = (candidates: readonly string[], taken: Set<string>): string => {
  const free = candidates.find((uuid) => !taken.has(uuid));
  const base = candidates[0] ?? "annotation";
  let uuid = free ?? base;
  for (let n = 2; taken.has(uuid); n += 1) uuid = `${base}-${n}`;
  taken.add(uuid);
  return uuid;
};

/**
 * Consolidates one image's (or one frame's) annotations from N responses: cluster by type, label
 * and similarity ≥ 0.5; keep clusters drawn by a strict majority of the responses; merge each
 * kept cluster's geometry (`mergeGeometry`) and vote its attributes. A cluster drawn by exactly
 * half the responses is a tie: it is dropped and reported. `where` prefixes notes ("frame 3: ").
 */
export const consolidateAnnotationLists = (
  config: GeometryTaskConfig,
  lists: readonly (readonly Annotation[])[],
  where = "",
): AnnotationListConsolidation => {
  const similarity = similarityFor(config);
  const labels = indexGeometryLabels(config.geometries);
  const total = lists.length;
  const result: AnnotationListConsolidation = {
    annotations: [],
    tied: false,
    notes: [],
    sources: [],
  };
  const taken = new Set<string>();
  let minority = 0;
  for (const cluster of clusterAcrossResponses(lists, similarity, annotationGroup)) {
    const items = cluster.members.map((member) => member.item);
    const first = items[0];
    if (first === undefined) continue;
    if (!isStrictMajority(items.length, total)) {
      if (items.length * 2 === total) {
        result.tied = true;
        result.notes.push(
          `${where}${first.type} "${first.label}" (${first.uuid}) was drawn by exactly half of the responses (${items.length} of ${total}); left out`,
        );
      } else {
        minority += 1;
      }
      continue;
    }
    const representative = medoid(items, similarity);
    const merged = mergeGeometry(items, representative, {
      integerPixels: first.type === "box" && config.geometries.box?.integer_pixels === true,
    });
    const index = labels[first.type];
    const vote = voteAttributeValues(
      items.map((item) => item.attributes),
      representative,
      config.annotation_attributes,
      {
        global: false,
        label: first.label,
        matchesLabel: (target) => index !== undefined && labelMatches(first.label, target, index),
      },
    );
    const uuid = uniqueUuid(
      items.map((item) => item.uuid),
      taken,
    );
    const { attributes: _attributes, ...geometry } = merged;
    const annotation: Annotation =
      vote.values === undefined
        ? { ...geometry, uuid }
        : { ...geometry, uuid, attributes: vote.values };
    for (const name of vote.tied) {
      result.tied = true;
      result.notes.push(
        `${where}attribute "${name}" of ${uuid} was a tie; took the representative's value`,
      );
    }
    for (const name of vote.dropped) {
      result.notes.push(
        `${where}attribute "${name}" of ${uuid} dropped: its conditions no longer hold`,
      );
    }
    result.annotations.push(annotation);
    result.sources.push(cluster.members.map((m) => ({ response: m.response, uuid: m.item.uuid })));
  }
  if (minority > 0) {
    result.notes.push(
      `${where}${minority} annotation(s) drawn by a minority of the responses were left out`,
    );
  }
  return result;
};
