// Requests whose line or headers are malformed are refused before any handler sees them: Next.js
// (its page and route matching, next-auth, server actions) answered several of them with a plain-text
// 500. The answer is the REST error body, as for any other refusal.
import type { IncomingMessage } from "node:http";

export type Refusal = { status_code: 400 | 403; error: string };

/** A `host[:port]` as a Host or X-Forwarded-Host header carries it, and nothing else. */
const isHostHeader = (value: string): boolean => {
  if (!value || /[\s/\\?#@]/.test(value)) return false;
  try {
    const url = new URL(`http://${value}`);
    return url.pathname === "/" && !url.username && !url.password;
  } catch {
    return false;
  }
};

const headerOf = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
};

/**
 * Next.js refuses a server action whose Origin is not its host (the first X-Forwarded-Host, else
 * Host) by throwing, a 500; an origin that is "null" (sandboxed frames, some redirects) or
 * unparsable is never its host.
 */
const isCrossOriginAction = (req: IncomingMessage, host: string): boolean => {
  const origin = headerOf(req, "origin");
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
};

/** Why the request cannot be answered as sent, or null when it can. */
export const malformedRequest = (req: IncomingMessage, path: string): Refusal | null => {
  try {
    decodeURIComponent(path);
  } catch {
    return { status_code: 400, error: "The request path is not correctly URL-encoded (UTF-8)." };
  }
  const host = headerOf(req, "host");
  if (host === undefined || !isHostHeader(host)) {
    return { status_code: 400, error: "The Host header is missing or is not a host name." };
  }
  // Next.js reads X-Forwarded-Host whether a proxy is trusted or not (server actions, next-auth).
  const forwardedHost = headerOf(req, "x-forwarded-host");
  const forwardedHosts = forwardedHost?.split(",").map((h) => h.trim());
  if (forwardedHosts && !forwardedHosts.every(isHostHeader)) {
    return { status_code: 400, error: "The X-Forwarded-Host header is not a host name." };
  }
  if (req.method === "POST" && req.headers["next-action"] !== undefined) {
    if (isCrossOriginAction(req, forwardedHosts?.[0] || host)) {
      return {
        status_code: 403,
        error: "A page action must come from this site's own pages (its Origin does not match).",
      };
    }
  }
  return null;
};
