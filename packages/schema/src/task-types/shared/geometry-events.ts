import { z } from "zod";

import { requiredFieldError } from "../../common";
import type { IssuePath, ResponseIssue } from "../issues";
import { checkAttributeValues } from "./geometry-attribute-values";
import { voteAttributeValues } from "./geometry-attribute-votes";
import type { AnnotationAttributes } from "./geometry-attributes";
import { AttributeValuesSchema } from "./geometry-attributes";
import {
  clusterAcrossResponses,
  isStrictMajority,
  meanPairwise,
  medoid,
  weightedF1,
} from "./geometry-matching";
import { distanceSimilarity } from "./geometry-similarity";

const FrameIndexSchema = z
  .int({ error: "must be a whole frame index" })
  .min(0, { error: "must not be negative" });

/**
 * A video event. The fields follow our brief (`start_frame`/`end_frame`, frame indices); Scale's
 * events file names them `start`/`end`. "event" is an instant (no end_frame), "range" spans
 * start_frame..end_frame inclusive. Attributes are the global ones (`conditions.is_global`),
 * which Scale attaches to events in video tasks.
 */
export const VideoEventSchema = z.strictObject({
  uuid: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
  label: z.string(requiredFieldError("a string")).min(1, { error: "must not be empty" }),
  type: z.enum(["event", "range"], { error: 'must be "event" or "range"' }),
  start_frame: FrameIndexSchema,
  end_frame: FrameIndexSchema.optional(),
  attributes: AttributeValuesSchema.optional(),
});
export type VideoEvent = z.output<typeof VideoEventSchema>;

export type EventConfig = {
  events_to_annotate?: readonly string[] | undefined;
  annotation_attributes?: AnnotationAttributes | undefined;
  /** Number of frames when known (frame attachments), else undefined. */
  frameCount?: number | undefined;
};

export const checkVideoEvents = (
  config: EventConfig,
  events: readonly VideoEvent[],
  path: IssuePath,
): ResponseIssue[] => {
  const issues: ResponseIssue[] = [];
  const labels = config.events_to_annotate;
  const seen = new Set<string>();
  const frameIssue = (frame: number, at: IssuePath) => {
    if (config.frameCount !== undefined && frame >= config.frameCount) {
      issues.push({
        path: at,
        message: `must be below the number of frames (${config.frameCount})`,
      });
    }
  };
  events.forEach((event, i) => {
    const at = [...path, i];
    if (seen.has(event.uuid))
      issues.push({ path: [...at, "uuid"], message: `duplicate event uuid "${event.uuid}"` });
    seen.add(event.uuid);
    if (labels === undefined || !labels.includes(event.label)) {
      issues.push({
        path: [...at, "label"],
        message:
          labels === undefined
            ? "events are not allowed: the task has no events_to_annotate"
            : `"${event.label}" is not one of events_to_annotate: ${labels.join(", ")}`,
      });
    }
    frameIssue(event.start_frame, [...at, "start_frame"]);
    if (event.type === "range") {
      if (event.end_frame === undefined) {
        issues.push({ path: [...at, "end_frame"], message: 'is required for a "range" event' });
      } else if (event.end_frame < event.start_frame) {
        issues.push({ path: [...at, "end_frame"], message: "must not be before start_frame" });
      } else {
        frameIssue(event.end_frame, [...at, "end_frame"]);
      }
    } else if (event.end_frame !== undefined && event.end_frame !== event.start_frame) {
      issues.push({
        path: [...at, "end_frame"],
        message: 'is not allowed on an instant "event"; use type "range"',
      });
    }
    issues.push(
      ...checkAttributeValues(
        config.annotation_attributes,
        event.attributes,
        { global: true, label: event.label },
        [...at, "attributes"],
      ),
    );
  });
  return issues;
};

const endOf = (event: VideoEvent): number => event.end_frame ?? event.start_frame;

/**
 * Ranges: temporal IoU of the inclusive frame intervals. Instants: 1 on the same frame, 0.5 (a
 * match) one frame apart, 0 beyond — the IoU of two single frames would never forgive an
 * off-by-one click.
 */
export const eventSimilarity = (a: VideoEvent, b: VideoEvent): number => {
  if (a.type !== b.type || a.label !== b.label) return 0;
  if (a.type === "event") return distanceSimilarity(Math.abs(a.start_frame - b.start_frame), 1);
  const intersection = Math.max(
    0,
    Math.min(endOf(a), endOf(b)) - Math.max(a.start_frame, b.start_frame) + 1,
  );
  const union = endOf(a) - a.start_frame + 1 + (endOf(b) - b.start_frame + 1) - intersection;
  return union > 0 ? intersection / union : 0;
};

const eventGroup = (event: VideoEvent): string => `${event.type}\u0000${event.label}`;

export const scoreVideoEvents = (
  response: readonly VideoEvent[],
  gold: readonly VideoEvent[],
): number => weightedF1(response, gold, eventSimilarity, eventGroup);

export const videoEventAgreement = (lists: readonly (readonly VideoEvent[])[]): number =>
  meanPairwise(lists, scoreVideoEvents);

export type EventConsolidation = { events: VideoEvent[]; tied: boolean; notes: string[] };

/** Same scheme as annotations: cluster, keep strict majorities, average frames, vote attributes. */
export const consolidateVideoEvents = (
  config: EventConfig,
  lists: readonly (readonly VideoEvent[])[],
): EventConsolidation => {
  const result: EventConsolidation = { events: [], tied: false, notes: [] };
  const taken = new Set<string>();
  for (const cluster of clusterAcrossResponses(lists, eventSimilarity, eventGroup)) {
    const items = cluster.members.map((member) => member.item);
    const first = items[0];
    if (first === undefined) continue;
    if (!isStrictMajority(items.length, lists.length)) {
      if (items.length * 2 === lists.length) {
        result.tied = true;
        result.notes.push(
          `event "${first.label}" at frame ${first.start_frame} was marked by exactly half of the responses; left out`,
        );
      }
      continue;
    }
    const representative = medoid(items, eventSimilarity);
    const start = Math.round(items.reduce((sum, e) => sum + e.start_frame, 0) / items.length);
    const end = Math.max(
      start,
      Math.round(items.reduce((sum, e) => sum + endOf(e), 0) / items.length),
    );
    const vote = voteAttributeValues(
      items.map((item) => item.attributes),
      representative,
      config.annotation_attributes,
      { global: true, label: first.label },
    );
    if (vote.tied.length > 0) {
      result.tied = true;
      result.notes.push(`event "${first.label}": tie on attribute(s) ${vote.tied.join(", ")}`);
    }
    let uuid =
      items.map((item) => item.uuid).find((candidate) => !taken.has(candidate)) ?? first.uuid;
    for (let n = 2; taken.has(uuid); n += 1) uuid = `${first.uuid}-${n}`;
    taken.add(uuid);
    const event: VideoEvent = { uuid, label: first.label, type: first.type, start_frame: start };
    if (first.type === "range") event.end_frame = end;
    if (vote.values !== undefined) event.attributes = vote.values;
    result.events.push(event);
  }
  return result;
};
