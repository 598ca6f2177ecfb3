import { z } from "zod";

import { TaskIdSchema } from "./common";
import { decodeBase64Utf8, encodeBase64Utf8 } from "./encoding";

/** `total`, when present, is the list's total as counted for the page that issued the cursor. */
export type ListCursor = { id: string; created_at: Date; total?: number };

const CursorPayloadSchema = z.object({
  id: TaskIdSchema,
  created_at: z.iso.datetime({ offset: true }),
  total: z.int().nonnegative().optional(),
});

/**
 * Keyset cursor for `GET /tasks`: base64 of `{"id": …, "created_at": …}` of the last task of the
 * page, the same shape as Scale's `next_token`, optionally with the `total` the server counted.
 * Clients treat it as opaque; tokens without `total` stay valid.
 */
export const encodeListCursor = (cursor: {
  id: string;
  created_at: string;
  total?: number;
}): string =>
  encodeBase64Utf8(
    JSON.stringify({
      id: cursor.id,
      created_at: cursor.created_at,
      ...(cursor.total === undefined ? {} : { total: cursor.total }),
    }),
  );

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
  if (Number.isNaN(createdAt.getTime())) return null;
  const { id, total } = parsed.data;
  return { id, created_at: createdAt, ...(total === undefined ? {} : { total }) };
};
