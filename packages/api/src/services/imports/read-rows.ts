import { once } from "node:events";

import {
  createLineSplitter,
  taskInputFromCsvRecord,
  taskInputFromJsonLine,
} from "@taskforge/schema";
import type { ImportFormat, RowOutcome } from "@taskforge/schema";
import Papa from "papaparse";

import { findUnstorableText } from "../../storable-text";

/** One row of an upload with its 1-based line number (CSV: the header is line 1). */
export type ImportRow = { line: number } & RowOutcome;

export type ReadRowsOptions = {
  /** The type of rows that name none. */
  defaultType?: string | undefined;
  /** The line number of the body's first line (a resumed JSONL upload starts mid-file). */
  firstLine?: number;
  /** Lines stored by an earlier upload of the job: passed over unread. */
  skipLine?: (line: number) => boolean;
};

const noLine = () => false;

/** Counts the bytes going through, so the job can show how much of the upload has been read. */
export const countingBytes = (onBytes: (total: number) => void) => {
  let total = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      total += chunk.byteLength;
      onBytes(total);
      controller.enqueue(chunk);
    },
  });
};

/**
 * JSONL rows as the text arrives. A generator reads the next chunk only when asked, so nothing is
 * read ahead of what the caller has consumed beyond the current network chunk.
 */
async function* jsonlRows(text: ReadableStream<string>, options: ReadRowsOptions) {
  const reader = text.getReader();
  const splitter = createLineSplitter();
  const skipLine = options.skipLine ?? noLine;
  let line = (options.firstLine ?? 1) - 1;
  const rowsOf = function* (lines: string[]): Generator<ImportRow> {
    for (const part of lines) {
      line += 1;
      if (skipLine(line)) continue;
      const outcome = taskInputFromJsonLine(part, options.defaultType);
      if (outcome) yield { line, ...outcome };
    }
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* rowsOf(splitter.push(value));
    }
    yield* rowsOf(splitter.flush());
  } finally {
    reader.releaseLock();
  }
}

/**
 * CSV rows through papaparse's Node stream mode (a Duplex in object mode): reading the upload stops
 * while the parsed rows wait, so memory stays at a chunk whatever the file size. Line numbers
 * count one record per line after the header (a quoted cell spanning lines shifts them).
 */
async function* csvRows(text: ReadableStream<string>, options: ReadRowsOptions) {
  const skipLine = options.skipLine ?? noLine;
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {
    header: true,
    skipEmptyLines: "greedy",
  });
  // Fed by hand rather than piped: `write` returning false (the parsed rows are not consumed yet)
  // stops reading the upload until "drain".
  const feeding = (async () => {
    const reader = text.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (parser.destroyed) break;
        if (!parser.write(value)) {
          await Promise.race([once(parser, "drain"), once(parser, "close")]);
        }
      }
      if (!parser.destroyed) parser.end();
    } catch (error) {
      // An aborted upload ends the parse with the same error.
      parser.destroy(error as Error);
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  })();
  let line = 1;
  try {
    for await (const record of parser as AsyncIterable<Record<string, string | undefined>>) {
      line += 1;
      if (skipLine(line)) continue;
      if ("__parsed_extra" in record) {
        yield {
          line,
          ok: false,
          problems: [{ path: "", message: "has more cells than the header has columns" }],
        } satisfies ImportRow;
        continue;
      }
      yield { line, ...taskInputFromCsvRecord(record, options.defaultType) } satisfies ImportRow;
    }
  } finally {
    // Stopped early (the consumer failed): stop the feeder too.
    parser.destroy();
    await feeding;
  }
}

/**
 * A row the database can store: an input holding text it cannot (NUL, unpaired surrogates,
 * `__proto__` keys) fails on its own with the field named, as the same body would through
 * `POST /v1/task`, rather than failing its whole chunk. A problem message quoting such text from
 * the line (a JSON parse error does) gets a replacement character instead.
 */
const storableRow = (row: ImportRow): ImportRow => {
  if (!row.ok) {
    const problems = row.problems.map((p) => ({
      path: p.path.replaceAll("\u0000", "\uFFFD"),
      message: p.message.replaceAll("\u0000", "\uFFFD"),
    }));
    return { line: row.line, ok: false, problems };
  }
  const found = findUnstorableText(row.input);
  if (!found) return row;
  const path = found.path.join(".").replaceAll("\u0000", "\uFFFD");
  return { line: row.line, ok: false, problems: [{ path, message: found.message }] };
};

async function* storableRows(rows: AsyncGenerator<ImportRow>) {
  for await (const row of rows) yield storableRow(row);
}

/** The rows of an upload (raw bytes), decoded as UTF-8, in order. */
export const readImportRows = (
  body: ReadableStream<Uint8Array>,
  format: ImportFormat,
  options: ReadRowsOptions = {},
): AsyncGenerator<ImportRow> => {
  const decoder = new TextDecoder();
  const text = body.pipeThrough(
    new TransformStream<Uint8Array, string>({
      transform(chunk, controller) {
        const decoded = decoder.decode(chunk, { stream: true });
        if (decoded) controller.enqueue(decoded);
      },
      flush(controller) {
        const rest = decoder.decode();
        if (rest) controller.enqueue(rest);
      },
    }),
  );
  return storableRows(format === "csv" ? csvRows(text, options) : jsonlRows(text, options));
};
