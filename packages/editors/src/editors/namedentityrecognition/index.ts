import type { EditorDefinition } from "../types";
import { NamedEntityRecognitionEditor } from "./editor";

export const namedentityrecognitionEditor: EditorDefinition<"namedentityrecognition"> = {
  Editor: NamedEntityRecognitionEditor,
  // Scale's NER params carry no pre-labels, so every assignment starts from an empty text.
  initialValue: () => ({ annotations: [], relationships: [] }),
  shortcuts: [
    { keys: "Mouse drag", action: "Select text for a new span" },
    { keys: "1–9", action: "Label the selection (or relabel the selected span)" },
    { keys: "Click a span", action: "Select it" },
    { keys: "Delete / Backspace", action: "Remove the selected span" },
    { keys: "Escape", action: "Clear the selection" },
  ],
};
