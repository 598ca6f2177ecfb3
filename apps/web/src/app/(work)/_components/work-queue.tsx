"use client";

import type { WorkItem, WorkKind } from "@taskforge/api";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import type { ReactNode } from "react";

import { Alert, Button, EmptyState } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

type State =
  | { phase: "loading" }
  | { phase: "idle" }
  | { phase: "claiming" }
  | { phase: "empty" }
  | { phase: "open"; item: WorkItem }
  | { phase: "failed"; message: string };

/** While the queue is empty, how often the page asks again by itself. */
const EMPTY_POLL_MS = 10_000;

/** What the workspace and the review desk say in each state of their queue. */
export type QueueTexts = { begin: string; finding: string; empty: string; polling: string };

/**
 * A worker's queue of one kind: resumes the item they hold, or claims one on "Start"; after each
 * finished item the next is claimed by itself; an empty queue is asked again every 10 s.
 * Signed attachment URLs are made absolute with the page's origin (the task schemas want them so).
 */
export const WorkQueue = ({
  kind,
  texts,
  children,
}: {
  kind: WorkKind;
  texts: QueueTexts;
  /** `next` claims the next item; `stop` leaves the queue idle (the item was given back). */
  children: (item: WorkItem, next: () => void, stop: () => void) => ReactNode;
}) => {
  const trpc = useTRPC();
  // The item held on arrival, read once per visit (the page is rendered on the server too, where
  // there is no origin yet and nothing is fetched).
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const held = useQuery(
    trpc.work.current.queryOptions(
      { kind, base_url: origin },
      {
        enabled: origin !== "",
        staleTime: Infinity,
        gcTime: 0,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
    ),
  );
  // Once the worker claims, stops or fails, this state takes over from the held item.
  const [local, setState] = useState<State | null>(null);
  const state: State =
    local ??
    (held.isError
      ? { phase: "failed", message: describeError(held.error).message }
      : held.isPending
        ? { phase: "loading" }
        : held.data
          ? { phase: "open", item: held.data }
          : { phase: "idle" });

  const { mutateAsync: claimNext } = useMutation(trpc.work.next.mutationOptions());
  const claim = useCallback(
    async (quietly = false) => {
      if (!quietly) setState({ phase: "claiming" });
      try {
        const item = await claimNext({ kind, base_url: window.location.origin });
        setState(item ? { phase: "open", item } : { phase: "empty" });
      } catch (error) {
        setState({ phase: "failed", message: describeError(error).message });
      }
    },
    [kind, claimNext],
  );

  useEffect(() => {
    if (state.phase !== "empty") return;
    const timer = setInterval(() => void claim(true), EMPTY_POLL_MS);
    return () => clearInterval(timer);
  }, [state.phase, claim]);

  switch (state.phase) {
    case "loading":
      return <p className="text-sm text-slate-600">Loading…</p>;
    case "idle":
      return (
        <div className="rounded-lg border border-slate-200 bg-white px-6 py-10 text-center">
          <p className="mb-4 text-slate-700">{texts.begin}</p>
          <Button onClick={() => void claim()}>Start</Button>
        </div>
      );
    case "claiming":
      return <p className="text-sm text-slate-600">{texts.finding}</p>;
    case "empty":
      return (
        <EmptyState title={texts.empty}>
          <p role="status">{texts.polling}</p>
          <Button className="mt-4" variant="secondary" onClick={() => void claim()}>
            Check now
          </Button>
        </EmptyState>
      );
    case "failed":
      return (
        <div className="space-y-3">
          <Alert tone="error">{state.message}</Alert>
          <Button onClick={() => void claim()}>Start</Button>
        </div>
      );
    case "open":
      return children(
        state.item,
        () => void claim(),
        () => setState({ phase: "idle" }),
      );
  }
};
