/**
 * Timestamps as "2025-01-31 14:05 UTC": the same text on the server and in the browser (no locale or
 * time zone), so server-rendered and client-rendered pages agree.
 */
export const formatTime = (iso: string | null | undefined, empty = "—"): string =>
  iso ? `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC` : empty;

/** A duration in seconds as its two largest units: "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h". */
export const formatAge = (seconds: number | null | undefined, empty = "—"): string => {
  if (seconds === null || seconds === undefined) return empty;
  const units: [string, number][] = [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
    ["s", 1],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(seconds));
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || (parts.length === 0 && size === 1)) parts.push(`${count} ${name}`);
    if (parts.length === 2) break;
  }
  return parts.join(" ");
};
