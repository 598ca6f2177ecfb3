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

// A word (letters, digits, marks, joined by inner apostrophes, hyphens or points: "don't",
// "e-mail", "3.14") or one character of punctuation or symbol.
const TOKEN = /[\p{L}\p{N}\p{M}_]+(?:['’.-][\p{L}\p{N}\p{M}_]+)*|[^\s\p{L}\p{N}\p{M}_]/gu;

type Token = { start: number; end: number };

/**
 * The document's tokens: words and punctuation apart ("1843." is "1843" and "."), each also cut
 * where a span starts or ends inside it, so that a token is wholly in a span or wholly out.
 */
export const conllTokens = (text: string, spans: readonly Span[]): Token[] => {
  const cuts = [...new Set(spans.flatMap((span) => [span.start, span.end]))].sort((a, b) => a - b);
  return [...text.matchAll(TOKEN)].flatMap((match): Token[] => {
    const tokens: Token[] = [];
    let start = match.index;
    const end = start + match[0].length;
    for (const cut of cuts) {
      if (cut <= start || cut >= end) continue;
      tokens.push({ start, end: cut });
      start = cut;
    }
    tokens.push({ start, end });
    return tokens;
  });
};

/**
 * CoNLL lines for one document: `token TAG` per token with BIO tags (`B-label` on the first token
 * of a span, `I-label` on its next ones, `O` outside every span, punctuation included).
 * Spaces in label names become `_` so every line has exactly two fields.
 */
export const conllLines = (text: string, spans: readonly Span[]): string[] => {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const begun = new Set<Span>();
  return conllTokens(text, sorted).map(({ start, end }) => {
    const token = text.slice(start, end);
    const span = sorted.find((s) => s.start <= start && s.end >= end);
    if (!span) return `${token} O`;
    const prefix = begun.has(span) ? "I" : "B";
    begun.add(span);
    return `${token} ${prefix}-${span.label.replace(/\s+/g, "_")}`;
  });
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
