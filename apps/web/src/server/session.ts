import {
  AppError,
  createCaller,
  createInnerContext,
  logger,
  memberScopeOf,
  requirePermission,
  toErrorBody,
} from "@taskforge/api";
import { hasPermission } from "@taskforge/schema";
import type { Permission } from "@taskforge/schema";
import type { Scope, SessionUser } from "@taskforge/api";
import { cookies } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";

import { getSessionUser } from "./auth";
import { isSameOrigin, MODE_COOKIE, modeFromCookie } from "./request";
import { getRuntime } from "./runtime";

export { isSameOrigin, MODE_COOKIE, modeFromCookie };

export const currentMode = async () => modeFromCookie((await cookies()).get(MODE_COOKIE)?.value);

type Member = SessionUser & { organization: NonNullable<SessionUser["organization"]> };

/** For pages of the dashboard: a signed-in member of an organization, or a redirect. */
export const requireMember = async (): Promise<Member> => {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (!user.organization) redirect("/welcome");
  return user as Member;
};

/** For pages that change things: a member whose roles allow `permission`, or a 403 page. */
export const requireMemberWith = async (permission: Permission): Promise<Member> => {
  const member = await requireMember();
  if (!hasPermission(member.organization.roles, permission)) forbidden();
  return member;
};

/** Whether the signed-in member's roles allow `permission` (pages hide what they cannot do). */
export const memberCan = async (permission: Permission): Promise<boolean> =>
  hasPermission((await requireMember()).organization.roles, permission);

/** For admin pages: a platform admin; anyone else gets not found, as if the page did not exist. */
export const requireAdmin = async (): Promise<SessionUser> => {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (!user.roles.includes("admin")) notFound();
  return user;
};

/**
 * The tRPC router called in-process for the signed-in person, in the selected world. Server
 * components fetch through this, so pages and the browser share one set of procedures and checks.
 */
export const serverCaller = async () => {
  const { db } = await getRuntime();
  const user = await getSessionUser();
  return createCaller(createInnerContext({ db, user, mode: await currentMode() }));
};

/** Whether a thrown tRPC error is "not found" (a foreign or missing object): pages answer 404. */
export const isNotFound = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "NOT_FOUND";

/**
 * The signed-in member's scope for a route handler (downloads, streamed uploads), in the world the
 * dashboard shows, when their roles allow `permission`; throws `unauthorized` or `forbidden` otherwise.
 */
export const requestScope = async (request: Request, permission: Permission): Promise<Scope> => {
  const user = isSameOrigin(request) ? await getSessionUser() : null;
  const { db } = await getRuntime();
  const scopes = user ? memberScopeOf(db, user) : null;
  if (!scopes) throw new AppError("unauthorized", "Sign in as a member of an organization.");
  requirePermission(scopes.member.roles, permission);
  return scopes.scope(await currentMode());
};

/** A thrown error as the REST body `{status_code, error, issues?}`; the unexpected ones are logged. */
export const errorResponse = (error: unknown): Response => {
  const body = toErrorBody(error);
  if (body.status_code >= 500) logger.error({ err: error }, "request failed");
  return Response.json(body, { status: body.status_code });
};
