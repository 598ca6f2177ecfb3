export { EDITORS } from "./registry";
export { historyReducer, useHistory, HISTORY_LIMIT } from "./history";
export type { History, HistoryAction } from "./history";
export { issuesUnder, relativeToResponse } from "./issues";
export { JsonEditor } from "./json-editor";
export {
  HOST_SHORTCUTS,
  initialValueOf,
  isTypingTarget,
  ResponseEditor,
  shortcutsOf,
} from "./response-editor";
export type { EditorDefinition, EditorProps, EditorValue, Shortcut } from "./types";
