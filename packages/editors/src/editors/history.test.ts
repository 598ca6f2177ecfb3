import { describe, expect, it } from "vitest";

import { HISTORY_LIMIT, historyReducer } from "./history";
import type { History } from "./history";

const start: History = { past: [], present: { n: 0 }, future: [] };
const apply = (state: History, ...values: number[]) =>
  values.reduce((s, n) => historyReducer(s, { type: "change", value: { n } }), state);

describe("editor history", () => {
  it("undoes and redoes committed changes in order", () => {
    let state = apply(start, 1, 2, 3);
    state = historyReducer(state, { type: "undo" });
    state = historyReducer(state, { type: "undo" });
    expect(state.present).toEqual({ n: 1 });
    state = historyReducer(state, { type: "redo" });
    expect(state.present).toEqual({ n: 2 });
    expect(state.future).toEqual([{ n: 3 }]);
  });

  it("drops the redo steps when a new change is made after an undo", () => {
    let state = historyReducer(apply(start, 1, 2), { type: "undo" });
    state = apply(state, 9);
    expect(state.future).toEqual([]);
    expect(historyReducer(state, { type: "redo" })).toBe(state);
    expect(historyReducer(state, { type: "undo" }).present).toEqual({ n: 1 });
  });

  it("does nothing when there is nothing to undo or redo", () => {
    expect(historyReducer(start, { type: "undo" })).toBe(start);
    expect(historyReducer(start, { type: "redo" })).toBe(start);
  });

  it("keeps at most the limit of past steps", () => {
    const values = Array.from({ length: HISTORY_LIMIT + 50 }, (_, i) => i + 1);
    const state = apply(start, ...values);
    expect(state.past).toHaveLength(HISTORY_LIMIT);
    expect(state.past[0]).toEqual({ n: 50 });
  });

  it("reset forgets the history", () => {
    const state = historyReducer(apply(start, 1, 2), { type: "reset", value: { n: 7 } });
    expect(state).toEqual({ past: [], present: { n: 7 }, future: [] });
  });
});
