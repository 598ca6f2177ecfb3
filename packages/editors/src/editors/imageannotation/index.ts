import { CANVAS_SHORTCUTS } from "../image-tools/tools";
import type { EditorDefinition } from "../types";
import { ImageAnnotationEditor } from "./editor";
import { initialImageValue } from "./value";

export const imageannotationEditor: EditorDefinition<"imageannotation"> = {
  Editor: ImageAnnotationEditor,
  initialValue: initialImageValue,
  shortcuts: CANVAS_SHORTCUTS,
};
