import type { ApiErrorBody } from "@taskforge/schema";

import { AppError, badRequest } from "../errors";

export const DEFAULT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** Every success is 200 with a JSON body: Scale's SDKs treat any other code as an error. */
export const jsonResponse = (
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });

export const errorResponse = (body: ApiErrorBody, headers: Record<string, string> = {}): Response =>
  jsonResponse(body, body.status_code, headers);

export const payloadTooLarge = (limit: number) =>
  new AppError(
    "payload_too_large",
    `The request body is larger than the limit of ${Math.round(limit / 1024 / 1024)} MB.`,
  );

/**
 * A whole body of at most `limit` bytes, or null as soon as it grows past it: the rest is never
 * read. The reader is released, not cancelled, since cancelling would tear the connection down
 * before the 413 goes out.
 */
export const readBodyWithin = async (
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Buffer | null> => {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
};

/**
 * The parsed JSON body, or undefined when there is none: Scale's Python SDK sends bodiless POSTs
 * with a JSON content type, and DELETE may carry a body. Bodies past `limit` bytes are refused
 * without reading them whole.
 */
export const readJsonBody = async (request: Request, limit: number): Promise<unknown> => {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw payloadTooLarge(limit);
  if (!request.body) return undefined;
  const bytes = await readBodyWithin(request.body as ReadableStream<Uint8Array>, limit);
  if (!bytes) throw payloadTooLarge(limit);
  const text = bytes.toString("utf8").trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`Malformed JSON body: ${(error as Error).message}`);
  }
};

/**
 * Query parameters as Scale's clients send them: repeated keys become arrays (`tags=a&tags=b`) and
 * empty values are absent (Ruby sends `?callback_url&start_time…` on every call).
 */
export const readQuery = (url: URL): Record<string, string | string[]> => {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    if (value === "") continue;
    const existing = query[key];
    query[key] =
      existing === undefined
        ? value
        : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
};
