import type { GeometryTaskConfig } from "./geometry-check";
import {
  annotationListAgreement,
  consolidateAnnotationLists,
  scoreAnnotationList,
} from "./geometry-consolidate";
import type { AnnotationListConsolidation } from "./geometry-consolidate";
import { isStrictMajority } from "./geometry-matching";
import type { Annotation } from "./geometry-shapes";

export type VideoFrame = { frame: number; annotations: Annotation[] };

const framesOf = (responses: readonly (readonly VideoFrame[])[]): number[] =>
  [...new Set(responses.flatMap((frames) => frames.map((frame) => frame.frame)))].sort(
    (a, b) => a - b,
  );

const annotationsAt = (frames: readonly VideoFrame[], index: number): Annotation[] =>
  frames.find((frame) => frame.frame === index)?.annotations ?? [];

/** Union-find over "response ␀ uuid" keys: one component per consolidated track. */
class Tracks {
  private readonly parent = new Map<string, string>();
  find(key: string): string {
    let root = key;
    while (this.parent.has(root) && this.parent.get(root) !== root)
      root = this.parent.get(root) ?? root;
    this.parent.set(key, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller key becomes the root, so the result does not depend on processing order.
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

const trackKey = (response: number, uuid: string): string =>
  `${String(response).padStart(6, "0")}\u0000${uuid}`;

export type FramesConsolidation = {
  frames: VideoFrame[];
  /** Mean over frames of the per-frame agreement. */
  agreement: number;
  /** Per-frame agreements, in `frames` order, for callers combining them with events. */
  frameAgreements: number[];
  tied: boolean;
  notes: string[];
};

/**
 * Frame by frame image consolidation, then track ids: the same object is drawn with one uuid
 * per Tasker across frames, so every frame's clusters link those (response, uuid) pairs into
 * tracks. Each track is named after the uuid of its lowest response (ties: smallest uuid), so
 * the id is the same in every frame whichever Taskers drew it there. A name already used by
 * another track, or a second cluster of one track in a frame, gets a "-2", "-3"… suffix.
 * A frame is output when it has annotations or a strict majority of responses listed it.
 */
export const consolidateFrames = (
  config: GeometryTaskConfig,
  responses: readonly (readonly VideoFrame[])[],
): FramesConsolidation => {
  const perFrame: { frame: number; result: AnnotationListConsolidation; listed: number }[] = [];
  const tracks = new Tracks();
  const frameAgreements: number[] = [];
  for (const frame of framesOf(responses)) {
    const lists = responses.map((frames) => annotationsAt(frames, frame));
    const result = consolidateAnnotationLists(config, lists, `frame ${frame}: `);
    for (const sources of result.sources) {
      const [first, ...rest] = sources.map((source) => trackKey(source.response, source.uuid));
      for (const key of rest) if (first !== undefined) tracks.union(first, key);
    }
    const listed = responses.filter((frames) => frames.some((f) => f.frame === frame)).length;
    perFrame.push({ frame, result, listed });
    frameAgreements.push(annotationListAgreement(config, lists));
  }

  const names = new Map<string, string>();
  const used = new Set<string>();
  const nameOf = (root: string, annotation: Annotation, variant = ""): string => {
    // Type and label are part of the identity: a uuid keeps its label across frames.
    const identity = `${root}\u0000${annotation.type}\u0000${annotation.label}\u0000${variant}`;
    let name = names.get(identity);
    if (name === undefined) {
      const base = root.slice(root.indexOf("\u0000") + 1);
      name = base;
      for (let n = 2; used.has(name); n += 1) name = `${base}-${n}`;
      used.add(name);
      names.set(identity, name);
    }
    return name;
  };

  const output: FramesConsolidation = {
    frames: [],
    agreement: 1,
    frameAgreements: [],
    tied: false,
    notes: [],
  };
  perFrame.forEach(({ frame, result, listed }, i) => {
    const inFrame = new Set<string>();
    const annotations = result.annotations.map((annotation, j) => {
      const source = result.sources[j]?.[0];
      const root =
        source === undefined
          ? trackKey(0, annotation.uuid)
          : tracks.find(trackKey(source.response, source.uuid));
      let uuid = nameOf(root, annotation);
      if (inFrame.has(uuid)) {
        uuid = nameOf(root, annotation, `split ${frame}/${j}`);
        output.notes.push(
          `frame ${frame}: track ${annotation.uuid} split in two; the second part is ${uuid}`,
        );
      }
      inFrame.add(uuid);
      return { ...annotation, uuid };
    });
    output.tied ||= result.tied;
    output.notes.push(...result.notes);
    if (annotations.length > 0 || isStrictMajority(listed, responses.length)) {
      output.frames.push({ frame, annotations });
    }
    output.frameAgreements.push(frameAgreements[i] ?? 1);
  });
  const agreements = output.frameAgreements;
  output.agreement =
    agreements.length === 0 ? 1 : agreements.reduce((a, b) => a + b, 0) / agreements.length;
  return output;
};

/** Per-frame gold scores over the frames either side has, for averaging with events. */
export const scoreFrames = (
  config: GeometryTaskConfig,
  response: readonly VideoFrame[],
  gold: readonly VideoFrame[],
): number[] =>
  framesOf([response, gold]).map((frame) =>
    scoreAnnotationList(config, annotationsAt(response, frame), annotationsAt(gold, frame)),
  );
