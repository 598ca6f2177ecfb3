/**
 * Label colours: a fixed palette (readable on white and on photos) handed out in label order,
 * so the same task always draws the same label in the same colour on every page.
 */
export const PALETTE = [
  "#2563eb",
  "#dc2626",
  "#16a34a",
  "#d97706",
  "#9333ea",
  "#0891b2",
  "#db2777",
  "#65a30d",
  "#4f46e5",
  "#b45309",
] as const;

/** Maps each label to a colour; labels listed first (the params' order) get the first colours. */
export const labelColors = (labels: Iterable<string>): Map<string, string> => {
  const colors = new Map<string, string>();
  for (const label of labels) {
    if (!colors.has(label)) colors.set(label, PALETTE[colors.size % PALETTE.length] ?? "#2563eb");
  }
  return colors;
};

/** The colour of a label, or a neutral one for a label the map does not know. */
export const colorOf = (colors: ReadonlyMap<string, string>, label: string): string =>
  colors.get(label) ?? "#475569";

/** "#rrggbb" → [r, g, b]; anything else is slate grey. */
export const hexToRgb = (hex: string): [number, number, number] => {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return [71, 85, 105];
  return [
    Number.parseInt(match[1] ?? "0", 16),
    Number.parseInt(match[2] ?? "0", 16),
    Number.parseInt(match[3] ?? "0", 16),
  ];
};
