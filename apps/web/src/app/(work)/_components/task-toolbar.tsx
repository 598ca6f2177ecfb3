"use client";

import type { WorkKind } from "@taskforge/schema";
import type { Shortcut } from "@taskforge/editors";
import { isTypingTarget } from "@taskforge/editors";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ReactNode } from "react";

import { ConfirmButton } from "~/components/confirm-button";
import { Alert, Button } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

import { HelpOverlay } from "./help-overlay";
import { ReportDialog, SkipDialog } from "./skip-report";
import { clock, useLease } from "./use-lease";

type Item = {
  assignment_id: string;
  kind: WorkKind;
  lease_expires_at: string;
  lease_seconds: number;
};

/**
 * Above an open task: the lease timer (kept alive by heartbeats), the draft's save status, and
 * skip, report and the shortcut help (also on `?`). An expired lease says so and offers to claim
 * again; `onGone` is called when the task is no longer the worker's (skipped, reported, expired).
 * "Stop" gives the task back to the queue for the team and claims nothing more (`onStopped`).
 */
export const TaskToolbar = ({
  item,
  shortcuts,
  status,
  onGone,
  onStopped,
}: {
  item: Item;
  shortcuts: readonly Shortcut[];
  status?: ReactNode;
  onGone: () => void;
  onStopped: () => void;
}) => {
  const lease = useLease(item);
  const [open, setOpen] = useState<"skip" | "report" | "help" | null>(null);
  const [stopError, setStopError] = useState<string | null>(null);
  const release = useMutation(useTRPC().work.release.mutationOptions());
  const stop = () =>
    release
      .mutateAsync({ assignment_id: item.assignment_id, kind: item.kind })
      .then(onStopped, (error: unknown) => setStopError(describeError(error).message));
  const target = { assignmentId: item.assignment_id, kind: item.kind };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "?" || event.ctrlKey || event.metaKey || isTypingTarget(event.target))
        return;
      event.preventDefault();
      setOpen((current) => (current === "help" ? null : "help"));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="space-y-3">
      {lease.expired ? (
        <Alert tone="warning">
          <span className="mr-3">
            Your lease on this task expired, so it went back to the queue and can no longer be
            submitted.
          </span>
          <Button size="sm" onClick={onGone}>
            Claim again
          </Button>
        </Alert>
      ) : null}
      {stopError ? <Alert tone="error">{stopError}</Alert> : null}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-4 py-2">
        <p className="text-sm text-slate-700">
          Lease:{" "}
          <span aria-label="Time left on the lease" className="font-mono tabular-nums">
            {clock(lease.remainingMs)}
          </span>
        </p>
        {status}
        <div className="ml-auto flex flex-wrap gap-2">
          <Button size="sm" variant="ghost" onClick={() => setOpen("help")}>
            Keyboard shortcuts
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setOpen("skip")}>
            Skip
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setOpen("report")}>
            Report a problem
          </Button>
          <ConfirmButton
            label="Stop"
            question="Give this task back to the team? What you did on it is not kept."
            confirmLabel="Give it back"
            onConfirm={() => void stop()}
          />
        </div>
      </div>
      <SkipDialog
        open={open === "skip"}
        target={target}
        onClose={() => setOpen(null)}
        onDone={() => {
          setOpen(null);
          onGone();
        }}
      />
      <ReportDialog
        open={open === "report"}
        target={target}
        onClose={() => setOpen(null)}
        onDone={() => {
          setOpen(null);
          onGone();
        }}
      />
      <HelpOverlay open={open === "help"} onClose={() => setOpen(null)} shortcuts={shortcuts} />
    </div>
  );
};
