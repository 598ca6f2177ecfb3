import type { EditorDefinition } from "../types";
import { ComparisonEditor } from "./comparison-editor";

export const comparisonEditor: EditorDefinition<"comparison"> = {
  Editor: ComparisonEditor,
  // A ranking always holds every output (the given order until moved); a choice starts unmade.
  initialValue: (params) =>
    params.mode === "ranking" ? { ranking: params.attachments.map((_, index) => index) } : {},
  shortcuts: [
    { keys: "1–9", action: "Choose the n-th option (choice mode)" },
    { keys: "Alt+↑ / Alt+↓", action: "Move the focused output up or down the ranking" },
  ],
};
