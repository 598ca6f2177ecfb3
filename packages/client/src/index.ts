import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { TRPCClient } from "@trpc/client";
import type { ApiErrorBody } from "@taskforge/schema";
// Type-only: the server's code never ships with the client.
import type { AppRouter } from "@taskforge/api";

export type * from "@taskforge/schema";
export type { AppRouter, RouterInputs, RouterOutputs } from "@taskforge/api";
export * from "./webhooks";

export type TaskforgeClientOptions = {
  /** Where taskforge is served, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** A `live_…` or `test_…` key; the key decides which world (live or test) the client sees. */
  apiKey: string;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
};

/** Per-call options, passed as `{ context: { idempotencyKey } }` to a mutation. */
export type TaskforgeCallContext = { idempotencyKey?: string };

/**
 * A typed client over taskforge's procedures. Objects travel as plain JSON, exactly the public
 * task object of the REST API and callbacks (timestamps are ISO strings).
 * @example
 * const taskforge = createTaskforgeClient({ baseUrl: "http://localhost:3000", apiKey });
 * const task = await taskforge.tasks.create.mutate({ type: "categorization", params: { ... } });
 */
export const createTaskforgeClient = (options: TaskforgeClientOptions): TRPCClient<AppRouter> =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${options.baseUrl.replace(/\/+$/, "")}/api/trpc`,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        headers: ({ op }) => {
          const { idempotencyKey } = op.context as TaskforgeCallContext;
          return {
            ...options.headers,
            authorization: `Bearer ${options.apiKey}`,
            ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
          };
        },
      }),
    ],
  });

export type TaskforgeClient = ReturnType<typeof createTaskforgeClient>;

/**
 * The server's error body (`status_code`, `error` and field `issues`) of a failed call, or null when
 * the failure did not come from the server (network down, for instance).
 */
export const apiErrorOf = (error: unknown): ApiErrorBody | null => {
  if (!(error instanceof TRPCClientError)) return null;
  const data = (error as TRPCClientError<AppRouter>).data as
    { apiError?: ApiErrorBody } | undefined;
  return data?.apiError ?? null;
};
