import { AppError, memberScopeOf, toErrorBody } from "@taskforge/api";
import type { Scope } from "@taskforge/api";

import { getSessionUser } from "~/server/auth";
import { getRuntime } from "~/server/runtime";
import { MODE_COOKIE, modeFromCookie } from "~/server/session";

/**
 * The signed-in member's scope for the dashboard's import routes, in the live/test world its cookie
 * selects. Only requests from our own pages count (the session cookie would otherwise let another
 * site create tasks in the member's name).
 */
export const sessionScope = async (request: Request): Promise<Scope> => {
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const sameOrigin = site
    ? site === "same-origin" || site === "none"
    : !origin || new URL(origin).host === request.headers.get("host");
  const user = sameOrigin ? await getSessionUser() : null;
  const { db } = await getRuntime();
  const scopes = user ? memberScopeOf(db, user) : null;
  if (!scopes) throw new AppError("unauthorized", "Sign in as a member of an organization.");
  const mode = request.headers
    .get("cookie")
    ?.split(/;\s*/)
    .find((c) => c.startsWith(`${MODE_COOKIE}=`))
    ?.slice(MODE_COOKIE.length + 1);
  return scopes.scope(modeFromCookie(mode));
};

/** Domain errors as the REST body `{status_code, error, issues?}` with their status. */
export const errorResponse = (error: unknown): Response => {
  const body = toErrorBody(error);
  return Response.json(body, { status: body.status_code });
};
