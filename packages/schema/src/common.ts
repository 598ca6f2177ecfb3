import { z } from "zod";

import { utf8ByteLength } from "./encoding";
import { storableJsonRecord } from "./storable-json";

export const TASK_ID_PATTERN = /^[0-9a-f]{24}$/;
export const TaskIdSchema = z
  .string()
  .regex(TASK_ID_PATTERN, { error: "must be a 24-character lowercase hex task id" });

/** Wire timestamps are always produced by `Date#toISOString()`: UTC, milliseconds, `Z`. */
export const TimestampSchema = z.iso.datetime({
  precision: 3,
  error: "must be an ISO-8601 UTC timestamp with milliseconds, like 2016-06-23T09:09:34.752Z",
});

export const MAX_TAGS_PER_TASK = 5;
export const TagSchema = z
  .string()
  .min(1, { error: "must not be empty" })
  .max(100, { error: "must be at most 100 characters" });
export const TagsSchema = z
  .array(TagSchema)
  .max(MAX_TAGS_PER_TASK, { error: `a task can have at most ${MAX_TAGS_PER_TASK} tags` });

// Add/remove take a list of changes rather than the final set, so the 5-tag limit can only be
// checked by the server against the tags the task ends up with.
export const TagListInputSchema = z
  .array(TagSchema)
  .min(1, { error: "must contain at least one tag" })
  .max(100, { error: "must contain at most 100 tags" });

export const METADATA_MAX_BYTES = 10 * 1024;

const jsonByteLength = (value: unknown): number => {
  try {
    return utf8ByteLength(JSON.stringify(value));
  } catch {
    // Circular structures and BigInts cannot be stored as JSON at all.
    return Number.POSITIVE_INFINITY;
  }
};

export const MetadataSchema = storableJsonRecord().refine(
  (metadata) => jsonByteLength(metadata) <= METADATA_MAX_BYTES,
  {
    error: `must be at most 10 KB (${METADATA_MAX_BYTES} bytes) when serialized as JSON`,
  },
);

export const UniqueIdSchema = z
  .string()
  .min(1, { error: "must not be empty" })
  .max(255, { error: "must be at most 255 characters" });

const HttpUrlSchema = z.url({ protocol: /^https?$/ });

// Scale lets callback_url be an email address, to be notified by mail instead of a POST.
export const CallbackUrlSchema = z
  .string()
  .max(2048, { error: "must be at most 2048 characters" })
  .pipe(
    z.union([HttpUrlSchema, z.email()], {
      error: "must be an http(s) URL or an email address",
    }),
  );

export const PrioritySchema = z
  .int({ error: "must be an integer" })
  .min(-100_000, { error: "must be at least -100000" })
  .max(100_000, { error: "must be at most 100000" });

export const INSTRUCTION_MAX_BYTES = 100 * 1024;
export const InstructionSchema = z
  .string()
  .refine((instruction) => utf8ByteLength(instruction) <= INSTRUCTION_MAX_BYTES, {
    error: `must be at most 100 KB (${INSTRUCTION_MAX_BYTES} bytes)`,
  });

/** Project and batch names, which also appear URL-encoded in REST paths. */
export const NameSchema = z
  .string()
  .min(1, { error: "must not be empty" })
  .max(255, { error: "must be at most 255 characters" })
  // URLs resolve `.` and `..` segments away, so /v1/projects/.. could never reach such a name.
  .refine((name) => name !== "." && name !== "..", { error: 'must not be "." or ".."' });

/**
 * Error option for a field whose absence deserves a plainer message than zod's
 * "expected string, received undefined".
 */
export const requiredFieldError = (expected: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? "is required" : `must be ${expected}`,
});

/** The id of the row a call just made (an organization, a work grant). */
export const CreatedIdSchema = z.object({ id: z.string() });

/** The output of a call that answers nothing (`undefined`). */
export const NoOutputSchema = z.void();
