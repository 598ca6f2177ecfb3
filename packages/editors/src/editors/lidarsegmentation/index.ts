import type { EditorDefinition } from "../types";
import { LidarSegmentationEditor } from "./editor";

export const lidarsegmentationEditor: EditorDefinition<"lidarsegmentation"> = {
  Editor: LidarSegmentationEditor,
  // Frames are loaded by the editor; until the first gesture the response has no labels yet.
  initialValue: () => ({}),
  shortcuts: [
    { keys: "O / L / B / X", action: "Navigate, lasso, brush, 3D box" },
    { keys: "0–9", action: "Choose a label (0: unlabeled)" },
    { keys: "U", action: "Only relabel unlabeled points" },
    { keys: "H", action: "Hide or show the chosen label" },
    { keys: "T / S / P", action: "Top, side, perspective view" },
    { keys: ", / .", action: "Previous / next frame" },
  ],
};
