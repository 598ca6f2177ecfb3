"use client";

import { getTaskType, isTaskType } from "@taskforge/schema";
import type { ResponseIssue } from "@taskforge/schema";
import { useEffect } from "react";
import type { ComponentType } from "react";

import { JsonEditor } from "./json-editor";
import { EDITORS } from "./registry";
import type { EditorProps, EditorValue, Shortcut } from "./types";

/** Shortcuts every editor gets from its host. */
export const HOST_SHORTCUTS: readonly Shortcut[] = [
  { keys: "Ctrl+Z", action: "Undo" },
  { keys: "Ctrl+Shift+Z / Ctrl+Y", action: "Redo" },
];

/** Keys typed into a field belong to the field (its own undo, digits, letters). */
export const isTypingTarget = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** The shortcuts of a type's editor plus the host's, for a help overlay. */
export const shortcutsOf = (type: string): readonly Shortcut[] => [
  ...(isTaskType(type) ? EDITORS[type].shortcuts : []),
  ...HOST_SHORTCUTS,
];

/** The value a fresh assignment of this task starts from (hypothesis pre-labels and the like). */
export const initialValueOf = (type: string, params: unknown): EditorValue => {
  const definition = getTaskType(type);
  if (!definition || !isTaskType(type)) return {};
  const parsed = definition.params.safeParse(params);
  if (!parsed.success) return {};
  const initial = EDITORS[type].initialValue as (params: unknown) => EditorValue;
  return initial(parsed.data);
};

/**
 * Picks the editor of the task's type, parses its params once, and binds undo/redo keys.
 * Params that do not parse fall back to the JSON editor, never throw.
 */
export const ResponseEditor = ({
  type,
  params,
  value,
  onChange,
  issues,
  readOnly,
  onUndo,
  onRedo,
}: {
  type: string;
  params: unknown;
  value: EditorValue;
  onChange: (value: EditorValue) => void;
  issues: readonly ResponseIssue[];
  readOnly?: boolean;
  onUndo?: () => void;
  onRedo?: () => void;
}) => {
  useEffect(() => {
    if (readOnly || (!onUndo && !onRedo)) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTypingTarget(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) onUndo?.();
      else if ((key === "z" && event.shiftKey) || key === "y") onRedo?.();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [readOnly, onUndo, onRedo]);

  const definition = getTaskType(type);
  const parsed = definition?.params.safeParse(params);
  if (!definition || !isTaskType(type) || !parsed?.success) {
    return (
      <JsonEditor
        params={params as never}
        value={value}
        onChange={onChange}
        issues={issues}
        readOnly={readOnly}
      />
    );
  }
  // The registry's schemas produce exactly the params type each editor takes; lookup by string loses it.
  const Editor = EDITORS[type].Editor as ComponentType<EditorProps>;
  return (
    <Editor
      params={parsed.data as never}
      value={value}
      onChange={onChange}
      issues={issues}
      readOnly={readOnly}
    />
  );
};
