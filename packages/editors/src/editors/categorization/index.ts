import type { EditorDefinition } from "../types";
import { CategorizationEditor } from "./categorization-editor";

export const categorizationEditor: EditorDefinition<"categorization"> = {
  Editor: CategorizationEditor,
  // Nothing is pre-chosen: a default would be submitted by Taskers who never looked.
  initialValue: () => ({}),
  shortcuts: [{ keys: "1–9", action: "Choose the n-th category" }],
};
