"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import type { ReactNode } from "react";

import { makeTRPCClient, TRPCProvider } from "./client";

/** One query client and one tRPC client per browser tab, shared by every component below. */
export const QueryProvider = ({ children }: { children: ReactNode }) => {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 5_000, retry: 1 },
          // A change is sent even when the browser says it is offline: the call fails at once and
          // the caller decides (the workspace keeps the draft locally and says so) instead of the
          // change waiting, paused, for the connection to come back.
          mutations: { networkMode: "always" },
        },
      }),
  );
  const [trpcClient] = useState(makeTRPCClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
};
