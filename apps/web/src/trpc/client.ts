"use client";

import type { AppRouter } from "@taskforge/api";
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  splitLink,
  TRPCClientError,
} from "@trpc/client";

/**
 * The browser's typed client: same-origin, so the session cookie (and the live/test cookie) go along.
 * Components call it from @tanstack/react-query hooks, e.g.
 * `useQuery({ queryKey: ["tasks.list", input], queryFn: () => trpc.tasks.list.query(input) })`.
 */
export const trpc = createTRPCClient<AppRouter>({
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
