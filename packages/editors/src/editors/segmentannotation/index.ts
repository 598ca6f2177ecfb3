import { jsonEditorFor } from "../json-editor";

// Replaced by the visual editor of this type.
export const segmentannotationEditor = jsonEditorFor<"segmentannotation">();
