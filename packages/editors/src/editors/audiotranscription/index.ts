import type { EditorDefinition } from "../types";
import { AudioTranscriptionEditor } from "./editor";

export const audiotranscriptionEditor: EditorDefinition<"audiotranscription"> = {
  Editor: AudioTranscriptionEditor,
  // The params carry no machine transcript to start from: the transcript starts empty.
  initialValue: () => ({ transcript: "", alignment: [] }),
  shortcuts: [
    { keys: "Space", action: "Play / pause" },
    { keys: "← / →", action: "Seek 1 s back / forward (with Shift: 5 s)" },
    { keys: "A", action: "Add a segment at the playhead" },
    { keys: "Drag on the waveform", action: "Propose a segment over that time" },
    { keys: "Drag a region's edge", action: "Move the segment's start or end" },
    { keys: "Enter", action: "Commit the field being edited" },
  ],
};
