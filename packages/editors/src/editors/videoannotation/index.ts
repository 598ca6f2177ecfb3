import { CANVAS_SHORTCUTS } from "../image-tools/tools";
import type { EditorDefinition } from "../types";
import { VideoAnnotationEditor } from "./editor";
import { initialVideoValue } from "./frames";

export const videoannotationEditor: EditorDefinition<"videoannotation"> = {
  Editor: VideoAnnotationEditor,
  initialValue: initialVideoValue,
  shortcuts: [
    ...CANVAS_SHORTCUTS.map((shortcut) =>
      shortcut.keys === "Delete / Backspace"
        ? {
            ...shortcut,
            action: "Remove the selected track from this frame on (or the selected vertex)",
          }
        : shortcut,
    ),
    { keys: "← / →", action: "Previous / next frame" },
    { keys: "Shift+Space", action: "Play or pause" },
  ],
};
