import type { EditorValue } from "../types";
import type { EditorDefinition } from "../types";
import { DocumentTranscriptionEditor } from "./documenttranscription-editor";

export const documenttranscriptionEditor: EditorDefinition<"documenttranscription"> = {
  Editor: DocumentTranscriptionEditor,
  // The customer's hypothesis arrives as editable boxes; the Tasker corrects rather than redraws.
  initialValue: (params): EditorValue => ({
    annotations: structuredClone(params.hypothesis?.annotations ?? []),
  }),
  shortcuts: [
    { keys: "Drag", action: "Draw a box of the chosen feature; drag a box to move it" },
    { keys: "PageUp / PageDown", action: "Previous / next page" },
    { keys: "+ / − / 0", action: "Zoom in / out / fit width" },
    { keys: "Ctrl + wheel", action: "Zoom about the pointer (the wheel pans when zoomed in)" },
    { keys: "Delete", action: "Delete the selected box" },
    { keys: "Esc", action: "Deselect" },
  ],
};
