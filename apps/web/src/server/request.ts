// Helpers that read a request's headers only, so route handlers, server components and the
// node:http entry (http/server.ts), which runs outside Next.js's request scope, share them.

/** The dashboard's live/test switch, kept in a cookie the tRPC endpoint reads too. */
export const MODE_COOKIE = "taskforge_mode";

export const modeFromCookie = (value: string | undefined): "live" | "test" =>
  value === "test" ? "test" : "live";

/** The request's cookies by name (the first of duplicates wins, as browsers send the most specific first). */
export const cookiesOf = (header: string | null | undefined): Map<string, string> => {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
};

/**
 * Whether a request comes from our own pages. Session cookies only count for those: a cross-site
 * request is answered as if nobody were signed in (API keys, which browsers never send by
 * themselves, still work).
 */
export const isSameOrigin = (request: Request): boolean => {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = request.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.get("host");
  } catch {
    return false;
  }
};
