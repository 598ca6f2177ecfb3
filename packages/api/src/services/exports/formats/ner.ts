import { isRecord } from "@taskforge/schema";

import { openFileSink } from "../sink";
import { NO_RESPONSE } from "./geometry";
import type { ExportWriter } from "./types";

type Span = { id: string; start: number; end: number; label: string; text: string };

const spansOf = (response: Record<string, unknown> | undefined): Span[] | null => {
  const annotations = response?.annotations;
  if (!Array.isArray(annotations)) return null;
  return annotations.filter(isRecord).flatMap((a): Span[] =>
    typeof a.start === "number" && typeof a.end === "number" && typeof a.label === "string"
      ? [
          {
            id: typeof a.id === "string" ? a.id : "",
            start: a.start,
            end: a.end,
            label: a.label,
            text: typeof a.text === "string" ? a.text : "",
          },
        ]
      : [],
  );
};

/**
 * CoNLL lines for one document: whitespace-separated tokens, each `token TAG` with BIO tags
 * (`B-label` on the first token a span touches, `I-label` on the next ones, `O` elsewhere).
 * Spaces in label names become `_` so every line has exactly two fields.
 */
export const conllLines = (text: string, spans: readonly Span[]): string[] => {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const begun = new Set<Span>();
  const lines: string[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    const start = match.index;
    const end = start + match[0].length;
    const span = sorted.find((s) => s.start < end && s.end > start);
    if (!span) {
      lines.push(`${match[0]} O`);
      continue;
    }
    const prefix = begun.has(span) ? "I" : "B";
    begun.add(span);
    lines.push(`${match[0]} ${prefix}-${span.label.replace(/\s+/g, "_")}`);
  }
  return lines;
};

/** CoNLL: one `token TAG` line per token, a blank line between documents (tasks). */
export const openConllWriter = async (path: string): Promise<ExportWriter> => {
  const sink = await openFileSink(path);
  let documents = 0;
  return {
    write: async (task) => {
      const spans = spansOf(task.response);
      const text = task.params.text;
      if (!spans || typeof text !== "string") return NO_RESPONSE;
      const lines = conllLines(text, spans);
      await sink.write(`${documents > 0 ? "\n" : ""}${lines.map((line) => `${line}\n`).join("")}`);
      documents += 1;
      return null;
    },
    finish: () => sink.close(),
    destroy: () => sink.destroy(),
  };
};

/**
 * JSON spans: an array with one `{task_id, text, spans: [{id, start, end, label, text}],
 * relationships}` per task; offsets are UTF-16 code units, end exclusive (as in the response).
 */
export const openNerJsonWriter = async (path: string): Promise<ExportWriter> => {
  const sink = await openFileSink(path);
  let documents = 0;
  await sink.write("[");
  return {
    write: async (task) => {
      const spans = spansOf(task.response);
      const text = task.params.text;
      if (!spans || typeof text !== "string") return NO_RESPONSE;
      const relationships = Array.isArray(task.response?.relationships)
        ? task.response.relationships
        : [];
      const document = { task_id: task.task_id, text, spans, relationships };
      await sink.write(`${documents > 0 ? "," : ""}\n${JSON.stringify(document)}`);
      documents += 1;
      return null;
    },
    finish: async () => {
      await sink.write("\n]\n");
      await sink.close();
    },
    destroy: () => sink.destroy(),
  };
};
