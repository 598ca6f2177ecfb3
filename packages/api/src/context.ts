import type { Database } from "@taskforge/db";

import { apiKeyFromAuthorization, findApiKey } from "./api-keys";
import type { AuthenticatedKey } from "./api-keys";
import type { RateLimitConfig } from "./services/rate-limit";
import type { SessionUser } from "./services/accounts/session-user";

/** What a procedure knows about its request, independent of HTTP (tests build it directly). */
export type Context = {
  db: Database;
  /** The API key the request authenticated with, or null. */
  caller: AuthenticatedKey | null;
  /** True when credentials were sent, so a wrong key can be told apart from a missing one. */
  sentCredentials: boolean;
  idempotencyKey: string | undefined;
  /** The signed-in person (members, Taskers, reviewers, admins); set from the web session. */
  user: SessionUser | null;
  /** Which world a signed-in member works in (API keys carry their own). */
  mode: "live" | "test";
  /** Per-key request limit; absent means unlimited (tests, server-side calls). */
  rateLimit?: RateLimitConfig | undefined;
};

export const createInnerContext = (
  opts: Partial<Omit<Context, "db">> & { db: Database },
): Context => ({
  caller: null,
  user: null,
  mode: "live",
  sentCredentials: opts.caller != null,
  idempotencyKey: undefined,
  ...opts,
});

/** Sent by the dashboard to switch a signed-in member between live and test data. */
export const MODE_HEADER = "x-taskforge-mode";

/**
 * Builds the context from request headers alone, so the Next.js route, server components, the REST
 * facade and tests share it. Accepts `Authorization: Basic base64(key:)` and `Bearer key`.
 */
export const createContext = async ({
  headers,
  db,
  rateLimit,
  user = null,
}: {
  headers: Headers;
  db: Database;
  rateLimit?: RateLimitConfig | undefined;
  user?: SessionUser | null;
}): Promise<Context> => {
  const key = apiKeyFromAuthorization(headers.get("authorization"));
  return createInnerContext({
    db,
    caller: key ? await findApiKey(db.prisma, key) : null,
    sentCredentials: key !== null,
    idempotencyKey: headers.get("idempotency-key") ?? undefined,
    rateLimit,
    user,
    mode: headers.get(MODE_HEADER) === "test" ? "test" : "live",
  });
};
