// Request body limits, checked before a body is read: a declared Content-Length over the limit is
// refused at once, and a body sent without one (chunked) is cut off as soon as it passes the limit.

import { readBodyWithin as readBytesWithin } from "@taskforge/api";

export const KIB = 1024;
export const MIB = 1024 * KIB;

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than the ${describeBytes(limitBytes)} allowed here.`);
  }
}

export const describeBytes = (bytes: number): string =>
  bytes >= MIB && bytes % MIB === 0
    ? `${bytes / MIB} MB`
    : bytes >= KIB && bytes % KIB === 0
      ? `${bytes / KIB} KB`
      : `${bytes} bytes`;

/** The REST error body of the refusal: `{ status_code: 413, error }`. */
export const tooLargeBody = (limitBytes: number) => ({
  status_code: 413,
  error: new BodyTooLargeError(limitBytes).message,
});

export const tooLargeResponse = (limitBytes: number): Response =>
  Response.json(tooLargeBody(limitBytes), { status: 413 });

/** The declared length, or null when the request has none (no body, or a chunked one). */
export const declaredLength = (value: string | null | undefined): number | null => {
  if (value === null || value === undefined || value === "") return null;
  const length = Number(value);
  return Number.isFinite(length) && length >= 0 ? length : Number.POSITIVE_INFINITY;
};

/**
 * Reads a whole body of at most `limitBytes`, throwing `BodyTooLargeError` as soon as it grows past
 * the limit (the rest is never read; the server discards it and closes the connection).
 */
export const readBodyWithin = async (
  body: ReadableStream<Uint8Array> | null,
  limitBytes: number,
): Promise<Uint8Array> => {
  const bytes = await readBytesWithin(body, limitBytes);
  if (!bytes) throw new BodyTooLargeError(limitBytes);
  return bytes;
};
