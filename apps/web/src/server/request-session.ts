import { loadSessionUser } from "@taskforge/api";
import type { SessionUser } from "@taskforge/api";
import { getToken } from "next-auth/jwt";

import { cookiesOf } from "./request";
import type { Runtime } from "./runtime";

const SESSION_COOKIE = "next-auth.session-token";
const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

/** Whether the request carries a next-auth session cookie at all (valid or not). */
export const hasSessionCookie = (cookieHeader: string | null | undefined): boolean =>
  !!cookieHeader &&
  (cookieHeader.includes(SESSION_COOKIE) || cookieHeader.includes(SECURE_SESSION_COOKIE));

/**
 * The signed-in person of a request, read from its next-auth session cookie (a JWT carrying only
 * the user id) without Next.js's request scope, so the node:http entry can answer tRPC calls before
 * Next.js's pipeline; the user is then loaded from the database, as `getSessionUser` does.
 */
export const sessionUserOfRequest = async (
  { db, authSecret }: Pick<Runtime, "db" | "authSecret">,
  headers: Headers,
): Promise<SessionUser | null> => {
  const cookieHeader = headers.get("cookie");
  if (!hasSessionCookie(cookieHeader)) return null;
  const cookies = cookiesOf(cookieHeader);
  const secureCookie = [...cookies.keys()].some((name) => name.startsWith(SECURE_SESSION_COOKIE));
  let userId: unknown;
  let sessionId: unknown;
  try {
    // `headers` without `authorization`: a bearer token must not be taken for a session.
    const token = await getToken({
      req: { cookies, headers: {} } as never,
      secret: authSecret,
      secureCookie,
    });
    userId = token?.sub;
    sessionId = token?.sid;
  } catch {
    return null;
  }
  return typeof userId === "string"
    ? loadSessionUser(db, userId, typeof sessionId === "string" ? sessionId : undefined)
    : null;
};
