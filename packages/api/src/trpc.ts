/**
 * tRPC initialisation: the context type, error mapping and the base procedures. Procedures are built
 * from the exported builders only, each declaring who may call it; the `t` object is not exported.
 * @see https://trpc.io/docs/server/procedures
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { ErrorCode, Permission } from "@taskforge/schema";
import { ZodError } from "zod";

import type { Context } from "./context";
import { AppError, DATABASE_UNAVAILABLE_BODY, fromZodError, isDatabaseUnavailable } from "./errors";
import { memberScopeOf, requirePermission, scopeOf } from "./scope";
import { assertStorableText } from "./storable-text";
import { takeRateLimitToken } from "./services/rate-limit";
import type { Scope } from "./scope";

// 1. ERRORS -------------------------------------------------------------------------------------

const TRPC_CODE: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  bad_request: "BAD_REQUEST",
  unauthorized: "UNAUTHORIZED",
  not_enabled: "PAYMENT_REQUIRED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  payload_too_large: "PAYLOAD_TOO_LARGE",
  unprocessable: "UNPROCESSABLE_CONTENT",
  rate_limited: "TOO_MANY_REQUESTS",
  internal: "INTERNAL_SERVER_ERROR",
};

/** The REST-shaped body of any tRPC error; clients read `data.apiError` for the message and field paths. */
const apiErrorOf = (error: TRPCError, httpStatus: number) => {
  if (error.cause instanceof AppError) return error.cause.toBody();
  if (error.cause instanceof ZodError) return fromZodError(error.cause).toBody();
  if (error.code === "SERVICE_UNAVAILABLE") return DATABASE_UNAVAILABLE_BODY;
  const message = error.code === "INTERNAL_SERVER_ERROR" ? "Internal server error." : error.message;
  return { status_code: httpStatus, error: message };
};

// 2. INITIALISATION -----------------------------------------------------------------------------

/**
 * Who may call a procedure. Every procedure declares one (a test fails on one that does not):
 * a permission of the organization's roles, or one of the rules outside organizations.
 */
export type Access = Permission | "public" | "signed_in" | "worker" | "platform_admin";
export type ProcedureMeta = { access?: Access };

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter: ({ shape, error }) => {
      const apiError = apiErrorOf(error, shape.data.httpStatus);
      return { ...shape, message: apiError.error, data: { ...shape.data, apiError } };
    },
  });

/**
 * Turns domain errors, and input that failed its zod schema, into tRPC errors with the matching code
 * and a message naming the field paths; anything else stays a 500.
 */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const { cause, code } = result.error;
  // A ZodError is bad input only when the input parser threw it; from the output parser (code
  // INTERNAL_SERVER_ERROR) it means the procedure broke its own contract, which stays a 500.
  const appError =
    cause instanceof AppError
      ? cause
      : cause instanceof ZodError && code === "BAD_REQUEST"
        ? fromZodError(cause)
        : null;
  if (appError)
    throw new TRPCError({
      code: TRPC_CODE[appError.code],
      message: appError.message,
      cause: appError,
    });
  if (isDatabaseUnavailable(cause))
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: DATABASE_UNAVAILABLE_BODY.error,
      cause,
    });
  return result;
});

// 3. ROUTERS AND PROCEDURES ---------------------------------------------------------------------

/** @see https://trpc.io/docs/server/routers */
export const createTRPCRouter = t.router;

/** @see https://trpc.io/docs/server/server-side-calls */
export const createCallerFactory = t.createCallerFactory;

/** Text the database cannot store is refused before any input schema or service sees it. */
const refuseUnstorableText = t.middleware(async ({ getRawInput, next }) => {
  assertStorableText(await getRawInput());
  return next();
});

// Credentials are checked before the input is read, so a caller without them learns nothing about
// its input and the REST facade reads no body for them (it hands the body over lazily).
const baseProcedure = t.procedure.use(mapAppErrors);

/** Anyone, signed in or not (sign-up, invitation look-up). */
export const publicProcedure = baseProcedure.use(refuseUnstorableText).meta({ access: "public" });

/** The permission a procedure declared; a procedure that declared none is refused (fail closed). */
const declaredPermission = (meta: ProcedureMeta | undefined): Permission => {
  const access = meta?.access;
  if (
    !access ||
    access === "public" ||
    access === "signed_in" ||
    access === "worker" ||
    access === "platform_admin"
  )
    throw new Error(`A procedure of the organization declares no permission (access: ${access}).`);
  return access;
};

const noOrganization = () =>
  new AppError(
    "forbidden",
    "Your account belongs to no organization: create one or accept an invitation first.",
  );

/**
 * Requires an API key or a signed-in member, and puts their organization into `ctx.scope`; every
 * service called from here is confined to that organization and world (live or test). An API key wins
 * when both are present, as the more specific credential.
 */
const orgProcedure = baseProcedure
  .use(async ({ ctx, meta, next }) => {
    const permission = declaredPermission(meta);
    if (ctx.caller) {
      if (ctx.rateLimit) await takeRateLimitToken(ctx.db, ctx.caller.apiKeyId, ctx.rateLimit);
      const scope: Scope = scopeOf(ctx.db, ctx.caller);
      requirePermission(scope.roles, permission);
      return next({ ctx: { ...ctx, scope } });
    }
    if (ctx.user && !ctx.sentCredentials) {
      const member = memberScopeOf(ctx.db, ctx.user);
      if (!member) throw noOrganization();
      requirePermission(member.member.roles, permission);
      return next({ ctx: { ...ctx, scope: member.scope(ctx.mode) } });
    }
    throw new AppError(
      "unauthorized",
      ctx.sentCredentials
        ? "Invalid API key."
        : "Missing API key: send Authorization: Basic base64(<key>:) or Authorization: Bearer <key>.",
    );
  })
  .use(refuseUnstorableText);

/**
 * An operation on the organization's data, by an API key or a signed-in member whose roles grant
 * `permission`; a denied member gets a 403 naming the roles that would do.
 */
export const orgProcedureFor = (permission: Permission) =>
  orgProcedure.meta({ access: permission });

/**
 * The organization's settings (callback URL, signing secrets): owners and admins, by session or by
 * a live key whose roles allow it. Test keys never see them: the secrets sign live callbacks too.
 */
export const orgSettingsProcedure = orgProcedureFor("manage_organization").use(({ ctx, next }) => {
  if (ctx.caller?.isTest)
    throw new AppError(
      "forbidden",
      "Test API keys cannot read or change the organization's settings.",
    );
  return next();
});

const signedIn = baseProcedure
  .use(({ ctx, next }) => {
    if (!ctx.user) throw new AppError("unauthorized", "Sign in to do this.");
    return next({ ctx: { ...ctx, user: ctx.user } });
  })
  .use(refuseUnstorableText);

/** Requires a signed-in person; `ctx.user` is then non-null. */
export const userProcedure = signedIn.meta({ access: "signed_in" });

/** The workspace: a signed-in person; the work services check annotator, reviewer or platform roles. */
export const workerProcedure = signedIn.meta({ access: "worker" });

/**
 * A signed-in member of an organization with `permission` (the dashboard's account pages: keys,
 * members). API keys cannot manage keys or members.
 */
export const memberProcedureFor = (permission: Permission) =>
  signedIn.meta({ access: permission }).use(({ ctx, next }) => {
    const member = memberScopeOf(ctx.db, ctx.user);
    if (!member) throw noOrganization();
    requirePermission(member.member.roles, permission);
    return next({ ctx: { ...ctx, member: member.member, scope: member.scope(ctx.mode) } });
  });

/** Platform administrators only (workforce and queue management). */
export const adminProcedure = signedIn.meta({ access: "platform_admin" }).use(({ ctx, next }) => {
  if (!ctx.user.roles.includes("admin"))
    throw new AppError("forbidden", "Only platform admins can do this.");
  return next();
});
