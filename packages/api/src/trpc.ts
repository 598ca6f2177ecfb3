/**
 * tRPC initialisation: the context type, error mapping and the base procedures. Procedures are built
 * from `publicProcedure` or `orgProcedure` only; the `t` object itself is not exported.
 * @see https://trpc.io/docs/server/procedures
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { ErrorCode } from "@taskforge/schema";
import { ZodError } from "zod";

import type { Context } from "./context";
import { AppError, DATABASE_UNAVAILABLE_BODY, fromZodError, isDatabaseUnavailable } from "./errors";
import { memberScopeOf, scopeOf } from "./scope";
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

const t = initTRPC.context<Context>().create({
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
  const { cause } = result.error;
  const appError =
    cause instanceof AppError ? cause : cause instanceof ZodError ? fromZodError(cause) : null;
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

export const publicProcedure = t.procedure.use(mapAppErrors).use(refuseUnstorableText);

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
export const orgProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (ctx.caller) {
    if (ctx.rateLimit) await takeRateLimitToken(ctx.db, ctx.caller.apiKeyId, ctx.rateLimit);
    const scope: Scope = scopeOf(ctx.db, ctx.caller);
    return next({ ctx: { ...ctx, scope } });
  }
  if (ctx.user && !ctx.sentCredentials) {
    const member = memberScopeOf(ctx.db, ctx.user);
    if (!member) throw noOrganization();
    return next({ ctx: { ...ctx, scope: member.scope(ctx.mode) } });
  }
  throw new AppError(
    "unauthorized",
    ctx.sentCredentials
      ? "Invalid API key."
      : "Missing API key: send Authorization: Basic base64(<key>:) or Authorization: Bearer <key>.",
  );
});

/** Requires a signed-in person; `ctx.user` is then non-null. */
export const userProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("unauthorized", "Sign in to do this.");
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * A signed-in member of an organization (the dashboard's account pages: keys, members). API keys
 * cannot manage keys or members.
 */
export const memberProcedure = userProcedure.use(({ ctx, next }) => {
  const member = memberScopeOf(ctx.db, ctx.user);
  if (!member) throw noOrganization();
  return next({ ctx: { ...ctx, member: member.member, scope: member.scope(ctx.mode) } });
});

/** Platform administrators only (workforce and queue management). */
export const adminProcedure = userProcedure.use(({ ctx, next }) => {
  if (!ctx.user.roles.includes("admin"))
    throw new AppError("forbidden", "Only platform admins can do this.");
  return next();
});

/**
 * Organization-wide settings (callback URL and secrets): API keys, which act for the whole
 * organization, or signed-in owners; other members may read but not change them.
 */
export const orgOwnerProcedure = orgProcedure.use(({ ctx, next }) => {
  if (!ctx.caller && ctx.user?.organization?.role !== "owner")
    throw new AppError("forbidden", "Only an owner of the organization can change its settings.");
  return next();
});
