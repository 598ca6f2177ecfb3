import { isRecord } from "@taskforge/schema";
import type { NerAnnotation, NerRelationship } from "@taskforge/schema";

import type { EditorValue } from "../types";

export type NerValue = { annotations: NerAnnotation[]; relationships: NerRelationship[] };

const isAnnotation = (value: unknown): value is NerAnnotation =>
  isRecord(value) &&
  typeof value.id === "string" &&
  typeof value.start === "number" &&
  typeof value.end === "number" &&
  typeof value.text === "string" &&
  typeof value.label === "string";

const isRelationship = (value: unknown): value is NerRelationship =>
  isRecord(value) &&
  typeof value.id === "string" &&
  typeof value.source_ref === "string" &&
  typeof value.target_ref === "string";

/**
 * The editor's view of a value that may be an incomplete draft or hand-edited JSON: entries
 * that are not entities or relationships are left out of the view (and so out of the next
 * change), never crash the editor.
 */
export const readNerValue = (value: EditorValue): NerValue => ({
  annotations: Array.isArray(value.annotations) ? value.annotations.filter(isAnnotation) : [],
  relationships: Array.isArray(value.relationships)
    ? value.relationships.filter(isRelationship)
    : [],
});
