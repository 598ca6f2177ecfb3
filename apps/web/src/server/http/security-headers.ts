// Security headers on every answer of the server. Pages get a Content-Security-Policy whose scripts
// must carry a nonce made for this request: Next.js reads the nonce from the policy it finds on the
// request (`content-security-policy`) and puts it on every script it renders, inline ones included.
// The API answers JSON only, so its policy allows nothing at all.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

const COMMON = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
};

const API_POLICY =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The policy of a page. Scripts: only those with this request's nonce, and what they load
 * ('strict-dynamic'). Styles allow inline ones: React renders `style` attributes, which no nonce
 * can cover. Task media (images, video, audio, point clouds) may come from any http(s) URL a
 * customer gave as an attachment, so images, media and fetches may reach any http(s) origin.
 */
export const pagePolicy = (nonce: string) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: http: https:",
    "media-src 'self' data: blob: http: https:",
    "connect-src 'self' http: https:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

const setAll = (res: ServerResponse, headers: Record<string, string>) => {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
};

/** For answers the server gives itself (REST, tRPC, health, refusals): no content may run. */
export const setApiSecurityHeaders = (res: ServerResponse) =>
  setAll(res, { ...COMMON, "content-security-policy": API_POLICY });

/**
 * For everything Next.js answers (pages, assets, sign-in, downloads): a fresh nonce, handed to
 * Next.js on the request (replacing any policy a client sent) and sent as the answer's policy.
 */
export const setPageSecurityHeaders = (req: IncomingMessage, res: ServerResponse) => {
  const policy = pagePolicy(randomBytes(16).toString("base64"));
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"];
  setAll(res, { ...COMMON, "content-security-policy": policy });
};
