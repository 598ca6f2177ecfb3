import {
  callOperation,
  createInnerContext,
  logger,
  operationErrorCause,
  toErrorBody,
} from "@taskforge/api";
import { hasPermission } from "@taskforge/schema";
import type { Permission } from "@taskforge/schema";
import type { Context, OperationPath, SessionUser } from "@taskforge/api";
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

/** Whether a thrown tRPC error is "not found" (a foreign or missing object): pages answer 404. */
export const isNotFound = (error: unknown): boolean =>
  typeof error === "object" && error !== null && (error as { code?: unknown }).code === "NOT_FOUND";

/**
 * The context of a route handler (downloads, streamed uploads) for the signed-in person, in the world
 * the dashboard shows. The operation it calls checks the member's roles, as tRPC does.
 */
export const routeContext = async (request: Request): Promise<Context> => {
  const user = isSameOrigin(request) ? await getSessionUser() : null;
  const { db } = await getRuntime();
  return createInnerContext({ db, user, mode: await currentMode() });
};

/**
 * Answers a route handler with an operation (the same procedures as `/v1` and tRPC), the session as
 * credential: its JSON output, or the file it returned; a failure as `{status_code, error}`.
 */
export const operationResponse = async (
  request: Request,
  operation: OperationPath,
  input: () => unknown,
): Promise<Response> => {
  try {
    const output = await callOperation(await routeContext(request), operation, () =>
      Promise.resolve().then(input),
    );
    return output instanceof Response ? output : Response.json(output);
  } catch (error) {
    return errorResponse(error);
  }
};

/** A thrown error as the REST body `{status_code, error, issues?}`; the unexpected ones are logged. */
export const errorResponse = (thrown: unknown): Response => {
  const error = operationErrorCause(thrown);
  const body = toErrorBody(error);
  if (body.status_code >= 500) logger.error({ err: error }, "request failed");
  return Response.json(body, { status: body.status_code });
};
