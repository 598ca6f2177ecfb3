import { z } from "zod";

/** `[first, last]`: lines of an upload that one stored chunk covers, both included. */
export type LineSpan = readonly [first: number, last: number];

/**
 * Which lines of an import are stored: all up to `throughLine`, and `spans` beyond it. Chunks are
 * stored two at a time and may commit in either order, so a later chunk can land before the one
 * ahead of it; its span waits in `spans` until the gap closes.
 */
export type StoredLines = { throughLine: number; spans: readonly LineSpan[] };

const StoredSpansSchema = z.array(z.tuple([z.int(), z.int()]));

/** The ledger as the job row keeps it (`stored_through_line`, `stored_spans` JSON). */
export const storedLinesOf = (row: { storedThroughLine: number; storedSpans: unknown }) => ({
  throughLine: row.storedThroughLine,
  spans: StoredSpansSchema.parse(row.storedSpans),
});

/** The ledger once `span` is stored too: spans that now join the unbroken run are folded into it. */
export const withStoredSpan = (stored: StoredLines, span: LineSpan): StoredLines => {
  let throughLine = stored.throughLine;
  const beyond: [number, number][] = [];
  for (const [first, last] of [...stored.spans, span].sort((a, b) => a[0] - b[0])) {
    const previous = beyond.at(-1);
    if (first <= throughLine + 1) throughLine = Math.max(throughLine, last);
    else if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else beyond.push([first, last]);
  }
  return { throughLine, spans: beyond };
};

export const isLineStored = (stored: StoredLines, line: number): boolean =>
  line <= stored.throughLine || stored.spans.some(([first, last]) => first <= line && line <= last);

/** Lines the ledger holds, for the job's `lines_read`. */
export const countStoredLines = (stored: StoredLines): number =>
  stored.spans.reduce((sum, [first, last]) => sum + last - first + 1, stored.throughLine);
