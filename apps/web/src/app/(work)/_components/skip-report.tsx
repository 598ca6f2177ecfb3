"use client";

import type { WorkKind } from "@taskforge/schema";
import type { RouterInputs } from "@taskforge/api";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { ReactNode } from "react";

import { Alert, Button, SelectField, TextAreaField } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

import { Dialog } from "./dialog";

type ProblemReason = RouterInputs["work"]["report"]["reason"];

/** How each problem reason reads to a worker (the keys are the API's reasons). */
const PROBLEM_LABELS: Record<ProblemReason, string> = {
  attachment_unloadable: "The attachment does not load",
  cannot_be_done_as_instructed: "The task cannot be done as instructed",
  other: "Something else",
};

type Target = { assignmentId: string; kind: WorkKind };

/** A dialog whose form sends one work action, shows its error, and closes the task when done. */
const ActionDialog = ({
  open,
  title,
  submitLabel,
  danger = false,
  action,
  onClose,
  onDone,
  children,
}: {
  open: boolean;
  title: string;
  submitLabel: string;
  danger?: boolean;
  action: () => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
  children: ReactNode;
}) => {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          action()
            .then(onDone)
            .catch((caught: unknown) => setError(describeError(caught).message))
            .finally(() => setBusy(false));
        }}
      >
        {error ? <Alert tone="error">{error}</Alert> : null}
        {children}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant={danger ? "danger" : "primary"} disabled={busy}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
};

type DialogProps = { open: boolean; target: Target; onClose: () => void; onDone: () => void };

/** Skip: the task goes back to the queue for someone else, with the worker's reason. */
export const SkipDialog = ({ open, target, onClose, onDone }: DialogProps) => {
  const [reason, setReason] = useState("");
  const skip = useMutation(useTRPC().work.skip.mutationOptions());
  return (
    <ActionDialog
      open={open}
      title="Skip this task"
      submitLabel="Skip task"
      action={() =>
        skip.mutateAsync({
          assignment_id: target.assignmentId,
          kind: target.kind,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        })
      }
      onClose={onClose}
      onDone={onDone}
    >
      <TextAreaField
        label="Why are you skipping it?"
        hint="Someone else gets the task; your reason helps the customer improve it."
        rows={3}
        maxLength={1000}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
    </ActionDialog>
  );
};

/** Report a problem: enough reports (or one from a reviewer) end the task in error. */
export const ReportDialog = ({ open, target, onClose, onDone }: DialogProps) => {
  const [reason, setReason] = useState<ProblemReason>("attachment_unloadable");
  const [details, setDetails] = useState("");
  const report = useMutation(useTRPC().work.report.mutationOptions());
  return (
    <ActionDialog
      open={open}
      title="Report a problem"
      submitLabel="Report problem"
      danger
      action={() =>
        report.mutateAsync({
          assignment_id: target.assignmentId,
          kind: target.kind,
          reason,
          ...(details.trim() ? { details: details.trim() } : {}),
        })
      }
      onClose={onClose}
      onDone={onDone}
    >
      <SelectField
        label="What is wrong?"
        value={reason}
        onChange={(event) => setReason(event.target.value as ProblemReason)}
      >
        {Object.entries(PROBLEM_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Details (optional)"
        rows={3}
        maxLength={2000}
        value={details}
        onChange={(event) => setDetails(event.target.value)}
      />
    </ActionDialog>
  );
};
