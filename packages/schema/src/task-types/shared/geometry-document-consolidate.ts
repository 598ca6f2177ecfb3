import type { ConsolidationResult } from "../definition";
import type {
  DocumentAnnotation,
  DocumentTranscriptionParams,
  DocumentTranscriptionResponse,
} from "../documenttranscription";
import {
  clusterAcrossResponses,
  isStrictMajority,
  meanPairwise,
  medoid,
  weightedF1,
} from "./geometry-matching";
import { rectIoU } from "./geometry-polygon";
import { pluralityVote } from "./geometry-votes";
import { normalizeText, textSimilarity } from "./text-distance";

/**
 * Document transcription consensus. Annotations are compared only on the same page and label,
 * matched when their boxes' IoU ≥ 0.5 (the shared greedy, complete-linkage clustering) and kept
 * when a strict majority of responses has them. A kept block's box is the mean of its edges; its
 * text is the majority of the normalized texts (case and whitespace ignored), or, without a
 * majority, the medoid by edit distance: the text closest to all the others.
 *
 * Agreement and gold score: F1 where a matched pair (IoU ≥ 0.5) earns IoU × text similarity
 * (1 − normalized edit distance), so a box in the right place with the wrong text scores little.
 */
const sameBox = (a: DocumentAnnotation["location"], b: DocumentAnnotation["location"]): boolean =>
  a.left === b.left && a.top === b.top && a.width === b.width && a.height === b.height;
const boxIoU = (a: DocumentAnnotation, b: DocumentAnnotation): number =>
  sameBox(a.location, b.location) ? 1 : rectIoU(a.location, b.location);
const groupOf = (annotation: DocumentAnnotation): string =>
  `${annotation.page}\u0000${annotation.label}`;
const credit = (a: DocumentAnnotation, b: DocumentAnnotation, iou: number): number =>
  iou * textSimilarity(a.text, b.text);

export const scoreDocumentTranscription = (
  _params: DocumentTranscriptionParams,
  response: DocumentTranscriptionResponse,
  gold: DocumentTranscriptionResponse,
): number => weightedF1(response.annotations, gold.annotations, boxIoU, groupOf, credit);

const meanOf = (values: readonly number[]): number => {
  const first = values[0] ?? 0;
  return values.every((value) => value === first)
    ? first
    : values.reduce((a, b) => a + b, 0) / values.length;
};

type Box = DocumentAnnotation["location"];

/** Mean of each edge; identical boxes come back unchanged (no right − left rounding noise). */
const meanBox = (boxes: readonly Box[]): Box => {
  const first = boxes[0];
  if (first !== undefined && boxes.every((box) => sameBox(box, first))) return first;
  const left = meanOf(boxes.map((box) => box.left));
  const top = meanOf(boxes.map((box) => box.top));
  const right = meanOf(boxes.map((box) => box.left + box.width));
  const bottom = meanOf(boxes.map((box) => box.top + box.height));
  return { type: "box", top, left, width: right - left, height: bottom - top };
};

/** Index of the member whose text wins; `tied` when the choice had to break a tie. */
const chooseText = (
  items: readonly DocumentAnnotation[],
): { index: number; tied: boolean; majority: boolean } => {
  const normalized = items.map((item) => normalizeText(item.text));
  const vote = pluralityVote(normalized);
  if (vote !== undefined && isStrictMajority(vote.count, items.length)) {
    return { index: normalized.indexOf(vote.value), tied: false, majority: true };
  }
  const similarity = (a: number, b: number) =>
    textSimilarity(items[a]?.text ?? "", items[b]?.text ?? "");
  const indices = items.map((_, i) => i);
  const index = medoid(indices, similarity);
  const score = (i: number) =>
    indices.reduce((sum, j) => (i === j ? sum : sum + similarity(i, j)), 0);
  const best = score(index);
  const tied = indices.some((i) => normalized[i] !== normalized[index] && score(i) === best);
  return { index, tied, majority: false };
};

type Kept = {
  annotation: DocumentAnnotation;
  members: { response: number; uuid: string }[];
  /** The member whose text was taken, and its response: its refs become the output's. */
  chosen: DocumentAnnotation;
  chosenResponse: number;
};

/** One kept cluster's output (uuid aside): chosen text, mean box, voted optional answers. */
const mergeBlocks = (items: readonly DocumentAnnotation[], where: string) => {
  const notes: string[] = [];
  const text = chooseText(items);
  const chosen = items[text.index] ?? items[0];
  if (chosen === undefined) throw new Error("mergeBlocks needs at least one block");
  let tied = text.tied;
  if (!text.majority) {
    notes.push(`${where}: no majority text; took "${chosen.text}", the closest to the others`);
  }
  const { refs: _refs, ...rest } = chosen;
  const annotation: DocumentAnnotation = {
    ...rest,
    location: meanBox(items.map((i) => i.location)),
  };
  // Optional answers (key, value, date…): plurality vote, ties to the chosen text's member.
  for (const field of ["key", "value", "date", "checked", "money"] as const) {
    const vote = pluralityVote(
      items.map((item) => item[field]),
      text.index,
    );
    if (vote?.tied === true) {
      tied = true;
      notes.push(`${where}: tie on ${field}`);
    }
    if (vote?.value === undefined) delete annotation[field];
    else Object.assign(annotation, { [field]: vote.value });
  }
  return { annotation, chosen, chosenIndex: text.index, tied, notes };
};

/** refs name uuids in the chosen member's response; point them at the consolidated uuids. */
const repointRefs = (kept: readonly Kept[], notes: string[]): void => {
  const renamed = new Map<string, string>();
  for (const { annotation, members } of kept) {
    for (const m of members) renamed.set(`${m.response}\u0000${m.uuid}`, annotation.uuid);
  }
  for (const entry of kept) {
    if (entry.chosen.refs === undefined) continue;
    const refs = entry.chosen.refs.flatMap((ref) => {
      const target = renamed.get(`${entry.chosenResponse}\u0000${ref}`);
      if (target === undefined) {
        notes.push(`${entry.annotation.uuid}: dropped ref "${ref}" (not kept by consensus)`);
      }
      return target === undefined || target === entry.annotation.uuid ? [] : [target];
    });
    entry.annotation.refs = [...new Set(refs)];
  }
};

export const consolidateDocumentTranscription = (
  _params: DocumentTranscriptionParams,
  responses: readonly DocumentTranscriptionResponse[],
): ConsolidationResult<DocumentTranscriptionResponse> => {
  const lists = responses.map((response) => response.annotations);
  const notes: string[] = [];
  let tied = false;
  const kept: Kept[] = [];
  const taken = new Set<string>();
  for (const cluster of clusterAcrossResponses(lists, boxIoU, groupOf)) {
    const items = cluster.members.map((member) => member.item);
    const first = items[0];
    if (first === undefined) continue;
    const where = `page ${first.page} "${first.label}"`;
    if (!isStrictMajority(items.length, responses.length)) {
      if (items.length * 2 === responses.length) {
        tied = true;
        notes.push(
          `${where} (${first.uuid}) was marked by exactly half of the responses; left out`,
        );
      }
      continue;
    }
    const merged = mergeBlocks(items, where);
    tied ||= merged.tied;
    notes.push(...merged.notes);
    // Output uuids come from the members in response order, skipping ones already taken.
    let uuid = items.map((i) => i.uuid).find((candidate) => !taken.has(candidate)) ?? first.uuid;
    for (let n = 2; taken.has(uuid); n += 1) uuid = `${first.uuid}-${n}`;
    taken.add(uuid);
    kept.push({
      annotation: { ...merged.annotation, uuid },
      members: cluster.members.map((m) => ({ response: m.response, uuid: m.item.uuid })),
      chosen: merged.chosen,
      chosenResponse: cluster.members[merged.chosenIndex]?.response ?? 0,
    });
  }
  repointRefs(kept, notes);
  return {
    response: { annotations: kept.map((entry) => entry.annotation) },
    agreement: meanPairwise(responses, (a, b) =>
      weightedF1(a.annotations, b.annotations, boxIoU, groupOf, credit),
    ),
    tied,
    notes,
  };
};
