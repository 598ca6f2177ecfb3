import { z } from "zod";

/**
 * The URL schemes an attachment may use: the web, customers' buckets, and files uploaded to
 * taskforge itself (`taskforge://files/<id>`, resolved to signed URLs for the browser).
 */
export const ATTACHMENT_URL_PROTOCOL = /^(https?|s3|gs|taskforge)$/;

/**
 * Image attachments may live in customers' buckets, as Scale allows (the same rule as
 * categorization's image URLs); the worker's browser loads them through signed URLs.
 */
export const ImageUrlSchema = z.url({
  protocol: ATTACHMENT_URL_PROTOCOL,
  error: (issue) =>
    issue.input === undefined ? "is required" : "must be an http(s), s3 or gs URL",
});

/** A pixel dimension we are told by the customer (width or height of an image or frame). */
export const PixelSizeSchema = z
  .int({ error: "must be a whole number of pixels" })
  .positive({ error: "must be greater than 0" });

/** Scale's `context_attachments`: extra images shown next to the main one. */
export const ContextAttachmentsSchema = z.array(z.looseObject({ attachment: ImageUrlSchema }), {
  error: "must be an array of {attachment} objects",
});
