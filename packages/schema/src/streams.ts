import { z } from "zod";

import { StartImportInputSchema } from "./imports";
import { MediaUploadInputSchema } from "./media";

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

const withBody = z.object({ body: ByteStreamSchema });

/** A bulk import: how to read the body (the query of `POST /v1/imports`) and the body itself. */
export const StartImportRequestSchema = z.intersection(StartImportInputSchema, withBody);

/** A media drop onto a project: the file's name and the file (or a zip of files) itself. */
export const MediaUploadRequestSchema = MediaUploadInputSchema.extend(withBody.shape);

/** `POST /v1/files/upload`: a multipart request whose `file` part is the file. */
export const FileUploadRequestSchema = z.object({ request: HttpRequestSchema });
