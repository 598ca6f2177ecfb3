import type { SqlSession } from "@taskforge/db";

import type { CallbackDestinationState } from "@taskforge/schema";

/**
 * A delivery's destination: what the workers limit (callbacks in flight at once) and break circuits
 * on. For a URL its origin (scheme, host, port), so every path of one receiver shares them; for an
 * email callback the recipient's domain.
 */
export const destinationOf = (url: string): string => {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && url.includes("@")) {
    return `mailto:${url.slice(url.lastIndexOf("@") + 1).toLowerCase()}`;
  }
  try {
    const parsed = new URL(url);
    if (parsed.origin !== "null") return parsed.origin;
  } catch {
    // Refused when attempted (permanently); grouped under its own text meanwhile.
  }
  return url;
};

type DestinationRow = {
  key: string;
  consecutive_failures: number;
  open_until: Date | null;
  last_error: string | null;
  now: Date;
};

/** The breaker as the public shapes show it. */
export const toDestinationState = (key: string, row: DestinationRow | undefined) => {
  const openUntil = row?.open_until ?? null;
  const state: CallbackDestinationState["state"] =
    openUntil === null ? "closed" : openUntil > (row?.now ?? new Date()) ? "open" : "half_open";
  return {
    destination: key,
    state,
    consecutive_failures: row?.consecutive_failures ?? 0,
    open_until: state === "open" && openUntil ? openUntil.toISOString() : null,
    last_error: row?.last_error ?? null,
  } satisfies CallbackDestinationState;
};

/** The breaker states of these destinations (those never attempted are closed). */
export const destinationStates = async (
  sql: SqlSession,
  keys: readonly string[],
): Promise<Map<string, CallbackDestinationState>> => {
  const unique = [...new Set(keys)];
  const rows = unique.length
    ? await sql.query<DestinationRow>(
        `SELECT "key", "consecutive_failures", "open_until", "last_error", now() AS "now"
        FROM "callback_destinations" WHERE "key" = ANY($1::text[])`,
        [unique],
      )
    : [];
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return new Map(unique.map((key) => [key, toDestinationState(key, byKey.get(key))]));
};

/**
 * A person asked for these destinations' callbacks now (resend, retry, replay): an open breaker
 * turns half-open, so the next claim sends one of them as its probe instead of waiting out the
 * cooldown.
 */
export const probeDestinationsNow = async (sql: SqlSession, keys: readonly string[]) => {
  if (!keys.length) return;
  await sql.query(
    `UPDATE "callback_destinations" SET "open_until" = now(), "updated_at" = now()
    WHERE "key" = ANY($1::text[]) AND "open_until" > now()`,
    [[...new Set(keys)]],
  );
};

const LISTED_DESTINATIONS = 20;

/**
 * The destinations an organization's settings show: its default URL's and those of its pending
 * callbacks (both worlds; the most backed-up first), each with its breaker and pending count.
 */
export const organizationDestinations = async (
  sql: SqlSession,
  organizationId: string,
  defaultCallbackUrl: string | null,
) => {
  const rows = await sql.query<{ destination: string; pending: number }>(
    `SELECT "destination", count(*)::int AS "pending" FROM "callback_deliveries"
    WHERE "organization_id" = $1 AND "is_test" IN (false, true) AND "status" = 'pending'
    GROUP BY "destination" ORDER BY count(*) DESC, "destination" LIMIT $2`,
    [organizationId, LISTED_DESTINATIONS],
  );
  const pending = new Map(rows.map((row) => [row.destination, row.pending]));
  const keys = [
    ...(defaultCallbackUrl ? [destinationOf(defaultCallbackUrl)] : []),
    ...pending.keys(),
  ];
  const states = await destinationStates(sql, keys);
  return [...states.values()].map((state) => ({
    ...state,
    pending: pending.get(state.destination) ?? 0,
  }));
};
