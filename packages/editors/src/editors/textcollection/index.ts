import type { EditorDefinition } from "../types";
import { TextCollectionEditor } from "./textcollection-editor";

export const textcollectionEditor: EditorDefinition<"textcollection"> = {
  Editor: TextCollectionEditor,
  initialValue: () => ({ annotations: {} }),
  shortcuts: [],
};
