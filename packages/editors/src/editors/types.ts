import type { ResponseIssue, TaskParams, TaskType } from "@taskforge/schema";
import type { ComponentType } from "react";

/**
 * The state an editor edits: a response in the making. It is JSON (it is autosaved as the
 * assignment's draft and restored after a reload) and may be incomplete until submitted.
 */
export type EditorValue = Record<string, unknown>;

/** One keyboard shortcut, as the workspace's help overlay lists it. */
export type Shortcut = { keys: string; action: string };

export type EditorProps<T extends TaskType = TaskType> = {
  /** The task's params, parsed by the registry's schema (attachment URLs already fetchable). */
  params: TaskParams<T>;
  value: EditorValue;
  /**
   * Reports a committed change (a finished drag, a chosen label, a typed character): each call is
   * one undo step, so editors keep in-progress gestures (a drag under way) in local state.
   */
  onChange: (value: EditorValue) => void;
  /**
   * Problems of the last check, in the browser or on the server, with paths relative to the
   * response (`["annotations", 3, "width"]`); the editor shows each on the offending shape or field.
   */
  issues: readonly ResponseIssue[];
  /** Shows the value without letting it change (review page before "Fix"). */
  readOnly?: boolean | undefined;
};

export type EditorDefinition<T extends TaskType = TaskType> = {
  Editor: ComponentType<EditorProps<T>>;
  /** The value a fresh assignment starts from (e.g. hypothesis pre-labels as editable annotations). */
  initialValue: (params: TaskParams<T>) => EditorValue;
  /** The editor's own shortcuts; the host adds undo/redo, submit and help. */
  shortcuts: readonly Shortcut[];
};
