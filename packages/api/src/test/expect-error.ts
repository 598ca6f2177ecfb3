import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

/** Awaits a call that must fail with the given tRPC code; returns the error for further checks. */
export const expectTRPCError = async (
  call: Promise<unknown>,
  code: TRPCError["code"],
): Promise<TRPCError> => {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  return error as TRPCError;
};
