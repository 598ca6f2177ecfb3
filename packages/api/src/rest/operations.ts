import { callTRPCProcedure, TRPCError } from "@trpc/server";
import type { AnyTRPCProcedure, AnyTRPCRouter } from "@trpc/server";
import type { z } from "zod";

import type { Context } from "../context";
import { appRouter } from "../routers/root";
import type { AppRouter } from "../routers/root";
import { streamRouter } from "../routers/streams/router";
import type { StreamRouter } from "../routers/streams/router";
import type { Access } from "../trpc";

/** `"tasks.get"` for every procedure of a router record, nested routers included. */
type PathsOf<R> = {
  [K in keyof R & string]: R[K] extends AnyTRPCProcedure
    ? K
    : R[K] extends Record<string, unknown>
      ? `${K}.${PathsOf<R[K]>}`
      : never;
}[keyof R & string];

/** A public operation: a procedure of `appRouter`, or of `streamRouter` for bytes in or out. */
export type OperationPath =
  PathsOf<AppRouter["_def"]["record"]> | PathsOf<StreamRouter["_def"]["record"]>;

type ProcedureDef = {
  type: "query" | "mutation" | "subscription";
  meta?: { access?: Access };
  inputs: unknown[];
  output?: z.ZodType;
};

const proceduresOf = (router: AnyTRPCRouter) =>
  router._def.procedures as Record<string, { _def: ProcedureDef } | undefined>;

const routerOf = (path: string): AnyTRPCRouter | null =>
  proceduresOf(appRouter)[path]
    ? appRouter
    : proceduresOf(streamRouter)[path]
      ? streamRouter
      : null;

/** The procedure's definition, or null when no procedure has that path. */
export const operationDef = (path: string): ProcedureDef | null => {
  const router = routerOf(path);
  return router ? (proceduresOf(router)[path]?._def ?? null) : null;
};

/**
 * Calls an operation the way tRPC's server-side caller does, except that the input is produced only
 * when the procedure reads it: after the credential, permission and rate-limit checks, so a request
 * that fails those has its body left unread. Throws the procedure's TRPCError.
 */
export const callOperation = async (
  ctx: Context,
  path: OperationPath,
  getRawInput: () => Promise<unknown>,
): Promise<unknown> => {
  const router = routerOf(path);
  const def = operationDef(path);
  if (!router || !def) throw new Error(`No procedure ${path}`);
  let input: Promise<unknown> | undefined;
  return callTRPCProcedure({
    router,
    path,
    ctx,
    type: def.type,
    getRawInput: () => (input ??= getRawInput()),
    signal: undefined,
    batchIndex: 0,
  });
};

/**
 * What a failed operation threw, unwrapped from tRPC's error: the domain error (with its status,
 * message and issues), the database failure, or the unexpected error behind a 500.
 */
export const operationErrorCause = (error: unknown): unknown =>
  error instanceof TRPCError && error.cause !== undefined ? error.cause : error;
