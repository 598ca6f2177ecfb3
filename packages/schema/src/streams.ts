import { z } from "zod";

/**
 * Operations whose input or output is bytes rather than JSON (bulk imports, media drops, file
 * uploads, downloads). They are called in-process by the REST facade and the web app's route
 * handlers, never over tRPC's JSON transport, so their schemas check the runtime objects.
 */

/** A request body streamed to the server; null when the request had none (the service says so). */
export const ByteStreamSchema = z
  .custom<NonNullable<Request["body"]>>((value) => value instanceof ReadableStream, {
    error: "must be the request body",
  })
  .nullable();

/** The whole HTTP request, for a multipart body the service parses itself. */
export const HttpRequestSchema = z.custom<Request>((value) => value instanceof Request, {
  error: "must be an HTTP request",
});

/** A file answered as it is (a CSV report, an export), with its own content type and headers. */
export const FileResponseSchema = z.custom<Response>((value) => value instanceof Response, {
  error: "must be an HTTP response",
});
