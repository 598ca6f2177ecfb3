import { isRecord } from "@taskforge/schema";
import type { DocumentAnnotation } from "@taskforge/schema";

import type { EditorValue } from "../types";
import type { Box } from "./box-math";

/** An annotation being built: the response's shape, with answers that may still be missing. */
export type DraftAnnotation = Omit<DocumentAnnotation, "location"> & {
  location: { type: "box" } & Box;
};

/** The value's annotations (entries that are not objects are not shown and not kept). */
export const annotationsOf = (value: EditorValue): DraftAnnotation[] => {
  const annotations = value["annotations"];
  return Array.isArray(annotations)
    ? (annotations.filter(isRecord) as unknown as DraftAnnotation[])
    : [];
};

const withAnnotations = (value: EditorValue, annotations: DraftAnnotation[]): EditorValue => ({
  ...value,
  annotations,
});

/** A new uuid: the browser's where it has one (secure contexts), else 128 random bits. */
export const newUuid = (): string => {
  const crypto = globalThis.crypto as Crypto | undefined;
  if (crypto?.randomUUID) return crypto.randomUUID();
  return Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join("");
};

export const addAnnotation = (
  value: EditorValue,
  annotation: {
    uuid: string;
    page: number;
    label: string;
    box: Box;
  },
): EditorValue =>
  withAnnotations(value, [
    ...annotationsOf(value),
    {
      uuid: annotation.uuid,
      page: annotation.page,
      label: annotation.label,
      text: "",
      location: { type: "box", ...annotation.box },
    },
  ]);

/** Optional answers set to undefined are removed, so the response never carries empty keys. */
export type AnnotationPatch = {
  label?: string;
  text?: string;
  box?: Box;
  key?: string | undefined;
  value?: string | undefined;
  date?: string | undefined;
  checked?: boolean | undefined;
  money?: Record<string, unknown> | undefined;
};

const OPTIONAL_KEYS = ["key", "value", "date", "checked", "money"] as const;

export const updateAnnotation = (
  value: EditorValue,
  uuid: string,
  patch: AnnotationPatch,
): EditorValue =>
  withAnnotations(
    value,
    annotationsOf(value).map((annotation) => {
      if (annotation.uuid !== uuid) return annotation;
      const next: Record<string, unknown> = { ...annotation };
      if (patch.label !== undefined) next["label"] = patch.label;
      if (patch.text !== undefined) next["text"] = patch.text;
      if (patch.box !== undefined) next["location"] = { type: "box", ...patch.box };
      for (const key of OPTIONAL_KEYS) {
        if (!(key in patch)) continue;
        if (patch[key] === undefined) delete next[key];
        else next[key] = patch[key];
      }
      return next as DraftAnnotation;
    }),
  );

/** Removes the annotation and every reference other annotations held to it. */
export const removeAnnotation = (value: EditorValue, uuid: string): EditorValue =>
  withAnnotations(
    value,
    annotationsOf(value)
      .filter((annotation) => annotation.uuid !== uuid)
      .map((annotation) =>
        annotation.refs?.includes(uuid)
          ? { ...annotation, refs: annotation.refs.filter((ref) => ref !== uuid) }
          : annotation,
      ),
  );

/** The answers a feature's flags ask for besides the text. */
export const answerKindsOf = (
  flags: readonly string[] | undefined,
): { keyValue: boolean; date: boolean; money: boolean; checkbox: boolean } => ({
  keyValue: flags?.includes("key") === true || flags?.includes("value") === true,
  date: flags?.includes("date") === true,
  money: flags?.includes("money") === true,
  checkbox: flags?.includes("checkbox") === true,
});
