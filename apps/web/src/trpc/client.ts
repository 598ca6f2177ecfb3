"use client";

import type { AppRouter } from "@taskforge/api";
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  splitLink,
  TRPCClientError,
} from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";

/**
 * tRPC through TanStack Query. Components read with `useQuery(trpc.tasks.list.queryOptions(input))`,
 * change with `useMutation(trpc.tasks.fix.mutationOptions())` and invalidate with
 * `queryClient.invalidateQueries(trpc.members.list.queryFilter())`, where `trpc = useTRPC()`: the
 * query keys come from the procedures' paths and inputs, never written by hand.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The browser's typed client: same-origin, so the session cookie (and the live/test cookie) go along. */
export const makeTRPCClient = () =>
  createTRPCClient<AppRouter>({
    links: [
      // A call with an idempotency key (`{ context: { idempotencyKey } }`) goes on its own, so
      // its header applies to it alone and not to a batch it would share.
      splitLink({
        condition: (op) => typeof op.context.idempotencyKey === "string",
        true: httpLink({
          url: "/api/trpc",
          headers: ({ op }) => ({ "idempotency-key": op.context.idempotencyKey as string }),
        }),
        false: httpBatchLink({ url: "/api/trpc", maxURLLength: 4000 }),
      }),
    ],
  });

export type FieldErrors = Record<string, string>;

/** The message and per-field messages of a failed call, for forms to show next to their fields. */
export const describeError = (error: unknown): { message: string; fields: FieldErrors } => {
  if (!(error instanceof TRPCClientError))
    return { message: error instanceof Error ? error.message : String(error), fields: {} };
  const data = error.data as
    { apiError?: { error: string; issues?: { path: string; message: string }[] } } | undefined;
  const fields: FieldErrors = {};
  for (const issue of data?.apiError?.issues ?? []) fields[issue.path] = issue.message;
  return { message: data?.apiError?.error ?? error.message, fields };
};
