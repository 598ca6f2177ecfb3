import { z } from "zod";

import { TaskIdSchema } from "./common";
import { decodeBase64Utf8, encodeBase64Utf8 } from "./encoding";

export type ListCursor = { id: string; created_at: Date };

const CursorPayloadSchema = z.object({
  id: TaskIdSchema,
  created_at: z.iso.datetime({ offset: true }),
});

/**
 * Keyset cursor for `GET /tasks`: base64 of `{"id": …, "created_at": …}` of the last task of the
 * page, the same shape as Scale's `next_token`. Clients treat it as opaque.
 */
export const encodeListCursor = (cursor: { id: string; created_at: string }): string =>
  encodeBase64Utf8(JSON.stringify({ id: cursor.id, created_at: cursor.created_at }));

/** Null for anything malformed, so callers can answer 400 instead of crashing on user input. */
export const decodeListCursor = (token: string): ListCursor | null => {
  const json = decodeBase64Utf8(token);
  if (json === null) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = CursorPayloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  const createdAt = new Date(parsed.data.created_at);
  return Number.isNaN(createdAt.getTime()) ? null : { id: parsed.data.id, created_at: createdAt };
};
