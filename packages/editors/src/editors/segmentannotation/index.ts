import type { EditorDefinition } from "../types";
import { SegmentAnnotationEditor } from "./editor";
import { indicesFromValue, valueFromIndices } from "./mask-value";

export const segmentannotationEditor: EditorDefinition<"segmentannotation"> = {
  Editor: SegmentAnnotationEditor,
  // A hypothesis becomes the starting mask, renumbered to the editor's label order.
  initialValue: (params) =>
    params.hypothesis === undefined
      ? {}
      : valueFromIndices(params, indicesFromValue(params.hypothesis, params)),
  shortcuts: [
    { keys: "B / E / P / F", action: "Brush, eraser, polygon, flood fill" },
    { keys: "1–9", action: "Choose a label" },
    { keys: "[ / ]", action: "Smaller / larger brush" },
    { keys: "Enter / Escape", action: "Fill / cancel the polygon" },
  ],
};
