import Papa from "papaparse";

import { createLineSplitter, csvRecordToTask, parseJsonlLine } from "./bulk-rows";
import type { RowResult } from "./bulk-rows";

export type FileFormat = "jsonl" | "csv";

export const formatOf = (fileName: string): FileFormat =>
  /\.csv$/i.test(fileName) ? "csv" : "jsonl";

/** Lines of a file as it streams in (nothing but the current chunk is held). */
async function* fileLines(file: Blob): AsyncGenerator<string> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  const splitter = createLineSplitter();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    yield* splitter.push(value);
  }
  yield* splitter.flush();
}

const CSV_CHUNK_BYTES = 64 * 1024;

/**
 * CSV records as papaparse streams them, paused between chunks until the consumer asks for more,
 * so reading never runs ahead of sending. `line` assumes one record per line after the header.
 */
async function* csvRecords(file: File): AsyncGenerator<Record<string, string | undefined>> {
  let queue: Record<string, string | undefined>[] = [];
  let parser: Papa.Parser | null = null;
  // Set from papaparse's callbacks; an object so the checks below are not narrowed away.
  const outcome: { finished: boolean; failure: Error | null } = { finished: false, failure: null };
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  Papa.parse<Record<string, string | undefined>>(file, {
    header: true,
    skipEmptyLines: "greedy",
    chunkSize: CSV_CHUNK_BYTES,
    chunk: (results, chunkParser) => {
      parser = chunkParser;
      chunkParser.pause();
      queue = queue.concat(results.data);
      notify();
    },
    complete: () => {
      outcome.finished = true;
      notify();
    },
    error: (error) => {
      outcome.failure = error;
      notify();
    },
  });
  for (;;) {
    if (queue.length > 0) {
      const batch = queue;
      queue = [];
      yield* batch;
      continue;
    }
    if (outcome.failure) throw outcome.failure;
    if (outcome.finished) return;
    const waiting = new Promise<void>((resolve) => {
      wake = resolve;
    });
    (parser as Papa.Parser | null)?.resume();
    await waiting;
  }
}

/** Every row of the file, checked, with its 1-based line number. */
export async function* readRows(
  file: File,
  format: FileFormat,
  defaultType: string,
): AsyncGenerator<RowResult> {
  if (format === "jsonl") {
    let line = 0;
    for await (const text of fileLines(file)) {
      line += 1;
      const row = parseJsonlLine(text, line, defaultType);
      if (row) yield row;
    }
    return;
  }
  let line = 1; // the header
  for await (const record of csvRecords(file)) {
    line += 1;
    yield csvRecordToTask(record, line, defaultType);
  }
}

/** How many rows the file holds, counted in a streaming pass, for the progress bar. */
export const countRows = async (file: File, format: FileFormat): Promise<number> => {
  if (format === "jsonl") {
    let count = 0;
    for await (const text of fileLines(file)) if (text.trim() !== "") count += 1;
    return count;
  }
  return new Promise((resolve, reject) => {
    let count = 0;
    Papa.parse(file, {
      header: true,
      skipEmptyLines: "greedy",
      chunkSize: CSV_CHUNK_BYTES,
      chunk: (results) => {
        count += results.data.length;
      },
      complete: () => resolve(count),
      error: reject,
    });
  });
};
