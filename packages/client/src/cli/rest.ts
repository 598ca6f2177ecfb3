import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

import { ApiErrorBodySchema } from "@taskforge/schema";
import type { ApiErrorBody } from "@taskforge/schema";

import type { Connection } from "./config";
import { transientAwareFetch } from "./retry";

// What the CLI sends to the REST API (`/v1`) rather than through tRPC: streamed bodies and files.

/** A non-2xx answer of the REST API, with Scale's error body when it sent one. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.error ?? `HTTP ${status}`);
    this.name = "ApiRequestError";
  }
}

/** The error of a non-2xx answer, from its body when that is an API error body. */
export const apiRequestErrorOf = (status: number, text: string): ApiRequestError => {
  let body: ApiErrorBody | null = null;
  try {
    body = ApiErrorBodySchema.parse(JSON.parse(text));
  } catch {
    // not an API error body: a proxy's page, say
  }
  return new ApiRequestError(status, body);
};

/** One REST call with the key; 429 and 5xx raise TransientHttpError, other failures ApiRequestError. */
export const restRequester = (connection: Connection) => {
  const fetchTransient = transientAwareFetch();
  return async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetchTransient(`${connection.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${connection.apiKey}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) {
      throw apiRequestErrorOf(response.status, await response.text().catch(() => ""));
    }
    return response;
  };
};

/**
 * Streams a download to `out` through a temporary file renamed at the end, so that an interrupted
 * download never leaves a truncated file under the final name. Resolves with the bytes written.
 */
export const saveResponseBody = async (response: Response, out: string): Promise<number> => {
  if (!response.body) throw new Error("the download answer has no body");
  const partial = `${out}.part`;
  let bytes = 0;
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  body.on("data", (chunk: Buffer) => (bytes += chunk.length));
  try {
    await pipeline(body, createWriteStream(partial));
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return bytes;
};
