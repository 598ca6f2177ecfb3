import { Readable } from "node:stream";

import type { Database } from "@taskforge/db";

import { logger } from "../../logger";
import { filesConfig } from "./config";
import { verifyFileSignature } from "./signed-url";
import type { ByteRange } from "./storage";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const plain = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message, {
    status,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      ...headers,
    },
  });

/** One range of `Range: bytes=a-b` / `bytes=a-` / `bytes=-n`; null means the whole file. */
const rangeOf = (header: string | null, size: number): ByteRange | null | "unsatisfiable" => {
  const match = header && /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (!match[1] && !match[2])) return null; // absent, multiple or odd: whole file
  const [, from = "", to = ""] = match;
  const range = from
    ? { start: Number(from), end: to ? Math.min(Number(to), size - 1) : size - 1 }
    : { start: Math.max(0, size - Number(to)), end: size - 1 };
  return range.start > range.end || range.start >= size ? "unsatisfiable" : range;
};

/**
 * `GET /files/<id>?expires=…&signature=…` (a URL made by `signFileUrl`): streams the file with its
 * type, honouring one byte range (video seeking). No session is needed: the signature is the
 * capability. A bad or expired signature is 403; an unknown file 404.
 */
export const serveSignedFile = async (
  db: Database,
  id: string,
  request: Request,
): Promise<Response> => {
  const url = new URL(request.url);
  if (!UUID.test(id)) return plain(404, "File not found.");
  const check = await verifyFileSignature(
    db,
    id,
    url.searchParams.get("expires"),
    url.searchParams.get("signature"),
  );
  if (check === "invalid") return plain(403, "This file link is not valid.");
  if (check === "expired") return plain(403, "This file link has expired; reload the page.");
  const row = await db.prisma.file.findUnique({ where: { id } });
  if (!row) return plain(404, "File not found.");

  const size = Number(row.sizeBytes);
  const range = size > 0 ? rangeOf(request.headers.get("range"), size) : null;
  if (range === "unsatisfiable") {
    return plain(416, "Range not satisfiable.", { "content-range": `bytes */${size}` });
  }
  let body: Readable;
  try {
    body = await filesConfig().storage.open(row.storageKey, range ?? undefined);
  } catch (error) {
    logger.error({ err: error, fileId: id }, "stored file could not be opened");
    return plain(404, "File not found.");
  }
  const remaining = Math.max(0, Number(url.searchParams.get("expires")) - Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": row.mimeType,
    "content-length": String(range ? range.end - range.start + 1 : size),
    "accept-ranges": "bytes",
    "cache-control": `private, max-age=${Math.floor(remaining)}`,
    "content-disposition": `inline; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
    // Uploaded content is never run as a page of this site (an SVG or a mislabelled file).
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; img-src 'self'; media-src 'self'; sandbox",
    ...(range ? { "content-range": `bytes ${range.start}-${range.end}/${size}` } : {}),
  };
  if (request.method === "HEAD") {
    body.destroy();
    return new Response(null, { status: range ? 206 : 200, headers });
  }
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    status: range ? 206 : 200,
    headers,
  });
};
