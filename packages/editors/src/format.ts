import { hexToRgb } from "./colors";

/** Seconds as `m:ss.cc` (audio timings): 0.1 → "0:00.10", 75.5 → "1:15.50". */
export const formatSeconds = (seconds: number): string => {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  const centis = Math.round(safe * 100);
  const minutes = Math.floor(centis / 6000);
  const rest = (centis % 6000) / 100;
  return `${minutes}:${rest.toFixed(2).padStart(5, "0")}`;
};

/** A scalar or list answer as text: lists joined by ", ", booleans as yes/no. */
export const formatValue = (value: unknown): string => {
  if (value === undefined || value === null) return "—";
  if (Array.isArray(value)) return value.map(formatValue).join(", ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return value.toString();
  return JSON.stringify(value) ?? "—";
};

export type Span = { id: string; start: number; end: number; label: string };
export type TextSegment<S extends Span> = { start: number; end: number; text: string; spans: S[] };

/**
 * Cuts a text at every span boundary so each piece is covered by a fixed set of spans (possibly
 * none); overlapping and nested spans both show. Offsets are UTF-16 indices, end exclusive, and
 * are clamped to the text.
 */
export const textSegments = <S extends Span>(
  text: string,
  spans: readonly S[],
): TextSegment<S>[] => {
  const clamp = (offset: number) => Math.min(text.length, Math.max(0, offset));
  const valid = spans.filter((span) => clamp(span.end) > clamp(span.start));
  const cuts = new Set<number>([0, text.length]);
  for (const span of valid) {
    cuts.add(clamp(span.start));
    cuts.add(clamp(span.end));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const segments: TextSegment<S>[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 1) {
    const start = sorted[i] ?? 0;
    const end = sorted[i + 1] ?? 0;
    segments.push({
      start,
      end,
      text: text.slice(start, end),
      spans: valid.filter((span) => clamp(span.start) <= start && clamp(span.end) >= end),
    });
  }
  return segments;
};

export type HistogramEntry = { index: number; label: string; count: number };

/** How many points/pixels carry each index, most frequent first; index 0 reads "unlabeled". */
export const indexHistogram = (
  indices: ArrayLike<number>,
  labelMap: Readonly<Record<string, string>>,
): HistogramEntry[] => {
  const counts = new Map<number, number>();
  for (let i = 0; i < indices.length; i += 1) {
    const index = indices[i] ?? 0;
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  return [...counts]
    .map(([index, count]) => ({
      index,
      count,
      label: index === 0 ? "unlabeled" : (labelMap[String(index)] ?? `index ${index}`),
    }))
    .sort((a, b) => b.count - a.count || a.index - b.index);
};

/** A share as a percentage with one decimal: 1/3 → "33.3%". */
export const percent = (part: number, total: number): string =>
  total === 0 ? "0%" : `${Math.round((part / total) * 1000) / 10}%`;

/**
 * An indexed mask as RGBA pixels for a canvas: each index in its colour at `alpha` (0..255),
 * index 0 (unlabeled) and indices without a colour transparent.
 */
export const maskToRgba = (
  indices: ArrayLike<number>,
  colorOfIndex: (index: number) => string | undefined,
  alpha = 140,
): Uint8ClampedArray<ArrayBuffer> => {
  const rgba = new Uint8ClampedArray(indices.length * 4);
  const cache = new Map<number, [number, number, number] | null>();
  for (let i = 0; i < indices.length; i += 1) {
    const index = indices[i] ?? 0;
    if (index === 0) continue;
    let rgb = cache.get(index);
    if (rgb === undefined) {
      const hex = colorOfIndex(index);
      rgb = hex === undefined ? null : hexToRgb(hex);
      cache.set(index, rgb);
    }
    if (rgb === null) continue;
    rgba.set([rgb[0], rgb[1], rgb[2], alpha], i * 4);
  }
  return rgba;
};

/** A ranking (attachment indices, best first) as each attachment's 1-based rank. */
export const rankOfAttachment = (ranking: readonly number[] | undefined): Map<number, number> =>
  new Map((ranking ?? []).map((attachment, position) => [attachment, position + 1]));
