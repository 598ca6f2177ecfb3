import { describe, expect, it } from "vitest";

import { countStoredLines, isLineStored, withStoredSpan } from "./stored-lines";
import type { StoredLines } from "./stored-lines";

const none: StoredLines = { throughLine: 0, spans: [] };

describe("stored lines of an import", () => {
  it("extends the unbroken run with chunks stored in order", () => {
    const stored = withStoredSpan(withStoredSpan(none, [1, 100]), [101, 200]);
    expect(stored).toEqual({ throughLine: 200, spans: [] });
    expect(countStoredLines(stored)).toBe(200);
  });

  it("keeps a chunk that committed before the one ahead of it aside until the gap closes", () => {
    const early = withStoredSpan(withStoredSpan(none, [1, 100]), [201, 300]);
    expect(early).toEqual({ throughLine: 100, spans: [[201, 300]] });
    expect(countStoredLines(early)).toBe(200);
    expect([100, 150, 201, 300, 301].map((line) => isLineStored(early, line))).toEqual([
      true,
      false,
      true,
      true,
      false,
    ]);
    expect(withStoredSpan(early, [101, 200])).toEqual({ throughLine: 300, spans: [] });
  });

  it("merges spans that touch or overlap, beyond the run and into it", () => {
    const apart = withStoredSpan(withStoredSpan(none, [11, 20]), [21, 30]);
    expect(apart).toEqual({ throughLine: 0, spans: [[11, 30]] });
    expect(countStoredLines(apart)).toBe(20);
    // A resumed upload may send lines again that are stored already: its chunk overlaps the run.
    expect(withStoredSpan({ throughLine: 50, spans: [] }, [40, 60])).toEqual({
      throughLine: 60,
      spans: [],
    });
    expect(withStoredSpan({ throughLine: 5, spans: [[11, 30]] }, [1, 12])).toEqual({
      throughLine: 30,
      spans: [],
    });
  });
});
