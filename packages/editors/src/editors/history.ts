"use client";

import { useCallback, useReducer } from "react";

import type { EditorValue } from "./types";

/** Undo/redo over whole editor values: each committed change is one step. */
export type History = { past: EditorValue[]; present: EditorValue; future: EditorValue[] };

export type HistoryAction =
  | { type: "change"; value: EditorValue }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "reset"; value: EditorValue };

/** Old steps beyond this are dropped, so a long session does not grow without bound. */
export const HISTORY_LIMIT = 200;

export const historyReducer = (state: History, action: HistoryAction): History => {
  switch (action.type) {
    case "change":
      if (action.value === state.present) return state;
      return {
        past: [...state.past, state.present].slice(-HISTORY_LIMIT),
        present: action.value,
        future: [],
      };
    case "undo": {
      const previous = state.past.at(-1);
      if (!previous) return state;
      return {
        past: state.past.slice(0, -1),
        present: previous,
        future: [state.present, ...state.future],
      };
    }
    case "redo": {
      const [next, ...rest] = state.future;
      if (!next) return state;
      return { past: [...state.past, state.present], present: next, future: rest };
    }
    case "reset":
      return { past: [], present: action.value, future: [] };
  }
};

export const useHistory = (initial: () => EditorValue) => {
  const [state, dispatch] = useReducer(historyReducer, undefined, () => ({
    past: [],
    present: initial(),
    future: [],
  }));
  return {
    value: state.present,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
    change: useCallback((value: EditorValue) => dispatch({ type: "change", value }), []),
    undo: useCallback(() => dispatch({ type: "undo" }), []),
    redo: useCallback(() => dispatch({ type: "redo" }), []),
    reset: useCallback((value: EditorValue) => dispatch({ type: "reset", value }), []),
  };
};
