"use client";

import type { WorkItem } from "@taskforge/api";
import { useCallback, useEffect, useState } from "react";

import { Alert, Button, EmptyState } from "~/components/ui";
import { describeError, trpc } from "~/trpc/client";

import { OpenTask } from "./open-task";

type State =
  | { phase: "loading" }
  | { phase: "idle" }
  | { phase: "claiming" }
  | { phase: "empty" }
  | { phase: "open"; item: WorkItem }
  | { phase: "failed"; message: string };

/** While the queue is empty, how often the page asks again by itself. */
const EMPTY_POLL_MS = 10_000;

/**
 * The Tasker's workspace: resumes the task they hold, or claims one on "Start"; after each
 * submission the next task is claimed by itself.
 */
export const Workspace = () => {
  const [state, setState] = useState<State>({ phase: "loading" });

  const claim = useCallback(async (quietly = false) => {
    if (!quietly) setState({ phase: "claiming" });
    try {
      const item = await trpc.work.next.mutate({
        kind: "annotate",
        base_url: window.location.origin,
      });
      setState(item ? { phase: "open", item } : { phase: "empty" });
    } catch (error) {
      setState({ phase: "failed", message: describeError(error).message });
    }
  }, []);

  useEffect(() => {
    trpc.work.current
      .query({ kind: "annotate", base_url: window.location.origin })
      .then((item) => setState(item ? { phase: "open", item } : { phase: "idle" }))
      .catch((error: unknown) =>
        setState({ phase: "failed", message: describeError(error).message }),
      );
  }, []);

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
          <p className="mb-4 text-slate-700">Claim a task from your queue to begin.</p>
          <Button onClick={() => void claim()}>Start</Button>
        </div>
      );
    case "claiming":
      return <p className="text-sm text-slate-600">Finding your next task…</p>;
    case "empty":
      return (
        <EmptyState title="No tasks right now">
          <p role="status">This page checks for new tasks every 10 seconds by itself.</p>
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
      return (
        <OpenTask key={state.item.assignment_id} item={state.item} onDone={() => void claim()} />
      );
  }
};
